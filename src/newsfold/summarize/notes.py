"""What the summariser reads of one story: its concepts and its candidate sentences.

Taking these notes is most of the work of summarising an event, and they depend only on the
story's canonical article. The store keeps them (see ``newsfold.store``): an event that gains
a story is summarised again from the notes of the stories it had and those of the new one.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from itertools import chain

from newsfold.config import SummarySettings
from newsfold.summarize.candidates import Candidate, candidates
from newsfold.summarize.concepts import Concept, concepts
from newsfold.types import Article

FORMAT = 2
"""Bumped when notes taken by an older newsfold must be taken again: when what makes a
candidate, how sentences split or how they compress changes (2: the rules for quotations,
ranks' abbreviations, "here" and a name's own case, December 2026)."""


@dataclass(frozen=True, slots=True)
class StoryNotes:
    """The summariser's notes on one story's canonical article (its candidates are story 0)."""

    key: str
    """The format and the settings they were taken with (:func:`notes_key`)."""
    concepts: tuple[Concept, ...]
    """Every concept of the article, sorted: what its story supports."""
    candidates: tuple[Candidate, ...]
    covers: tuple[tuple[Concept, ...], ...]
    """The concepts of each candidate's text."""
    leads: tuple[tuple[Concept, ...], ...]
    """The concepts of each candidate's source sentence if it is a lead sentence, else none."""


def notes_key(settings: SummarySettings) -> str:
    """What notes depend on besides the article; notes with another key are taken again."""
    s = settings
    return ":".join(
        map(str, (FORMAT, s.story_sentences, s.shorten, s.drop_weekdays, s.back_references, s.lead_sentences))
    )


def take_notes(article: Article, settings: SummarySettings) -> StoryNotes:
    """The notes on ``article`` as the canonical article of a story."""
    found = candidates(
        [article],
        per_story=settings.story_sentences,
        shorten=settings.shorten,
        weekdays=settings.drop_weekdays,
        back_references=settings.back_references,
    )
    every = frozenset().union(*(concepts(p) for p in article.paragraphs))
    covers, leads = [], []
    for c in found:
        covers.append(tuple(sorted(concepts(c.text))))
        if c.position >= settings.lead_sentences:
            leads.append(())
        else:  # the source's concepts are the text's when nothing was cut from it
            leads.append(covers[-1] if c.source == c.text else tuple(sorted(concepts(c.source))))
    return StoryNotes(notes_key(settings), tuple(sorted(every)), tuple(found), tuple(covers), tuple(leads))


def dump_notes(notes: StoryNotes) -> bytes:
    """Compressed JSON; each concept is written once and named by its number after that."""
    names = {c: k for k, c in enumerate(notes.concepts)}
    for concept in chain.from_iterable((*notes.covers, *notes.leads)):
        names.setdefault(concept, len(names))  # a compression can join two words that were not neighbours
    rows = [
        [c.text, c.source, c.position, c.words, [names[x] for x in cover], [names[x] for x in lead]]
        for c, cover, lead in zip(notes.candidates, notes.covers, notes.leads, strict=True)
    ]
    data = {"key": notes.key, "concepts": list(names), "supported": len(notes.concepts), "candidates": rows}
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def load_notes(blob: bytes) -> StoryNotes:
    """The notes that :func:`dump_notes` wrote."""
    data = json.loads(zlib.decompress(blob))
    names, rows = data["concepts"], data["candidates"]
    return StoryNotes(
        key=data["key"],
        concepts=tuple(names[: data["supported"]]),
        candidates=tuple(Candidate(text, source, 0, position, words) for text, source, position, words, _, _ in rows),
        covers=tuple(tuple(names[k] for k in row[4]) for row in rows),
        leads=tuple(tuple(names[k] for k in row[5]) for row in rows),
    )
