"""Online event grouping: new stories join the events already formed, or open new ones.

A batch of new stories is grouped together with its *neighbourhood*: the events its
stories resemble. The neighbourhood is re-clustered exactly as a batch run would cluster it
(:func:`newsfold.cluster.average_linkage`, then :func:`newsfold.cluster.reassign`), so an early
mistake can still be undone when later reports make the picture clear. Events of more than
``SETTLED`` stories are settled: they enter as one node that weighs its size, can grow and
absorb, but are not taken apart, which bounds the work per batch however large events grow.

Term weights follow the whole store: each story keeps its raw term counts, and its vector is
weighed with the document frequencies of the moment (:func:`weigh`), as a batch run would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from newsfold.cluster import average_linkage, reassign, similarity_graph
from newsfold.config import ClusterSettings
from newsfold.features import DIMENSIONS, SATURATION, document_terms

SETTLED = 50
"""Events with more stories than this are not re-clustered, only grown."""
INDEXED_TERMS = 40
"""Words of each story kept in the neighbour index: its weightiest (names, mostly)."""
CANDIDATES = 60
"""Stories sharing the most rare terms with a new story whose similarity is computed exactly."""


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """What one regrouping sees.

    ``vectors`` and ``days`` are the stories that may move (the new ones and those of
    unsettled events nearby); ``settled`` the sizes of the settled events nearby;
    ``links[(i, k)]`` the summed similarity of story i with the members of settled event k.
    """

    vectors: sp.csr_matrix
    days: np.ndarray
    settled: Sequence[int] = ()
    links: Mapping[tuple[int, int], float] = field(default_factory=dict)


def regroup(hood: Neighbourhood, settings: ClusterSettings) -> list[list[int]]:
    """Group a neighbourhood: story i is node i, settled event k is node n + k.

    Returns:
        Lists of node indices, one per event, each sorted.
    """
    n, m = hood.vectors.shape[0], len(hood.settled)
    if n + m == 0:
        return []
    edges = similarity_graph(hood.vectors, hood.days, settings) if n else {}
    for (i, k), weight in hood.links.items():
        edges[(i, n + k)] = weight
    sizes = [1] * n + list(hood.settled)
    groups = average_linkage(n + m, edges, settings.threshold, sizes=sizes)
    return reassign(n + m, edges, groups, settings.threshold, passes=settings.refine_passes, sizes=sizes)


def story_terms(tokens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A story's terms (hashed unigrams and bigrams, as in event grouping) and their counts."""
    return document_terms(tokens)


def counts_matrix(rows: Sequence[tuple[np.ndarray, np.ndarray]]) -> sp.csr_matrix:
    """Stories' (terms, counts) as one sparse matrix, a row per story."""
    lengths = [terms.size for terms, _ in rows]
    indptr = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    indices = np.concatenate([t for t, _ in rows]) if rows else np.empty(0, np.int32)
    data = np.concatenate([c for _, c in rows]) if rows else np.empty(0, np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), DIMENSIONS))


class Frequencies:
    """Document frequencies over the hashed term space, one int32 per term: a lookup is an
    index, however many terms. A term in no story reads as 1 (the story itself)."""

    def __init__(self, counts: np.ndarray | None = None) -> None:
        self.counts = np.zeros(DIMENSIONS, dtype=np.int32) if counts is None else counts

    @classmethod
    def of_mapping(cls, df: Mapping[int, int]) -> Frequencies:
        out = cls()
        out.add(np.fromiter(df.keys(), np.int64, len(df)), np.fromiter(df.values(), np.int64, len(df)))
        return out

    def add(self, terms: np.ndarray, counts: np.ndarray) -> None:
        """Add ``counts`` (stories gained, or lost when negative) to ``terms`` (each once)."""
        self.counts[terms] += counts.astype(np.int32)

    def __call__(self, terms: np.ndarray) -> np.ndarray:
        """The frequency of each term, as floats."""
        return np.maximum(self.counts[terms], 1).astype(np.float64)


def weigh(counts: sp.csr_matrix, df: Frequencies, stories: int) -> sp.csr_matrix:
    """Event-grouping vectors from raw counts, with the given document frequencies.

    The same weights as :func:`newsfold.features.story_vectors` over a collection of
    ``stories`` stories whose document frequencies are ``df``.
    """
    x = counts.copy()
    freq = df(x.indices)
    x.data = x.data * (SATURATION + 1.0) / (x.data + SATURATION)
    idf = np.log((1.0 + stories) / (1.0 + freq)) + 1.0
    if stories >= 100:
        idf[freq > 0.5 * stories] = 0.0
    x.data = (x.data * idf).astype(np.float32)
    lengths = np.diff(x.indptr)
    filled = lengths > 0  # a story of no content words ("!!!") has an empty row
    norms = np.ones(len(lengths))
    if filled.any():  # reduceat reads past the end for an empty last row, so it skips them all
        norms[filled] = np.sqrt(np.add.reduceat(x.data.astype(np.float64) ** 2, x.indptr[:-1][filled]))
    norms[norms == 0] = 1.0
    x.data = (x.data / np.repeat(norms, lengths)).astype(np.float32)
    # A term of one story adds to its norm but to no dot product (as in story_vectors).
    x.data[freq < 2] = 0.0
    x.eliminate_zeros()
    x.sort_indices()
    return x


def key_words(tokens: np.ndarray, df: Frequencies, stories: int, k: int = INDEXED_TERMS) -> np.ndarray:
    """A story's ``k`` weightiest words (saturated tf times idf; ties: smaller term first).

    Words, not word pairs: most pairs of a story are in no other story, and an index of them
    would find nothing.
    """
    terms, counts = document_terms(tokens, bigrams=False)
    freq = df(terms)
    weight = counts * (SATURATION + 1.0) / (counts + SATURATION) * (np.log((1.0 + stories) / (1.0 + freq)) + 1.0)
    order = np.lexsort((terms, -weight))
    return terms[order[:k]]


def decayed(sims: np.ndarray, day: float, days: np.ndarray, settings: ClusterSettings) -> np.ndarray:
    """Similarities times the time decay of batch grouping (zero beyond the window)."""
    gap = np.abs(days - day)
    factor = np.where(np.isnan(gap), 1.0, np.exp(-np.nan_to_num(gap) / settings.decay_days))
    factor[~np.isnan(gap) & (gap > settings.window_days)] = 0.0
    return sims * factor


def event_id(stories: Sequence[str]) -> str:
    """A new event's id: from its founding stories, as ``fold`` names events."""
    return "e-" + hashlib.sha1("\n".join(sorted(stories)).encode()).hexdigest()[:10]


def name_groups(groups: Sequence[Sequence[str]], current: Mapping[str, str]) -> list[str]:
    """An event id for each group of story ids: the id of the existing event it keeps most of.

    Larger groups choose first; each existing id goes to one group at most; a group that
    keeps no unclaimed event gets a new id from its stories.
    """
    names: list[str] = [""] * len(groups)
    taken: set[str] = set()
    for g in sorted(range(len(groups)), key=lambda g: (-len(groups[g]), min(groups[g]))):
        votes: dict[str, int] = {}
        for story in groups[g]:
            if story in current and current[story] not in taken:
                votes[current[story]] = votes.get(current[story], 0) + 1
        if votes:
            names[g] = min(votes, key=lambda e: (-votes[e], e))
        else:
            names[g] = event_id(groups[g])
        taken.add(names[g])
    return names
