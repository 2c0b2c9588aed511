"""The store: SQLite by default, PostgreSQL for a ``postgresql://`` URL, one interface."""

from __future__ import annotations

from newsfold.config import Settings
from newsfold.store.base import Database
from newsfold.store.store import AddReport, EventRow, Store

DEFAULT = "newsfold.db"


def connect(target: str) -> Database:
    """A database for ``target``: a ``postgresql://`` (or ``postgres://``) URL, else a SQLite file."""
    if target.startswith(("postgresql://", "postgres://")):
        from newsfold.store.postgres import PostgresDatabase  # noqa: PLC0415

        return PostgresDatabase(target)
    from newsfold.store.sqlite import SQLiteDatabase  # noqa: PLC0415

    return SQLiteDatabase(target)


def open_store(target: str = DEFAULT, settings: Settings | None = None) -> Store:
    """Open (creating or migrating as needed) the store at ``target``."""
    return Store(connect(target), settings)


__all__ = ["DEFAULT", "AddReport", "EventRow", "Store", "connect", "open_store"]
