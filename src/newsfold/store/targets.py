"""Where a store lives, a SQLite file or a PostgreSQL URL, and how a message names it."""

from __future__ import annotations

import re


def is_url(target: str) -> bool:
    """Whether ``target`` names a PostgreSQL database (else it is a SQLite file)."""
    return target.startswith(("postgresql://", "postgres://"))


def shown(target: str) -> str:
    """The store as a message may name it: a URL without its password (in the authority or
    the query, where libpq also takes one).

    Read as text, not parsed: a password holding "[", "#", "?" or "/" is one libpq takes, a
    URL parser refuses or misreads ("postgresql://u:se#cret@host/db" had no password to it).
    The user's part ends at the last "@", so no character of a password can be shown.
    """
    scheme, found, rest = target.partition("://")
    if not found:  # a file (any URL is shown without its password, even one that is no store)
        return target
    user, at, host = rest.rpartition("@")
    if at:
        rest = f"{user.partition(':')[0]}@{host}"
    return f"{scheme}://{_PASSWORD_PARAMETER.sub('', rest).rstrip('?&')}"


_PASSWORD_PARAMETER = re.compile(r"(?<=[?&])password=[^&]*(?:&|$)")
