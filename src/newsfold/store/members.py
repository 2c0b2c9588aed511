"""An event's stories and articles from the rows the store keeps, and its summaries from them.

The store reads an event's rows; turning them into stories (copies recognised as they were
stored) and summarising them is the slow part, done in a worker process when there are several.
Most of that is the summariser's notes on each story, which the store keeps for the next time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from newsfold.config import SummarySettings
from newsfold.dedup import make_story
from newsfold.pipeline import make_event
from newsfold.store.base import Database
from newsfold.store.copies import shingle_set
from newsfold.store.records import load_article
from newsfold.summarize import dump_notes, load_notes, notes_key, take_notes
from newsfold.types import Article, Event, Story

MemberRow = tuple[str, str, bytes | None, int]
"""One stored article of an event: its story's id, its record, its shingle set (None when
not read), its number."""


def member_rows(db: Database, event: str, *, shingles: bool = True) -> list[MemberRow]:
    """The rows of the event's articles, in the order they were stored; without their shingle
    sets unless ``shingles`` (only a story's similarity and containment need them, and they
    are most of the bytes)."""
    return db.query(
        f"SELECT s.id, a.record, {'a.shingle_set' if shingles else 'NULL'}, a.seq "
        "FROM stories s JOIN articles a ON a.story = s.id WHERE s.event = ? ORDER BY a.seq",
        (event,),
    )


def member_ids(db: Database, event: str) -> tuple[tuple[str, int], ...]:
    """(story, article number) of each of the event's articles, in the order of :func:`member_rows`."""
    rows = db.query(
        "SELECT s.id, a.seq FROM stories s JOIN articles a ON a.story = s.id WHERE s.event = ? ORDER BY a.seq",
        (event,),
    )
    return tuple((story, seq) for story, seq in rows)


def stored_notes(db: Database, event: str) -> dict[str, bytes | None]:
    """Story id -> the summariser's notes on it, of each story of the event (None: not taken yet)."""
    rows = db.query(
        "SELECT s.id, n.notes FROM stories s LEFT JOIN story_notes n ON n.story = s.id WHERE s.event = ?",
        (event,),
    )
    return dict(rows)


def load_members(rows: Sequence[MemberRow]) -> tuple[list[Story], dict[str, Article]]:
    """The event's stories, in id order, and its articles by id, from its rows in the order
    the articles were stored (the stories' similarity and containment only when the rows
    have their shingle sets)."""
    by_story: dict[str, list[tuple[Article, np.ndarray | None]]] = {}
    for story, record, blob, _ in rows:
        by_story.setdefault(story, []).append((load_article(record), None if blob is None else shingle_set(blob)))
    stories = []
    for story, members in sorted(by_story.items()):
        sets = [s for _, s in members]
        measured = None if any(s is None for s in sets) else sets
        stories.append(make_story([a for a, _ in members], measured, story_id=story))
    return stories, {a.id: a for members in by_story.values() for a, _ in members}


def build_event(
    rows: Sequence[MemberRow], noted: Mapping[str, bytes | None], settings: SummarySettings
) -> tuple[Event, dict[str, bytes]]:
    """The event of these rows with its headline, summary and brief (its id is the caller's to
    set), and the notes it had to take: on the stories whose ``noted`` notes (story id -> the
    stored notes, or None) are missing or were taken with other settings."""
    stories, articles = load_members(rows)
    key = notes_key(settings)
    notes, taken = {}, {}
    for story in stories:
        blob = noted.get(story.id)
        found = load_notes(blob) if blob else None
        if found is None or found.key != key:
            found = take_notes(articles[story.canonical], settings)
            taken[story.id] = dump_notes(found)
        notes[story.id] = found
    return make_event(stories, articles, settings, notes), taken
