"""Connected groups of items joined by pairs (copies into stories, sentences into claims)."""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def components(n: int, pairs: np.ndarray) -> list[list[int]]:
    """Items 0..n-1 grouped by the (k, 2) array ``pairs``; each group sorted, groups in order of
    their first item (scipy numbers components in the order it first meets them)."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return list(groups.values())
