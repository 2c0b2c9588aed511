"""Who, what, how much and when: the facts of one event, each traced to its articles.

:func:`extract_event` reads each story once (:mod:`~newsfold.extract.passages`), finds
entities (:mod:`~newsfold.extract.entities`, with spaCy when installed), quotes
(:mod:`~newsfold.extract.quotes`), figures (:mod:`~newsfold.extract.figures`) and dates
(:mod:`~newsfold.extract.timeline`), credits each to every article that carries it, and
compares the stories (:mod:`~newsfold.extract.agreement`).
"""

from __future__ import annotations

from newsfold.extract.event import extract_event

__all__ = ["extract_event"]
