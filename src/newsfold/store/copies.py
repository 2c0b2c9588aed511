"""The stored near-duplicate index: which stored story, if any, a new article is a copy of.

Each article keeps its MinHash signature and one row per LSH band (table ``bands``); a new
article's candidates are the stored articles sharing a band, checked as in
:func:`newsfold.dedup.find_stories`: a MinHash estimate first, then exact containment of
word 4-grams, from the candidates' stored shingle sets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from newsfold.config import DedupSettings
from newsfold.dedup import containment, shingle_sets
from newsfold.minhash import band_keys, signatures
from newsfold.store.base import Database, Row

MAX_CANDIDATES = 50
"""Stored articles sharing the most bands with a new one that are checked exactly."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the index needs of one article."""

    shingles: np.ndarray
    signature: np.ndarray
    keys: np.ndarray


def fingerprint(tokens: np.ndarray, settings: DedupSettings) -> Fingerprint:
    shingles = shingle_sets([tokens], settings.shingle_size)[0]
    signature = signatures([shingles], settings.num_perm)
    keys = band_keys(signature, settings.rows_per_band)[0]
    return Fingerprint(shingles, signature[0], keys[keys != -1])


def copy_of(db: Database, print_: Fingerprint, settings: DedupSettings) -> str | None:
    """The story of the stored article the new one is most contained in (or contains), if any."""
    if print_.keys.size == 0:
        return None
    rows = sorted(_candidates(db, print_.keys.tolist()))
    if not rows:
        return None
    likely = _likely(print_, [row[2] for row in rows], [row[3] for row in rows], settings.containment)
    checked = [row for row, worth_checking in zip(rows, likely, strict=True) if worth_checking]
    if not checked:
        return None
    sets = dict(db.query_in("SELECT seq, shingle_set FROM articles WHERE seq IN ({values})", [r[0] for r in checked]))
    best: tuple[float, int, str] | None = None
    for seq, story, _, _ in checked:
        score = containment(print_.shingles, shingle_set(sets[seq]))
        if score >= settings.containment and (best is None or (-score, seq) < (-best[0], best[1])):
            best = (score, seq, story)
    return best[2] if best else None


def _candidates(db: Database, keys: list[int]) -> list[Row]:
    """The stored articles sharing the most bands with ``keys`` (seq, story, signature,
    shingle count). Their shingle sets are read only for those worth checking: most are not."""
    columns = "seq, story, signature, shingles"
    if db.dialect == "postgresql":  # one round trip
        return db.query_in(
            f"SELECT {columns} FROM articles JOIN (SELECT article, COUNT(*) AS n FROM bands "
            "WHERE key IN ({values}) GROUP BY article ORDER BY n DESC, article LIMIT ?) found ON seq = found.article",
            keys,
            (MAX_CANDIDATES,),
        )
    shared = Counter[int]()
    for article, n in db.query_in("SELECT article, COUNT(*) FROM bands WHERE key IN ({values}) GROUP BY article", keys):
        shared[article] += n  # summed: a long list of keys is sent in parts
    best = sorted(shared, key=lambda a: (-shared[a], a))[:MAX_CANDIDATES]
    return db.query_in(f"SELECT {columns} FROM articles WHERE seq IN ({{values}})", best) if best else []


def shingle_blob(shingles: np.ndarray) -> bytes:
    """A shingle set as the store keeps it (see :mod:`newsfold.store.schema`, version 2)."""
    return shingles.astype(np.uint32).tobytes()


def shingle_set(blob: bytes) -> np.ndarray:
    """A stored article's shingle set, from :func:`shingle_blob`."""
    return np.frombuffer(blob, dtype=np.uint32)


def _likely(new: Fingerprint, signatures: list[bytes], sizes: list[int], threshold: float) -> np.ndarray:
    """For each stored article (its signature and shingle count): whether the MinHash
    estimate of containment is not far below the threshold (as in dedup)."""
    stored = np.frombuffer(b"".join(signatures), dtype=np.uint32).reshape(len(signatures), -1)
    j = (stored == new.signature).mean(axis=1)
    a, b = new.shingles.size, np.array(sizes, dtype=np.float64)
    return j * (a + b) / ((1 + j) * np.maximum(np.minimum(a, b), 1)) >= threshold - 0.25


def index(db: Database, seq: int, print_: Fingerprint) -> None:
    db.insert("bands", ("key", "article"), [(int(k), seq) for k in print_.keys])
