"""Concepts: the stemmed word pairs an event's stories share, weighted by how many say them.

A concept is a pair of adjacent words, Porter-stemmed and joined by a space ("arrested
Pinochet" and "arrest Pinochet" are the one concept "arrest pinochet"), unless both are stop
words ("said on", "of the"). Its weight is
the number of the event's stories that use it (a copy of a story counts once), plus
``lead_bonus`` for each story that uses it in its first sentences: news states the event
first. Concepts in fewer than ``min_support`` stories are noise for
the summary and get no weight (Gillick and Favre, 2009).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain, pairwise

import snowballstemmer

from newsfold.stopwords import STOP_WORDS
from newsfold.tokens import ALNUM

Concept = str
"""Two stems joined by a space (a stem has none). Strings sort as the pairs would."""


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
    return frozenset([f"{a} {b}" for (a, b), (first, second) in pairs if not (first and second)])


def support_threshold(stories: int, min_support: int) -> int:
    """The fewest stories a concept must be in: ``min_support``, less for small events.

    One story: every concept counts; two to five: a concept must be in two.
    """
    if stories == 1:
        return 1
    return min(min_support, 2) if stories <= 5 else min_support


def concept_weights(
    support: Sequence[Iterable[Concept]],
    leads: Sequence[Iterable[Concept]],
    *,
    min_support: int = 3,
    lead_bonus: float = 0.5,
) -> dict[Concept, float]:
    """Weight of every concept that enough of the event's stories share.

    Args:
        support: for each story, the distinct concepts of its canonical article.
        leads: for each story, the distinct concepts of its lead sentences.
        min_support: see :func:`support_threshold`.
        lead_bonus: added per story that has the concept in its lead.
    """
    counts = Counter(chain.from_iterable(support))
    in_leads = Counter(chain.from_iterable(leads))
    least = support_threshold(len(support), min_support)
    if not any(n >= least for n in counts.values()):
        least = 1  # stories with nothing in common: each still has something to say
    # In sorted order: set order changes from one Python process to the next (string hashing is
    # salted), and the solver's choice between equal covers follows the order of its columns.
    return {c: n + lead_bonus * in_leads[c] for c, n in sorted(counts.items()) if n >= least}
