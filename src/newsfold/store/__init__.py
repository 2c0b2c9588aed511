"""The store: SQLite by default, PostgreSQL for a ``postgresql://`` URL, one interface."""

from __future__ import annotations

import sqlite3
import sys

from newsfold.config import Settings
from newsfold.store.base import Database
from newsfold.store.store import AddReport, EventRow, Store
from newsfold.store.targets import is_url, scrubbed, shown

DEFAULT = "newsfold.db"


def database_errors() -> tuple[type[Exception], ...]:
    """The errors of the databases the store has opened in this process (a full disk, a lost
    server): a command ends on them with one line."""
    psycopg = sys.modules.get("psycopg")  # imported by a PostgreSQL store, and only then
    return (sqlite3.DatabaseError, psycopg.Error) if psycopg else (sqlite3.DatabaseError,)


def connect(target: str, *, read_only: bool = False) -> Database:
    """A database for ``target``: a ``postgresql://`` (or ``postgres://``) URL, else a SQLite file.
    ``read_only``: the caller only reads (a SQLite store on a read-only mount can then be read)."""
    if is_url(target):
        from newsfold.store.postgres import PostgresDatabase  # noqa: PLC0415

        return PostgresDatabase(target)
    from newsfold.store.sqlite import SQLiteDatabase  # noqa: PLC0415

    return SQLiteDatabase(target, read_only=read_only)


def open_store(target: str = DEFAULT, settings: Settings | None = None, *, read_only: bool = False) -> Store:
    """Open (creating or migrating as needed) the store at ``target``; ``read_only``: see
    :func:`connect` (a store that needs migrating cannot be read so)."""
    return Store(connect(target, read_only=read_only), settings)


__all__ = [
    "DEFAULT",
    "AddReport",
    "EventRow",
    "Store",
    "connect",
    "database_errors",
    "is_url",
    "open_store",
    "scrubbed",
    "shown",
]
