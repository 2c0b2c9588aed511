"""TF-IDF vectors of word unigrams and bigrams, built straight from word-id arrays.

Term frequency is saturated as in BM25 (tf * (k1 + 1) / (tf + k1)) without BM25's length
term, since rows are L2-normalised anyway: a name repeated ten times in one article should
not outweigh five other names shared with another report of the same event.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
import scipy.sparse as sp

from newsfold.stopwords import STOP_WORDS
from newsfold.tokens import NUMBER, TokenHasher

DIMENSIONS = 1 << 22
_MIX = np.uint32(0x85EBCA6B)
SATURATION = 0.5
"""BM25 k1 for term frequency. Low: whether a story uses a term matters more than how often."""


@cache
def stop_ids() -> np.ndarray:
    """Sorted ids of the stop words (newsfold.stopwords) and of numbers (read-only)."""
    ids = np.union1d(TokenHasher().ids(STOP_WORDS), np.array([NUMBER], dtype=np.uint32))
    ids.flags.writeable = False
    return ids


def terms_of(ids: np.ndarray, *, bigrams: bool = True) -> np.ndarray:
    """A document's hashed features, in text order: its content words (no stop words or
    numbers) and, with ``bigrams``, each pair of neighbouring content words."""
    stops = stop_ids()
    at = np.searchsorted(stops, ids)
    at[at == stops.size] = 0
    content = ids[stops[at] != ids]
    with np.errstate(over="ignore"):
        pairs = content[:-1] * _MIX ^ content[1:] if bigrams else content[:0]
    return (np.concatenate((content, pairs)) & np.uint32(DIMENSIONS - 1)).astype(np.int32)


def document_terms(ids: np.ndarray, *, bigrams: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """One document's distinct features (:func:`terms_of`), sorted, and their counts: a row
    of :func:`term_counts` without building a matrix."""
    terms, counts = np.unique(terms_of(ids, bigrams=bigrams), return_counts=True)
    return terms, counts.astype(np.float32)


def term_counts(tokens: Sequence[np.ndarray], *, bigrams: bool = True) -> sp.csr_matrix:
    """Counts of unigram and bigram features per document (hashed into DIMENSIONS columns)."""
    cols = [terms_of(ids, bigrams=bigrams) for ids in tokens]
    n = len(tokens)
    row_index = np.repeat(np.arange(n, dtype=np.int32), [c.size for c in cols])
    col_index = np.concatenate(cols) if cols else np.empty(0, np.int32)
    data = np.ones(row_index.size, dtype=np.float32)
    counts = sp.csr_matrix((data, (row_index, col_index)), shape=(n, DIMENSIONS))
    counts.sum_duplicates()
    return counts


def story_vectors(
    tokens: Sequence[np.ndarray], *, min_df: int = 1, saturation: float | None = SATURATION
) -> sp.csr_matrix:
    """Vectors for event grouping, one per story (the word ids of its canonical article).

    Args:
        tokens: word ids per story.
        min_df: drop terms found in fewer stories.
        saturation: BM25 k1 for term frequency (None: 1 + log tf).
    """
    counts = term_counts(tokens)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    vectors = tfidf(counts, min_df=min_df, saturation=saturation, df=df)
    # A term of a single story adds to its norm but to no dot product: drop it once the
    # rows are normalised. Similarities are unchanged and the rows get much shorter.
    vectors.data[df[vectors.indices] < 2] = 0.0
    vectors.eliminate_zeros()
    vectors.sort_indices()
    return vectors


def tfidf(
    counts: sp.csr_matrix,
    *,
    min_df: int = 2,
    max_df: float = 0.5,
    saturation: float | None = SATURATION,
    df: np.ndarray | None = None,
) -> sp.csr_matrix:
    """TF-IDF with saturated term frequency and smoothed IDF, rows L2-normalised.

    Args:
        counts: raw term counts, one row per document.
        min_df: terms in fewer documents are dropped (capped at the number of documents).
        max_df: terms in more than this share of documents are dropped, but only in
            collections of 100 documents or more: in a handful of articles about one event
            the event's own words are in every document.
        saturation: BM25's k1: tf becomes tf * (k1 + 1) / (tf + k1), so 1 stays 1 and
            repeats add less and less. None gives the classic sublinear 1 + log(tf).
        df: each term's document frequency, when the caller has counted it already.
    """
    n = counts.shape[0]
    x = counts.copy()
    if saturation is None:
        x.data = 1.0 + np.log(x.data)
    else:
        x.data = x.data * (saturation + 1.0) / (x.data + saturation)
    if df is None:
        df = np.bincount(x.indices, minlength=x.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    keep = df >= min(min_df, max(n, 1))
    if n >= 100:
        keep &= df <= max_df * n
    idf = np.where(keep, idf, 0.0).astype(np.float32)
    x.data *= idf[x.indices]
    x.eliminate_zeros()
    return _normalised(x)


def _normalised(x: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ x, dtype=np.float32)
