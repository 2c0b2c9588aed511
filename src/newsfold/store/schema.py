"""The store's tables, versioned: each migration brings a store from one version to the next.

A store records its version in ``meta``; opening it applies the migrations it has not
seen, all in one transaction, and refuses a store written by a newer newsfold.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import numpy as np

from newsfold.config import DedupSettings
from newsfold.dedup import shingle_sets
from newsfold.errors import NewsfoldError
from newsfold.features import DIMENSIONS
from newsfold.ingest.files import printable
from newsfold.store.base import Database
from newsfold.store.copies import lead_keys, shingle_blob
from newsfold.store.records import load_article
from newsfold.store.sqlite import TABLES as sqlite_tables
from newsfold.tokens import TokenHasher

log = logging.getLogger(__name__)

# Version 1. Days are ordinal day numbers (NULL: undated); records are JSON; terms are
# numpy arrays as bytes (see newsfold.store.grouping).
VERSION_1 = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # An event's record (headline, summary, brief) is rebuilt when ``stale``.
    """CREATE TABLE events (
        id TEXT PRIMARY KEY,
        first_day INTEGER, last_day INTEGER,
        stale INTEGER NOT NULL, updated TEXT NOT NULL, record TEXT)""",
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        event TEXT NOT NULL REFERENCES events(id),
        canonical TEXT NOT NULL,
        day INTEGER,
        terms BLOB NOT NULL)""",
    "CREATE INDEX stories_event ON stories(event)",
    """CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content TEXT NOT NULL UNIQUE,
        story TEXT NOT NULL REFERENCES stories(id),
        day INTEGER,
        added TEXT NOT NULL,
        signature BLOB NOT NULL,
        shingles INTEGER NOT NULL,
        record TEXT NOT NULL)""",
    "CREATE INDEX articles_story ON articles(story)",
    "CREATE INDEX articles_day ON articles(day)",
    # The near-duplicate index: one row per LSH band of each article.
    "CREATE TABLE bands (key BIGINT NOT NULL, article INTEGER NOT NULL REFERENCES articles(seq))",
    "CREATE INDEX bands_key ON bands(key)",
    # Each story's weightiest words when it was added: where a new story looks for its neighbours.
    "CREATE TABLE story_terms (term INTEGER NOT NULL, story TEXT NOT NULL REFERENCES stories(id))",
    "CREATE INDEX story_terms_term ON story_terms(term)",
    "CREATE INDEX story_terms_story ON story_terms(story)",
    # In how many stories each term is: the IDF of event grouping, kept as stories come.
    "CREATE TABLE terms (term INTEGER PRIMARY KEY, df INTEGER NOT NULL)",
    """CREATE TABLE rejected (
        path TEXT NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL, added TEXT NOT NULL,
        PRIMARY KEY (path, line, reason))""",
)


def _stored_tokens(db: Database, upgrade: str) -> Iterator[tuple[list[int], list[np.ndarray]]]:
    """Every stored article's number and word ids, a thousand articles at a time, for a
    migration that says what it does (``upgrade``) when there are any."""
    total = db.query("SELECT COUNT(*) FROM articles")[0][0]
    if total:
        log.warning("upgrading the store to schema version %s for %d articles (once)", upgrade, total)
    hasher, last = TokenHasher(), 0
    while rows := db.query("SELECT seq, record FROM articles WHERE seq > ? ORDER BY seq LIMIT 1000", (last,)):
        yield [seq for seq, _ in rows], [hasher(load_article(record).text) for _, record in rows]
        last = rows[-1][0]


def _fill_shingle_sets(db: Database, dedup: DedupSettings) -> None:
    """Give every stored article its shingle set, a thousand articles per statement batch."""
    for seqs, tokens in _stored_tokens(db, "2: shingle sets"):
        sets = shingle_sets(tokens, dedup.shingle_size)
        db.executemany(
            "UPDATE articles SET shingle_set = ? WHERE seq = ?",
            [(shingle_blob(found), seq) for seq, found in zip(seqs, sets, strict=True)],
        )


# Version 2. Each article keeps its shingle set (sorted uint32 hashes of its word 4-grams, as
# copy detection makes them), so that checking a candidate copy and building an event's
# stories read it instead of tokenising the stored text again. The sets of older articles are
# made here with today's tokeniser: a change to how shingles are made needs a migration that
# makes them again.
VERSION_2 = ("ALTER TABLE articles ADD COLUMN shingle_set BLOB", _fill_shingle_sets)


