"""Array operations NumPy has, done the way that is fast on newsfold's data."""

from __future__ import annotations

import numpy as np


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values of a 1-D array, in order: what ``np.unique`` returns.

    NumPy 2.3 and later find the distinct values of an integer array with a hash table, then
    sort them; on word and shingle hashes (hundreds to millions of mostly distinct values)
    that is 5 to 20 times slower than one sort and a comparison of neighbours.
    """
    ordered = np.sort(values)
    if ordered.size < 2:
        return ordered
    first = np.empty(ordered.size, dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]
