"""Extractive event summaries whose every sentence names the articles that state it."""

from newsfold.summarize.attribution import Attributor, normalise_for_match
from newsfold.summarize.candidates import Candidate, candidates
from newsfold.summarize.compress import compress
from newsfold.summarize.coverage import best_cover
from newsfold.summarize.event import EventSummaries, summarize_event

__all__ = [
    "Attributor",
    "Candidate",
    "EventSummaries",
    "best_cover",
    "candidates",
    "compress",
    "normalise_for_match",
    "summarize_event",
]
