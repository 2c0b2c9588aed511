"""Extractive event summaries whose every sentence names the articles that state it."""

from newsfold.summarize.attribution import Attributor, normalise_for_match
from newsfold.summarize.base import Candidate, candidates, select
from newsfold.summarize.support import SupportSummarizer, summarize_event

SUMMARIZERS = {"support": SupportSummarizer}

__all__ = [
    "SUMMARIZERS",
    "Attributor",
    "Candidate",
    "SupportSummarizer",
    "candidates",
    "normalise_for_match",
    "select",
    "summarize_event",
]
