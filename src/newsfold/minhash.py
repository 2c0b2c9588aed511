"""MinHash signatures over word shingles, and LSH banding to find candidate pairs.

Everything is vectorised with numpy; no pair of articles is compared unless it shares a band.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_MIX = np.uint32(0x9E3779B1)
_CHUNK_SHINGLES = 200_000


def shingles(ids: np.ndarray, size: int) -> np.ndarray:
    """Sorted unique hashes of the ``size``-word windows of a word-id array.

    A text shorter than ``size`` words gets one shingle of all its words.
    """
    if ids.size == 0:
        return ids
    if ids.size < size:
        size = int(ids.size)
    with np.errstate(over="ignore"):
        acc = ids[: ids.size - size + 1].copy()
        for offset in range(1, size):
            acc = acc * _MIX + ids[offset : ids.size - size + 1 + offset]
        acc ^= acc >> np.uint32(15)
        acc *= np.uint32(0x2C1B3C6D)
        acc ^= acc >> np.uint32(12)
    return np.unique(acc)


def permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Parameters of ``num_perm`` multiply-shift hash functions (fixed by ``seed``)."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


def signatures(sets: Sequence[np.ndarray], num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """MinHash signatures, one row per shingle set (uint32, ``num_perm`` columns).

    An empty set gets a row of 0xFFFFFFFF, which LSH ignores.
    """
    a, b = permutations(num_perm, seed)
    out = np.full((len(sets), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    start = 0
    while start < len(sets):
        stop, total = start, 0
        while stop < len(sets) and (total == 0 or total + sets[stop].size <= _CHUNK_SHINGLES):
            total += sets[stop].size
            stop += 1
        _sign_chunk(sets[start:stop], a, b, out[start:stop])
        start = stop
    return out


def _sign_chunk(sets: Sequence[np.ndarray], a: np.ndarray, b: np.ndarray, out: np.ndarray) -> None:
    sizes = np.array([s.size for s in sets])
    rows = np.flatnonzero(sizes)
    if rows.size == 0:
        return
    values = np.concatenate([sets[r] for r in rows]).astype(np.uint64)
    offsets = np.concatenate(([0], np.cumsum(sizes[rows])[:-1]))
    with np.errstate(over="ignore"):
        hashed = (values[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)
    out[rows] = np.minimum.reduceat(hashed, offsets, axis=0).astype(np.uint32)


def candidate_pairs(sigs: np.ndarray, rows_per_band: int, max_bucket: int = 200) -> np.ndarray:
    """Pairs (i, j), i < j, that agree on every row of at least one band.

    Args:
        sigs: MinHash signatures, one row per item.
        rows_per_band: r; bands = num_perm // r. Two rows give a low threshold (~0.12)
            that still finds truncated reprints, whose Jaccard similarity can be 0.3.
        max_bucket: a bucket with more items than this (a shared boilerplate shingle) is
            paired along a chain, so that it costs linear, not quadratic, work.

    Returns:
        An (m, 2) int64 array of unique pairs.
    """
    n, num_perm = sigs.shape
    empty = np.all(sigs == np.iinfo(np.uint32).max, axis=1)
    found: list[np.ndarray] = []
    for band in range(num_perm // rows_per_band):
        cols = sigs[:, band * rows_per_band : (band + 1) * rows_per_band]
        keys = np.ascontiguousarray(cols).view(np.dtype((np.void, cols.dtype.itemsize * rows_per_band)))
        keys = keys.ravel()
        found.append(_bucket_pairs(keys, empty, max_bucket))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack((codes // n, codes % n), axis=1)


def _bucket_pairs(keys: np.ndarray, empty: np.ndarray, max_bucket: int) -> np.ndarray:
    order = np.argsort(keys, kind="stable")
    order = order[~empty[order]]
    if order.size < 2:
        return np.empty((0, 2), dtype=np.int64)
    sorted_keys = keys[order]
    same = sorted_keys[1:] == sorted_keys[:-1]
    # Neighbours in sort order cover every bucket of two, the common case, at once.
    chain = np.stack((order[:-1][same], order[1:][same]), axis=1)
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    sizes = np.diff(np.concatenate((starts, [order.size])))
    extra = [
        _all_pairs(order[s : s + k])
        for s, k in zip(starts[sizes > 2], sizes[sizes > 2], strict=True)
        if k <= max_bucket
    ]
    pairs = np.concatenate([chain, *extra]) if extra else chain
    return np.sort(pairs, axis=1).astype(np.int64)


def _all_pairs(members: np.ndarray) -> np.ndarray:
    i, j = np.triu_indices(members.size, k=1)
    return np.stack((members[i], members[j]), axis=1)
