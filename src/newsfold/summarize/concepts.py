"""Concepts: the stemmed word pairs an event's stories share, weighted by how many say them.

A concept is a pair of adjacent words, Porter-stemmed ("arrested Pinochet" and "arrest
Pinochet" are one concept), unless both are stop words ("said on", "of the"). Its weight is
the number of the event's stories that use it (a copy of a story counts once), plus
``lead_bonus`` for each story that uses it in its first sentences: news states the event
first. Concepts in fewer than ``min_support`` stories are noise for
the summary and get no weight (Gillick and Favre, 2009).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

import snowballstemmer

from newsfold.stopwords import STOP_WORDS
from newsfold.summarize.candidates import Candidate
from newsfold.tokens import ALNUM
from newsfold.types import Article

Concept = tuple[str, str]


_PORTER = snowballstemmer.stemmer("porter")  # the stemmer ROUGE uses; PyStemmer's C build when installed


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of a lower-case word (cached: a run sees few distinct words)."""
    return _PORTER.stemWord(word)


def concepts(text: str) -> frozenset[Concept]:
    """The stemmed adjacent word pairs of ``text`` that are not two stop words."""
    words = ALNUM.findall(text.lower())
    stop = [w in STOP_WORDS for w in words]
    pairs = zip(pairwise(map(stem, words)), pairwise(stop), strict=True)
    return frozenset([pair for pair, (first, second) in pairs if not (first and second)])


def support_threshold(stories: int, min_support: int) -> int:
    """The fewest stories a concept must be in: ``min_support``, less for small events.

    One story: every concept counts; two to five: a concept must be in two.
    """
    if stories == 1:
        return 1
    return min(min_support, 2) if stories <= 5 else min_support


def concept_weights(
    canonicals: Sequence[Article],
    pool: Sequence[Candidate],
    *,
    min_support: int = 3,
    lead_sentences: int = 2,
    lead_bonus: float = 0.5,
) -> dict[Concept, float]:
    """Weight of every concept that enough of the event's stories share.

    Args:
        canonicals: one article per story.
        pool: the candidate sentences (their positions tell which sentences are leads).
        min_support: see :func:`support_threshold`.
        lead_sentences: how many of a story's first sentences count as its lead.
        lead_bonus: added per story that has the concept in its lead.
    """
    support: dict[Concept, int] = {}
    for article in canonicals:
        for concept in frozenset().union(*(concepts(p) for p in article.paragraphs)):
            support[concept] = support.get(concept, 0) + 1
    in_lead: set[tuple[int, Concept]] = set()  # (story, concept): each story counts once
    for candidate in pool:
        if candidate.position < lead_sentences:
            in_lead.update((candidate.story, concept) for concept in concepts(candidate.source))
    leads: dict[Concept, int] = {}
    for _, concept in in_lead:
        leads[concept] = leads.get(concept, 0) + 1
    least = support_threshold(len(canonicals), min_support)
    if not any(n >= least for n in support.values()):
        least = 1  # stories with nothing in common: each still has something to say
    # In sorted order: set order changes from one Python process to the next (string hashing is
    # salted), and the solver's choice between equal covers follows the order of its columns.
    return {c: n + lead_bonus * leads.get(c, 0) for c, n in sorted(support.items()) if n >= least}