def _fill_frequencies(db: Database, dedup: DedupSettings) -> None:
    """Move the document frequencies from one row per term into the one array."""
    rows = db.query("SELECT term, df FROM terms")
    if rows:  # else the row comes with the first stories
        counts = np.zeros(DIMENSIONS, dtype="<i4")
        terms, df = np.array(rows, dtype=np.int64).T
        counts[terms] = df
        db.execute("INSERT INTO frequencies (id, counts) VALUES (1, ?)", (counts.tobytes(),))


# Version 3. The document frequencies of the hashed term space are one array of DIMENSIONS
# little-endian int32 (16 MB) in one row, read and written whole by each batch: a batch needs
# the frequencies of the terms of thousands of stories nearby, and reading the array is far
# faster than looking up half a million terms one by one.
VERSION_3 = (
    "CREATE TABLE frequencies (id INTEGER PRIMARY KEY CHECK (id = 1), counts BLOB NOT NULL)",
    _fill_frequencies,
    "DROP TABLE terms",
)


def _uncompressed_frequencies(db: Database, dedup: DedupSettings) -> None:
    """PostgreSQL: keep the array out of line but uncompressed."""
    if db.dialect == "postgresql":
        db.execute("ALTER TABLE frequencies ALTER COLUMN counts SET STORAGE EXTERNAL")


# Version 4. PostgreSQL compresses a large value by default (pglz), which for the 16 MB array of
# document frequencies costs most of a second at every batch, for a value that is rewritten
# whole each time anyway; stored uncompressed, writing it takes a fifth of that. SQLite never
# compresses: nothing changes there.
VERSION_4 = (_uncompressed_frequencies,)


def _announce_new_indexes(db: Database, dedup: DedupSettings) -> None:
    """Say why opening a large store takes a while this once."""
    if db.query("SELECT 1 FROM bands LIMIT 1"):
        log.warning("upgrading the store to schema version 5: rebuilding two indexes (once)")


# Version 5. Every new article looks up the stored articles sharing its LSH bands (key ->
# article) and the stories sharing its rare terms (term -> story): hundreds of rows each. With
# both columns in the index, the lookups read the index alone instead of fetching each row
# from the table.
VERSION_5 = (
    _announce_new_indexes,
    "CREATE INDEX IF NOT EXISTS bands_key_article ON bands(key, article)",
    "DROP INDEX IF EXISTS bands_key",
    "CREATE INDEX IF NOT EXISTS story_terms_term_story ON story_terms(term, story)",
    "DROP INDEX IF EXISTS story_terms_term",
)

# Version 6. The summariser's notes on each story (``newsfold.summarize.notes``, compressed
# JSON), from when its event is summarised until its canonical article changes. Re-summarising
# an event that gained one story then reads the notes on the others instead of taking them
# again, which was most of the work. A table of their own: in ``stories`` they would make every
# row several times larger, and the lookups of adding read more pages.
VERSION_6 = (
    """CREATE TABLE story_notes (
        story TEXT PRIMARY KEY REFERENCES stories(id),
        notes BLOB NOT NULL)""",
)


def _rebuilt(table: str, create: str) -> tuple[str, ...]:
    """Statements that rebuild ``table`` (two columns) as ``create``, a CREATE TABLE of
    ``<table>_new``, with the same rows in the order of its key."""
    return (
        create,
        f"INSERT INTO {table}_new SELECT DISTINCT * FROM {table} ORDER BY 1, 2",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_new RENAME TO {table}",
    )


CLUSTERED = (
    *_rebuilt(
        "bands",
        """CREATE TABLE bands_new (
            key BIGINT NOT NULL,
            article INTEGER NOT NULL REFERENCES articles(seq),
            PRIMARY KEY (key, article)) WITHOUT ROWID""",
    ),
    *_rebuilt(
        "story_terms",
        """CREATE TABLE story_terms_new (
            term INTEGER NOT NULL,
            story TEXT NOT NULL REFERENCES stories(id),
            PRIMARY KEY (term, story)) WITHOUT ROWID""",
    ),
    "CREATE INDEX story_terms_story ON story_terms(story)",
)


def _clustered_indexes(db: Database, dedup: DedupSettings) -> None:
    """SQLite: the band and rare-term tables become their own indexes."""
    if db.dialect != "sqlite":
        return
    if db.query("SELECT 1 FROM bands LIMIT 1"):
        log.warning("upgrading the store to schema version 7: rebuilding two tables (once)")
    for statement in CLUSTERED:
        db.execute(statement)


