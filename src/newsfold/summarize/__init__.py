"""Extractive event summaries whose every sentence names the articles that state it.

Modules, in the order they are used: candidates (sentences that can stand alone), compress
(deletion-only shortening), concepts (weighted word pairs), coverage (choosing sentences),
attribution (who states what), event (the three summaries of one event).
"""

from newsfold.summarize.attribution import Attributor, normalise_for_match
from newsfold.summarize.coverage import best_cover
from newsfold.summarize.event import EventSummaries, summarize_event, summarize_update

__all__ = ["Attributor", "EventSummaries", "best_cover", "normalise_for_match", "summarize_event", "summarize_update"]
