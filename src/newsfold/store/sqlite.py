"""The store's SQLite backend: WAL, foreign keys, one writer at a time (BEGIN IMMEDIATE)."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from newsfold.errors import NewsfoldError
from newsfold.store.base import Row, Transactions, chunks
from newsfold.store.checkpoints import Checkpoints

log = logging.getLogger(__name__)

MAX_PARAMS = 900
"""Values per ``IN (...)`` list: far below SQLite's variable limit on every build."""
BUSY_SECONDS = 60.0
"""How long a writer waits for another (``newsfold add`` runs take turns) before giving up."""
MMAP_BYTES = 0x7FFF0000
"""How much of the file is read through a memory map (SQLite's own ceiling on Linux, about
2 GB): a store's index lookups then copy no pages, which makes adding to a large store about
0.8 s per 1,000 articles faster at 100k (benchmarks/store_speed.py). Writes still go through
the WAL."""


TABLES = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite~_%' ESCAPE '~'"
"""A database's tables and views, without SQLite's own (sqlite_sequence, sqlite_stat1)."""


def foreign_tables(path: str) -> list[str] | None:
    """The tables of a SQLite file that holds no newsfold store: none for an empty file or
    database, another program's tables otherwise; None when it holds a store (a ``meta``
    table with a schema version: the store is made in one transaction, so it has one), or is
    no database at all (left to :class:`SQLiteDatabase` to report). Looked at read-only:
    commands must leave another program's database as it is, not make a store in it."""
    if os.path.getsize(path) == 0:
        return []
    try:
        connection = sqlite3.connect(f"file:{_quoted(path)}?mode=ro", uri=True)
        try:
            tables = [name for (name,) in connection.execute(TABLES)]
            if "meta" in tables:
                try:
                    if connection.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone():
                        return None
                except sqlite3.OperationalError:  # a table of that name, but not newsfold's
                    pass
            return sorted(tables)
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return None


def _quoted(path: str) -> str:
    return quote(os.path.abspath(path))


def _to_wal(connection: sqlite3.Connection) -> None:
    """Put the file in WAL mode. Switching a new file takes a lock that SQLite does not wait
    for ("database is locked" at once, when another store is opening it too: 1 run in 6 of
    four opened at once): tried again for up to BUSY_SECONDS, as SQLite waits for other locks."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _unchanging(path: str) -> sqlite3.Connection:
    """The store opened to be read only, as a file nothing writes to while it is open
    (``immutable``: no locks, no ``-shm`` file), which on a read-only mount nothing can."""
    try:
        connection = sqlite3.connect(f"file:{_quoted(path)}?mode=ro&immutable=1", uri=True, isolation_level=None)
        connection.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as exc:
        raise NewsfoldError(f"cannot read the store {path} (SQLite: {exc})") from exc
    return connection


class SQLiteDatabase(Transactions):
    """A SQLite file opened for the store."""

    dialect = "sqlite"

    def __init__(self, path: str, *, read_only: bool = False) -> None:
        """``read_only``: the caller only reads, so a store on a read-only mount, where SQLite
        cannot make the ``-wal`` and ``-shm`` files WAL mode needs, is read as it is."""
        self.path = path
        if path in ("", ":memory:"):
            # SQLite would keep such a store in memory or a temporary file: gone at exit
            raise NewsfoldError(f"{path or 'an empty name'} is no store file: give a file name or a postgresql:// URL")
        if os.path.exists(path) and not os.path.isfile(path):
            raise NewsfoldError(f"cannot open the store {path}: not a regular file")
        # Autocommit mode: transactions are begun and ended explicitly below.
        try:
            self.connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
        except sqlite3.Error as exc:  # a folder, or a path through a missing one
            raise NewsfoldError(f"cannot open the store {path} (SQLite: {exc})") from exc
        try:
            _to_wal(self.connection)  # the first read of the file
        except sqlite3.OperationalError as exc:  # the file is sound, but cannot be opened here
            self.connection.close()
            if not (read_only and os.path.getsize(path)):
                raise NewsfoldError(
                    f"cannot open the store {path} (SQLite: {exc}): SQLite must be able to make {path}-wal"
                    " beside it (is its folder writable?)"
                ) from exc
            self.connection = _unchanging(path)
        except sqlite3.DatabaseError as exc:
            self.connection.close()
            raise NewsfoldError(f"{path} is not a newsfold store (SQLite: {exc})") from exc
        else:
            self.connection.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoints, never corrupt
        self.connection.execute("PRAGMA foreign_keys=ON")
        self.connection.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        self._checkpoints: Checkpoints | None = None

    def failed(self, error: Exception) -> bool:
        """A full disk, an I/O error, a lock held too long: SQLite's OperationalError."""
        return isinstance(error, sqlite3.OperationalError)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self.connection.execute(sql, params).fetchall()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.connection.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.connection.executemany(sql, rows)

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        marks = ",".join("?" * len(columns))
        self.connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def query_in(self, sql: str, values: Sequence[Any], params: Sequence[Any] = ()) -> list[Row]:
        out: list[Row] = []
        for part in chunks(values, MAX_PARAMS):
            marks = ",".join("?" * len(part))
            out.extend(self.connection.execute(sql.replace("{values}", marks), (*part, *params)).fetchall())
        return out

    @contextmanager
    def _begin(self, write: bool) -> Iterator[None]:
        if write and self._checkpoints:
            self._checkpoints.before_write()
        self.connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield
            self.connection.execute("COMMIT")
            if write and self._checkpoints:
                self._checkpoints.nudge()
        except BaseException:
            if self.connection.in_transaction:  # also when COMMIT itself failed
                self.connection.execute("ROLLBACK")
            raise

    def refresh_statistics(self) -> None:
        """Nothing to do: without statistics SQLite's planner takes the indexes, which is right here."""

    @contextmanager
    def checkpoints_aside(self) -> Iterator[None]:
        """Fold the WAL into the file in a thread of its own after each commit of the block
        (:mod:`newsfold.store.checkpoints`), rather than in the committing writer."""
        checkpoints = None if self._checkpoints else self._start_checkpoints()
        if checkpoints is None:  # already aside, or cannot be
            yield
            return
        every = self.query("PRAGMA wal_autocheckpoint")[0][0]
        self._checkpoints = checkpoints
        try:
            self.connection.execute("PRAGMA wal_autocheckpoint=0")
            yield
        finally:
            self._checkpoints = None
            try:
                checkpoints.stop()
            finally:
                self.connection.execute(f"PRAGMA wal_autocheckpoint={every}")

    def _start_checkpoints(self) -> Checkpoints | None:
        try:
            return Checkpoints(self.path)
        except sqlite3.Error as exc:
            log.warning("checkpoints stay with the writer for %s: %s", self.path, exc)
            return None

    def integrity(self) -> list[str]:
        """Problems found by SQLite's own checks (empty when the file is sound)."""
        problems = [r[0] for r in self.query("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in self.query("PRAGMA foreign_key_check")]
        return problems

    def close(self) -> None:
        self.connection.close()