# Version 7. SQLite: the bands and the stories' rare terms are tables WITHOUT ROWID, ordered by
# their (key, row) pairs: the lookups read the same pairs as before, but a batch now writes
# one B-tree per table instead of a table and its index. Adding 1,000 articles to a store of
# 100,000 inserts some 64,000 band rows scattered over it; each table was about 300 MB and
# is now about 110 MB. PostgreSQL's tables stay as they are (heap and index).
VERSION_7 = (_clustered_indexes,)


def _fill_lead_bands(db: Database, dedup: DedupSettings) -> None:
    """Index the opening of every stored article, as copy detection now indexes a new one's."""
    for seqs, tokens in _stored_tokens(db, "8: bands of the openings"):
        keys = lead_keys(tokens, dedup)
        rows = {(int(key), seq) for seq, row in zip(seqs, keys, strict=True) for key in row if key != -1}
        db.insert("bands", ("key", "article"), sorted(rows))


# Version 8. Copy detection also indexes each article's opening (its first 40 words, see
# DedupSettings.lead_words) in the bands table, numbered on from the whole text's bands: a
# truncated reprint far shorter than its original is found by the opening they share. The
# openings of older articles are indexed here.
VERSION_8 = (_fill_lead_bands,)

Step = str | Callable[[Database, DedupSettings], None]
"""An SQL statement, or a function that changes rows in Python (given the store's settings
for copy detection)."""

MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    VERSION_1,
    VERSION_2,
    VERSION_3,
    VERSION_4,
    VERSION_5,
    VERSION_6,
    VERSION_7,
    VERSION_8,
)
"""MIGRATIONS[k] takes a store from version k to version k + 1."""

LATEST = len(MIGRATIONS)


class VersionError(NewsfoldError):
    """The store's schema version cannot be worked with: damaged, or newer than this newsfold."""


class ForeignDatabase(NewsfoldError):
    """The database holds another program's tables and no store: newsfold makes none in it
    (a mistyped ``--db`` must not write nine tables into an application's database)."""

    def __init__(self, tables: list[str]) -> None:
        self.tables = tables
        named = ", ".join(map(printable, tables[:5])) + (", ..." if len(tables) > 5 else "")
        super().__init__(f"another program's database (tables {named}), not a newsfold store")


def foreign_tables(db: Database) -> list[str]:
    """The tables and views of a database that holds no store (version 0), sorted: none
    when it is empty. On PostgreSQL, those of the schema the store would be made in."""
    if db.dialect == "sqlite":
        rows = db.query(sqlite_tables)
    else:
        rows = db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
    return sorted(name for (name,) in rows)


def version(db: Database) -> int:
    """The store's schema version; 0 for an empty database."""
    if db.dialect == "sqlite":
        found = db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
    else:
        # Read from the catalog's rows, not its cache (to_regclass): a writer whose transaction
        # began before it waited for another that made the tables still found none in the
        # cache, and made them again ("relation meta already exists").
        sql = "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'meta')"
        found = db.query(sql)[0][0]
    if not found:
        return 0
    rows = db.query("SELECT value FROM meta WHERE key = 'schema_version'")
    if not rows:
        return 0
    try:
        return int(rows[0][0])
    except (TypeError, ValueError):
        written = str(rows[0][0])[:40]
        raise VersionError(f"its schema version is {written!r}, not a number: the store is damaged") from None


def migrate(db: Database, *, target: int = LATEST, dedup: DedupSettings | None = None) -> int:
    """Bring the store to ``target`` (the latest by default); returns the version it was at.
    ``dedup``: the settings the store's copy detection uses (the defaults when None)."""
    with db.reading():  # readers need no write lock when there is nothing to migrate
        if version(db) == target:
            return target
    with db.writing():
        start = version(db)
        if start == 0 and (tables := foreign_tables(db)):
            raise ForeignDatabase(tables)
        if start > LATEST:
            raise VersionError(
                f"this store has schema version {start}, newer than this newsfold knows ({LATEST}): upgrade newsfold"
            )
        for step in range(start, target):
            for statement in MIGRATIONS[step]:
                if callable(statement):
                    statement(db, dedup or DedupSettings())
                else:
                    db.execute(statement)
            db.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(step + 1),),
            )
    return start
