"""One small interface over SQLite and PostgreSQL: queries, transactions, the writer's lock.

The store's SQL is written once, with ``?`` placeholders and a handful of portable types;
each backend translates what differs (placeholders, the blob type, how a long ``IN`` list
is passed) and provides a transaction in which it is the only writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

Row = tuple[Any, ...]


class Database(Protocol):
    """What the store needs from a database connection."""

    dialect: str
    """``sqlite`` or ``postgresql``."""

    def failed(self, error: Exception) -> bool:
        """Whether ``error`` is the database's own trouble (a full disk, a lost connection, a
        lock held too long), not a row's: it fails a whole transaction."""
        ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert many rows at once (PostgreSQL: COPY)."""
        ...

    def query_in(self, sql: str, values: Sequence[Any], params: Sequence[Any] = ()) -> list[Row]:
        """Run ``sql`` whose ``IN ({values})`` stands for the given values (any number)."""
        ...

    def writing(self) -> AbstractContextManager[None]:
        """A transaction in which this connection is the only writer; rolled back on error."""
        ...

    def savepoint(self) -> AbstractContextManager[None]:
        """Inside a transaction: a block whose failure undoes only its own writes."""
        ...

    def reading(self) -> AbstractContextManager[None]:
        """A transaction that sees one consistent state of the store."""
        ...

    def refresh_statistics(self) -> None:
        """Let the query planner know the tables' present sizes (after they grew a lot)."""
        ...

    def checkpoints_aside(self) -> AbstractContextManager[None]:
        """A block of long writes during which the log is folded into the database (if the
        backend does that at commit) by a thread of its own, not by the writer; leaving it
        waits until the log written in it is folded in (all of it, unless another reader
        still holds an older snapshot)."""
        ...

    def close(self) -> None: ...


class Transactions:
    """What both backends do alike: nested transactions join the outermost, and savepoints.

    A backend provides ``execute`` and ``_begin(write)``, a context manager around one
    database transaction (committed on success, rolled back on error).
    """

    _depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _begin(self, write: bool) -> AbstractContextManager[None]:
        raise NotImplementedError

    @contextmanager
    def writing(self) -> Iterator[None]:
        """A transaction in which this connection is the only writer; rolled back on error."""
        with self._outermost(write=True):
            yield

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A transaction that sees one consistent state of the store."""
        with self._outermost(write=False):
            yield

    @contextmanager
    def _outermost(self, *, write: bool) -> Iterator[None]:
        if self._depth:  # nested: part of the enclosing transaction
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._begin(write):
                yield
        finally:
            self._depth = 0

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside a transaction: undo only what the block did when it fails.

        Raises:
            TransactionLost: the block failed and the database had already ended the whole
                transaction (SQLite does on a full disk; a lost connection does).
        """
        self.execute("SAVEPOINT one")
        try:
            yield
        except BaseException as exc:
            try:
                self.execute("ROLLBACK TO SAVEPOINT one")
                self.execute("RELEASE SAVEPOINT one")
            except Exception as gone:
                raise TransactionLost(exc) from gone
            raise
        self.execute("RELEASE SAVEPOINT one")


class TransactionLost(Exception):
    """The database ended a transaction on an error of its own, which is the whole transaction's
    and not one row's: nothing of it can be kept, and statements after it would run outside
    any transaction. ``error`` is what the database said."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


def found(db: Database, table: str, column: str, values: Iterable[str]) -> set[str]:
    """Those of ``values`` that a row of ``table`` has as its ``column``."""
    sql = f"SELECT {column} FROM {table} WHERE {column} IN ({{values}})"
    return {row[0] for row in db.query_in(sql, sorted(set(values)))}


def chunks(values: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
