"""What the store tests share: settings without extraction, and digests of a store."""

from __future__ import annotations

import hashlib
import io

import numpy as np

from newsfold.config import ExtractSettings, Settings
from newsfold.render import write_json

NO_FACTS = Settings(extract=ExtractSettings(enabled=False))


def memberships(events) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(e.articles)) for e in events)


def export_hash(store) -> str:
    out = io.StringIO()
    write_json(store.fold(), out)
    return hashlib.sha256(out.getvalue().encode()).hexdigest()


def frequencies_of(store) -> dict[int, int]:
    from newsfold.store.grouping import frequencies

    counts = frequencies(store.db).counts
    return {int(t): int(counts[t]) for t in np.flatnonzero(counts)}


def stored_frequencies(store) -> tuple[dict[int, int], dict[int, int]]:
    """Document frequencies as kept, and as recomputed from the stories' stored terms."""
    from newsfold.store.grouping import unpack

    kept = frequencies_of(store)
    recount: dict[int, int] = {}
    for (blob,) in store.db.query("SELECT terms FROM stories"):
        for term in unpack(blob)[0].tolist():
            recount[term] = recount.get(term, 0) + 1
    return kept, recount
