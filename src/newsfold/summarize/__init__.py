"""Extractive event summaries whose every sentence names the articles that state it."""

from newsfold.summarize.attribution import normalise_for_match, sources_of
from newsfold.summarize.base import Candidate, candidates, select
from newsfold.summarize.support import SupportSummarizer, summarize_event

SUMMARIZERS = {"support": SupportSummarizer}

__all__ = [
    "SUMMARIZERS",
    "Candidate",
    "SupportSummarizer",
    "candidates",
    "normalise_for_match",
    "select",
    "sources_of",
    "summarize_event",
]
