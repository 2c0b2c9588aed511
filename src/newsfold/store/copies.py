"""The stored near-duplicate index: which stored story, if any, a new article is a copy of.

Each article keeps its MinHash signature and one row per LSH band (table ``bands``: the
bands of its text, then those of its opening, see :func:`lead_keys`); a new
article's candidates are the stored articles sharing the most bands with it, checked as in
:func:`newsfold.dedup.find_stories`: a MinHash estimate first, then exact containment of
word 4-grams, from the candidates' stored shingle sets, and for the few whose containment
leaves room for it the template test, from the stored text. A batch of new articles is
looked up at once (:class:`Copies`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsfold.config import DedupSettings
from newsfold.dedup import (
    Shape,
    containment,
    from_template,
    lead_signatures,
    may_be_template,
    shapes,
    shingle_sets,
)
from newsfold.minhash import band_keys, signatures
from newsfold.store.base import Database, Row, chunks
from newsfold.store.records import load_article

MAX_CANDIDATES = 50
"""Stored articles sharing the most bands with a new one that are checked exactly."""
MAX_OWNERS = 2 * MAX_CANDIDATES
"""The articles of one band counted for a new article: the earliest, when a story reprinted
thousands of times (or a crawl's identical error pages) fills a band. Counting every one made
each article's look-up as long as the store's copies of it: 2,000 copies took 14 s to add,
1,000 took 5 s. Any of a story's copies finds the story."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the index needs of one article."""

    shingles: np.ndarray
    signature: np.ndarray
    keys: np.ndarray


def fingerprints(tokens: Sequence[np.ndarray], settings: DedupSettings) -> list[Fingerprint]:
    """The fingerprints of articles with these word ids (computed together: per article,
    numpy's fixed costs would outweigh the work)."""
    sets = shingle_sets(tokens, settings.shingle_size)
    sigs = signatures(sets, settings.num_perm)
    keys = np.hstack([band_keys(sigs, settings.rows_per_band), lead_keys(tokens, settings)])
    return [Fingerprint(shingles, sig, k[k != -1]) for shingles, sig, k in zip(sets, sigs, keys, strict=True)]


def lead_keys(tokens: Sequence[np.ndarray], settings: DedupSettings) -> np.ndarray:
    """The band keys of each article's opening (:func:`newsfold.dedup.lead_signatures`),
    numbered on from the whole text's bands."""
    whole_text_bands = settings.num_perm // settings.rows_per_band
    return band_keys(lead_signatures(tokens, settings), settings.rows_per_band, first_band=whole_text_bands)


class Copies:
    """Finds, for each new article of a batch, the story it is a copy of, if any.

    The stored articles sharing bands with any article of the batch are read at the start,
    for the whole batch, with their signatures (and the shingle sets of those worth checking);
    the batch's own articles are indexed here as they are stored, and their bands written
    together by :meth:`write`. The result is that of looking each article up in the table
    after the ones before it were added.
    """

    def __init__(self, db: Database, prints: Sequence[Fingerprint], settings: DedupSettings) -> None:
        """Read what the stored articles can tell about the batch's ``prints``: for each, the
        stored articles sharing bands with it (counted here, from at most MAX_OWNERS articles
        of each of its keys), the signatures of its best candidates, and the shingle sets of
        those worth checking."""
        self.db, self.settings = db, settings
        owners = band_owners(db, sorted({k for print_ in prints for k in print_.keys.tolist()}), MAX_OWNERS)
        self._shared = [Counter(a for k in set(p.keys.tolist()) for a in owners.get(k, ())) for p in prints]
        tops = [_top(shared) for shared in self._shared]
        seqs = sorted({seq for top in tops for seq in top})
        rows = db.query_in("SELECT seq, story, signature, shingles FROM articles WHERE seq IN ({values})", seqs)
        self._rows: dict[int, Row] = {row[0]: row for row in rows}
        self._worth = [self._worth_checking(print_, top) for print_, top in zip(prints, tops, strict=True)]
        sql = "SELECT seq, shingle_set FROM articles WHERE seq IN ({values})"
        likely = sorted(set().union(*self._worth))
        self._sets = {seq: shingle_set(blob) for seq, blob in db.query_in(sql, likely)}
        self._shapes: dict[int, Shape] = {}  # article -> its shape, once the template test needed it
        self._texts: dict[int, str] = {}  # the batch's stored articles' texts, for their shapes
        self._batch: dict[int, list[int]] = {}  # band key -> articles of the batch stored so far
        self._batch_seqs: set[int] = set()
        self._bands: list[tuple[int, int]] = []

    def copy_of(self, position: int, print_: Fingerprint, text: str) -> str | None:
        """The story of the stored article that the batch's ``position``-th article (with this
        fingerprint and text) is most contained in (or contains), if any."""
        shared = self._shared[position].copy()
        for key in set(print_.keys.tolist()):
            shared.update(self._batch.get(key, ()))
        top = _top(shared)
        # the stored candidates were weighed at the start; only the batch's own are new here
        worth = self._worth[position] | self._worth_checking(print_, [s for s in top if s in self._batch_seqs])
        best: tuple[float, int, str] | None = None
        shape: Shape | None = None
        for seq, story, _, _ in sorted(self._rows[seq] for seq in top if seq in worth):
            score = containment(print_.shingles, self._sets[seq])
            if score < self.settings.containment or best is not None and (-score, seq) > (-best[0], best[1]):
                continue
            if may_be_template(score, self.settings):
                shape = shape or shapes([text], self.settings.shingle_size)[0]
                if from_template(shape, self._shape(seq), score, self.settings):
                    continue
            best = (score, seq, story)
        return best[2] if best else None

    def _shape(self, seq: int) -> Shape:
        """The shape of a stored article (of the batch, or read from the store)."""
        if seq not in self._shapes:
            if seq in self._texts:
                text = self._texts[seq]
            else:
                (record,) = self.db.query("SELECT record FROM articles WHERE seq = ?", (seq,))[0]
                text = load_article(record).text
            self._shapes[seq] = shapes([text], self.settings.shingle_size)[0]
        return self._shapes[seq]

    def _worth_checking(self, print_: Fingerprint, seqs: list[int]) -> set[int]:
        """Those of the articles ``seqs`` whose MinHash estimate says they may hold the new
        article (or be held by it)."""
        if not seqs:
            return set()
        rows = [self._rows[seq] for seq in seqs]
        likely = _likely(print_, [r[2] for r in rows], [r[3] for r in rows], self.settings.containment)
        return {seq for seq, worth in zip(seqs, likely, strict=True) if worth}

    def stored(self, seq: int, story: str, print_: Fingerprint, text: str) -> None:
        """An article of the batch (with this fingerprint and text) was stored as number
        ``seq`` in ``story``."""
        self._batch_seqs.add(seq)
        self._texts[seq] = text
        self._rows[seq] = (seq, story, print_.signature.tobytes(), int(print_.shingles.size))
        self._sets[seq] = print_.shingles.astype(np.uint32)
        for key in sorted(set(print_.keys.tolist())):
            owners = self._batch.setdefault(key, [])
            if len(owners) < MAX_OWNERS:  # the batch's earliest (see MAX_OWNERS)
                owners.append(seq)
            self._bands.append((key, seq))

    def write(self) -> None:
        """Write the bands of the batch's stored articles (in key order: the index is written
        from one end to the other)."""
        self.db.insert("bands", ("key", "article"), sorted(self._bands))
        self._bands.clear()


def band_owners(db: Database, keys: Sequence[int], most: int) -> dict[int, list[int]]:
    """The earliest ``most`` stored articles of each band key that has any: one look-up in the
    (key, article) index per key, however many articles a key has (reading them all and keeping
    the earliest made a live feed of a much-reprinted story slow down with its every copy)."""
    if not keys:
        return {}
    owners: dict[int, list[int]] = {}
    for part in chunks(keys, 10_000):
        if db.dialect == "sqlite":  # no LATERAL: the earliest of each key as a list in one column
            sql = (
                "SELECT k.value, (SELECT group_concat(article) FROM (SELECT article FROM bands WHERE key = k.value"
                " ORDER BY article LIMIT ?)) FROM json_each(?) AS k"
            )
            for key, found in db.query(sql, (most, json.dumps(list(part)))):
                if found:
                    owners[key] = [int(a) for a in found.split(",")]
        else:
            sql = (
                "SELECT k.key, b.article FROM unnest(?::bigint[]) AS k(key) CROSS JOIN LATERAL"
                " (SELECT article FROM bands WHERE bands.key = k.key ORDER BY article LIMIT ?) AS b"
            )
            for key, article in db.query(sql, ("{" + ",".join(map(str, part)) + "}", most)):
                owners.setdefault(key, []).append(article)
    return owners


def _top(shared: Counter[int]) -> list[int]:
    """The articles sharing the most bands (ties: the earliest), at most MAX_CANDIDATES."""
    return sorted(shared, key=lambda a: (-shared[a], a))[:MAX_CANDIDATES]


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
