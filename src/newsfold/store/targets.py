"""Where a store lives, a SQLite file or a PostgreSQL URL, and how a message names it."""

from __future__ import annotations

import urllib.parse


def is_url(target: str) -> bool:
    """Whether ``target`` names a PostgreSQL database (else it is a SQLite file)."""
    return target.startswith(("postgresql://", "postgres://"))


def shown(target: str) -> str:
    """The store as a message may name it: a URL without its password (in the authority or
    the query, where libpq also takes one)."""
    if "://" not in target:  # a file (any URL is shown without its password, even one that is no store)
        return target
    url = urllib.parse.urlsplit(target)
    pairs = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
    if url.password is None and all(k != "password" for k, _ in pairs):
        return target
    query = urllib.parse.urlencode([(k, v) for k, v in pairs if k != "password"])
    host = url.netloc.rpartition("@")[2]
    netloc = f"{url.username}@{host}" if url.username else host
    return url._replace(netloc=netloc, query=query).geturl()
