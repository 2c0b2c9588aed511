"""MinHash signatures over word shingles, and LSH banding to find candidate pairs.

Everything is vectorised with numpy; no pair of articles is compared unless it shares a band.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsfold.arrays import sorted_unique

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
    return sorted_unique(acc)


EMPTY = np.uint32(0xFFFFFFFF)


def signatures(sets: Sequence[np.ndarray], num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """One-permutation MinHash signatures (uint32, ``num_perm`` columns, one row per set).

    Each shingle hash is re-mixed with ``seed``; its top bits choose one of ``num_perm``
    bins and the rest is its value; a bin keeps its smallest value (Li, Owen and Zhang,
    2012). Empty bins borrow from the next filled bin to their right, offset by the distance
    (rotation densification, Shrivastava and Li, 2014). The share of equal columns of two
    signatures estimates the sets' Jaccard similarity, as with ``num_perm`` permutations,
    at the cost of one sort instead of ``num_perm`` hash evaluations per shingle.

    Args:
        sets: sorted unique uint32 shingle hashes per document.
        num_perm: signature length, a power of two.
        seed: fixes the hash; signatures are comparable only with the same seed.

    Returns:
        An array of shape (len(sets), num_perm); a row of an empty set is all EMPTY.
    """
    bits = num_perm.bit_length() - 1
    if num_perm != 1 << bits or not 1 <= bits <= 12:
        raise ValueError(f"num_perm must be a power of two from 2 to 4096, not {num_perm}")
    out = np.full((len(sets), num_perm), EMPTY, dtype=np.uint32)
    start = 0
    while start < len(sets):
        stop, total = start, 0
        while stop < len(sets) and (total == 0 or total + sets[stop].size <= _CHUNK_SHINGLES):
            total += sets[stop].size
            stop += 1
        _fill_bins(sets[start:stop], bits, seed, out[start:stop])
        start = stop
    _densify(out, bits)
    return out


def _fill_bins(sets: Sequence[np.ndarray], bits: int, seed: int, out: np.ndarray) -> None:
    sizes = np.fromiter((s.size for s in sets), dtype=np.int64, count=len(sets))
    if not sizes.sum():
        return
    rows = np.repeat(np.arange(len(sets), dtype=np.uint64), sizes)
    hashed = _mix(np.concatenate(sets) ^ np.uint32(seed * 0x9E3779B9 & 0xFFFFFFFF))
    keys = np.sort((rows << np.uint64(32)) | hashed.astype(np.uint64))
    cell = keys >> np.uint64(32 - bits)  # row and bin together
    first = np.flatnonzero(np.concatenate(([True], cell[1:] != cell[:-1])))
    row = (keys[first] >> np.uint64(32)).astype(np.int64)
    column = ((keys[first] >> np.uint64(32 - bits)) & np.uint64((1 << bits) - 1)).astype(np.int64)
    out[row, column] = (keys[first] & np.uint64((1 << (32 - bits)) - 1)).astype(np.uint32)


def _mix(x: np.ndarray) -> np.ndarray:
    """A 32-bit finaliser (murmur3's fmix32): every input bit affects every output bit."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint32(16))
        x = x * np.uint32(0x85EBCA6B)
        x = x ^ (x >> np.uint32(13))
        x = x * np.uint32(0xC2B2AE35)
        return x ^ (x >> np.uint32(16))


def _densify(sigs: np.ndarray, bits: int) -> None:
    """Give each empty bin the value of the nearest filled bin to its right (circularly),
    plus 2**(32 - bits) per step of distance, so a borrowed value never equals a real one."""
    filled = sigs != EMPTY
    rows = np.flatnonzero(filled.any(axis=1) & ~filled.all(axis=1))  # only rows with gaps to fill
    source = sigs[rows]  # a copy: borrowed values are never lent on
    pending = source == EMPTY
    step = 1 << (32 - bits)
    for distance in range(1, sigs.shape[1]):
        if not len(rows):
            break
        shifted = np.roll(source, -distance, axis=1)
        r, c = np.nonzero(pending & (shifted != EMPTY))
        sigs[rows[r], c] = shifted[r, c] + np.uint32(distance * step)
        pending[r, c] = False
        left = pending.any(axis=1)  # rows done are dropped, so each step costs the rows still open
        rows, source, pending = rows[left], source[left], pending[left]


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
    codes = sorted_unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack((codes // n, codes % n), axis=1)


def _bucket_pairs(keys: np.ndarray, empty: np.ndarray, max_bucket: int) -> np.ndarray:
    order = np.argsort(keys, kind="stable")
    order = order[~empty[order]]
    if order.size < 2:
        return np.empty((0, 2), dtype=np.int64)
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
    sizes = np.diff(np.concatenate((starts, [order.size])))
    small = (sizes > 1) & (sizes <= max_bucket)
    pairs = [_within(order, starts[small], sizes[small])]
    big = sizes > max_bucket
    if big.any():  # a chain through each huge bucket: linear work, and connectivity survives
        members = np.concatenate([order[s : s + k] for s, k in zip(starts[big], sizes[big], strict=True)])
        ends = np.cumsum(sizes[big]) - 1
        link = np.setdiff1d(np.arange(members.size - 1), ends)
        pairs.append(np.stack((members[link], members[link + 1]), axis=1))
    return np.sort(np.concatenate(pairs), axis=1).astype(np.int64)


def _within(order: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Every pair inside each run ``order[start : start + size]``, without a Python loop."""
    if starts.size == 0:
        return np.empty((0, 2), dtype=np.int64)
    # Position p of a run of size k pairs with the k - 1 - p positions after it.
    offsets = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    first = np.repeat(starts, sizes) + offsets
    partners = np.repeat(sizes, sizes) - 1 - offsets
    left = np.repeat(first, partners)
    step = np.arange(partners.sum()) - np.repeat(np.cumsum(partners) - partners, partners) + 1
    return np.stack((order[left], order[left + step]), axis=1)


def band_keys(sigs: np.ndarray, rows_per_band: int, first_band: int = 0) -> np.ndarray:
    """One int64 key per band of each signature (for an LSH index kept in a database).

    Two signatures share a key exactly when they agree on every row of that band (the
    condition of :func:`candidate_pairs`), up to 64-bit hash collisions. An empty set's
    signature has no keys: its row is all -1, which callers skip. Bands are numbered from
    ``first_band``: the keys of another signature of the same articles, numbered on from the
    last band of the first, never meet the first's.
    """
    n, num_perm = sigs.shape
    bands = num_perm // rows_per_band
    keys = np.full((n, bands), -1, dtype=np.int64)
    empty = np.all(sigs == np.iinfo(np.uint32).max, axis=1)
    acc = np.zeros((n, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(rows_per_band):
            rows = sigs[:, r : bands * rows_per_band : rows_per_band].astype(np.uint64)
            acc = (acc ^ rows) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(r + 1)
        acc ^= np.arange(first_band, first_band + bands, dtype=np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
        acc ^= acc >> np.uint64(29)
    keys[~empty] = acc[~empty].view(np.int64)
    return keys
