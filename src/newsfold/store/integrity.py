"""What a sound store always holds: the database's own checks and newsfold's invariants."""

from __future__ import annotations

from newsfold.store.base import Database

INVARIANTS = {
    "an article's story is missing": "articles a WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story)",
    "a story without articles": "stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story = s.id)",
    "a story's canonical is not its member": (
        "stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.canonical AND a.story = s.id)"
    ),
    "an event without stories": "events e WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.event = e.id)",
    "an article without its shingle set": "articles WHERE shingle_set IS NULL OR length(shingle_set) <> 4 * shingles",
    "an article without its band index": (
        "articles WHERE shingles > 0 AND seq NOT IN (SELECT DISTINCT article FROM bands)"
    ),
    "a fresh event without its summaries": "events WHERE stale = 0 AND record IS NULL",
}
"""Each broken invariant, and the rows that break it."""


def integrity(db: Database) -> list[str]:
    """Problems with the store (none when it is sound), each with how many rows have it."""
    problems = list(db.integrity())
    for problem, rows in INVARIANTS.items():
        count = db.query(f"SELECT COUNT(*) FROM {rows}")[0][0]
        if count:
            problems.append(f"{problem} ({count})")
    return problems
