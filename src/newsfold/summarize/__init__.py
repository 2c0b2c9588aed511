"""Extractive event summaries whose every sentence names the articles that state it.

Modules, in the order they are used: candidates (sentences that can stand alone), compress
(deletion-only shortening), concepts (weighted word pairs), coverage (choosing sentences),
attribution (who states what), notes (what the summariser reads of one story, which the store
keeps), event (the three summaries of one event).
"""

from newsfold.summarize.attribution import Attributor, normalise_for_match
from newsfold.summarize.coverage import best_cover
from newsfold.summarize.event import EventSummaries, summarize_event, summarize_update
from newsfold.summarize.notes import StoryNotes, dump_notes, load_notes, notes_key, take_notes

__all__ = [
    "Attributor",
    "EventSummaries",
    "StoryNotes",
    "best_cover",
    "dump_notes",
    "load_notes",
    "normalise_for_match",
    "notes_key",
    "summarize_event",
    "summarize_update",
    "take_notes",
]
