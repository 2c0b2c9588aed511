"""The text an event's extraction reads, and which articles carry what it finds.

Extraction is the slow part of newsfold (named-entity recognition), so it reads each story
once: the canonical article's paragraphs, plus any paragraph of another copy that the
canonical does not have (an updated copy's new quotes) or that writes a number it does not
(an update's "at least 23 killed" where the canonical said 14). An item found there is then
credited to every article of the event that carries its words, so a quote reprinted by
three outlets is one quote with three articles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsfold.sentences import split_sentences
from newsfold.tokens import ALNUM
from newsfold.types import Article, Story

CARRIED = 0.7
"""A text is carried by an article holding at least this share of its word triples."""
NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph to read: its text, the article it was read from, and its index there."""

    text: str
    article: str
    story: str
    index: int


def words(text: str) -> list[str]:
    """Lower-case words, with spelling variants folded (``-our``/``-or``, ``-re``/``-er``)."""
    return [_fold_spelling(w) for w in ALNUM.findall(text.lower())]


@lru_cache(maxsize=200_000)
def _fold_spelling(word: str) -> str:
    if word.endswith("our") and len(word) > 5:
        return word[:-3] + "or"  # harbour -> harbor, labour -> labor
    if word.endswith("tre") or word.endswith("tres"):
        return word.replace("tre", "ter")  # metres -> meters, centre -> center
    if word.endswith("ise") or word.endswith("ised"):
        return word.replace("ise", "ize")
    return word


def word_triples(ws: Sequence[str]) -> list[tuple[str, ...]]:
    """The word triples of ``ws`` in order (its words alone when it has fewer than three)."""
    if len(ws) < 3:
        return [tuple(ws)] if ws else []
    return [tuple(ws[k : k + 3]) for k in range(len(ws) - 2)]


def triples(text: str) -> frozenset[tuple[str, ...]]:
    """The text's word triples (its words alone when it has fewer than three)."""
    return frozenset(word_triples(words(text)))


class Carriers:
    """Finds the articles of an event that carry a piece of text (an index from word triple to
    the articles holding it, so a lookup costs the text's triples, not the event's size)."""

    def __init__(self, articles: Sequence[Article]):
        self._holders: dict[tuple[str, ...], list[int]] = {}
        for k, article in enumerate(articles):
            for t in frozenset().union(*(triples(p) for p in article.paragraphs)):
                self._holders.setdefault(t, []).append(k)
        self._ids = [a.id for a in articles]

    def __call__(self, text: str, *, also: Sequence[str] = ()) -> tuple[str, ...]:
        """Ids of the articles holding at least ``CARRIED`` of ``text``'s word triples, plus ``also``."""
        wanted = triples(text)
        counts: dict[int, int] = {}
        for t in wanted:
            for k in self._holders.get(t, ()):
                counts[k] = counts.get(k, 0) + 1
        need = CARRIED * len(wanted)
        found = {self._ids[k] for k, n in counts.items() if wanted and n >= need} | set(also)
        return tuple(a for a in self._ids if a in found)


def passages(stories: Sequence[Story], articles: Mapping[str, Article]) -> list[Passage]:
    """Every story's canonical paragraphs, then the paragraphs only its other copies have, or
    that write numbers the paragraphs read so far do not."""
    out: list[Passage] = []
    for story in stories:
        canonical = articles[story.canonical]
        out.extend(Passage(p, canonical.id, story.id, k) for k, p in enumerate(canonical.paragraphs))
        known = frozenset().union(*(triples(p) for p in canonical.paragraphs))
        numbers = {n for p in canonical.paragraphs for n in NUMBER.findall(p)}
        for member in story.articles:
            if member == story.canonical:
                continue
            for k, paragraph in enumerate(articles[member].paragraphs):
                own, written = triples(paragraph), set(NUMBER.findall(paragraph))
                if not own or not (new := len(own & known) < CARRIED * len(own)) and not written - numbers:
                    continue
                text = paragraph if new else _with_new_numbers(paragraph, numbers)
                out.append(Passage(text, member, story.id, k))
                known, numbers = known | own, numbers | written
    return out


def _with_new_numbers(paragraph: str, numbers: set[str]) -> str:
    """The sentences of ``paragraph`` writing a number not in ``numbers``: what an update
    changed, without the sentences around it, read already."""
    return " ".join(s for s in split_sentences(paragraph) if set(NUMBER.findall(s)) - numbers)
