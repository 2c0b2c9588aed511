"""The store: SQLite by default, PostgreSQL for a ``postgresql://`` URL, one interface."""

from __future__ import annotations

import sqlite3
import sys
import urllib.parse

from newsfold.config import Settings
from newsfold.store.base import Database
from newsfold.store.store import AddReport, EventRow, Store

DEFAULT = "newsfold.db"


def is_url(target: str) -> bool:
    """Whether ``target`` names a PostgreSQL database (else it is a SQLite file)."""
    return target.startswith(("postgresql://", "postgres://"))


def shown(target: str) -> str:
    """The store as a message may name it: a URL without its password (in the authority or
    the query, where libpq also takes one)."""
    if not is_url(target):
        return target
    url = urllib.parse.urlsplit(target)
    pairs = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
    if url.password is None and all(k != "password" for k, _ in pairs):
        return target
    query = urllib.parse.urlencode([(k, v) for k, v in pairs if k != "password"])
    host = url.netloc.rpartition("@")[2]
    netloc = f"{url.username}@{host}" if url.username else host
    return url._replace(netloc=netloc, query=query).geturl()


def failures() -> tuple[type[Exception], ...]:
    """The errors of the databases the store has opened in this process (a full disk, a lost
    server): a command ends on them with one line."""
    psycopg = sys.modules.get("psycopg")  # imported by a PostgreSQL store, and only then
    return (sqlite3.DatabaseError, psycopg.Error) if psycopg else (sqlite3.DatabaseError,)


def connect(target: str) -> Database:
    """A database for ``target``: a ``postgresql://`` (or ``postgres://``) URL, else a SQLite file."""
    if is_url(target):
        from newsfold.store.postgres import PostgresDatabase  # noqa: PLC0415

        return PostgresDatabase(target)
    from newsfold.store.sqlite import SQLiteDatabase  # noqa: PLC0415

    return SQLiteDatabase(target)


def open_store(target: str = DEFAULT, settings: Settings | None = None) -> Store:
    """Open (creating or migrating as needed) the store at ``target``."""
    return Store(connect(target), settings)


__all__ = ["DEFAULT", "AddReport", "EventRow", "Store", "connect", "failures", "is_url", "open_store", "shown"]
