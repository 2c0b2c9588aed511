"""An event's stories and articles from the rows the store keeps, and its summaries from them.

The store reads an event's rows; turning them into stories (copies recognised as they were
stored) and summarising them is the slow part, done in a worker process when there are several.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsfold.config import SummarySettings
from newsfold.dedup import make_story
from newsfold.pipeline import make_event
from newsfold.store.copies import shingle_set
from newsfold.store.records import load_article
from newsfold.types import Article, Event, Story

MemberRow = tuple[str, str, bytes]
"""One stored article of an event: its story's id, its record, its shingle set."""


def load_members(rows: Sequence[MemberRow]) -> tuple[list[Story], dict[str, Article]]:
    """The event's stories, in id order, and its articles by id, from its rows in the order
    the articles were stored."""
    by_story: dict[str, list[tuple[Article, np.ndarray]]] = {}
    for story, record, blob in rows:
        by_story.setdefault(story, []).append((load_article(record), shingle_set(blob)))
    stories = [
        make_story([a for a, _ in members], [s for _, s in members], story_id=story)
        for story, members in sorted(by_story.items())
    ]
    return stories, {a.id: a for members in by_story.values() for a, _ in members}


def build_event(rows: Sequence[MemberRow], settings: SummarySettings) -> Event:
    """The event of these rows with its headline, summary and brief (its id is the caller's to set)."""
    return make_event(*load_members(rows), settings)
