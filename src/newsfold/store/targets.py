"""Where a store lives, a SQLite file or a PostgreSQL URL, and how a message names it."""

from __future__ import annotations

import urllib.parse


def is_url(target: str) -> bool:
    """Whether ``target`` names a PostgreSQL database (else it is a SQLite file)."""
    return target.startswith(("postgresql://", "postgres://"))


def shown(target: str) -> str:
    """The store as a message may name it: a URL without its passwords (in the authority, or
    the query's "password" and "sslpassword", whose names libpq also reads percent-encoded).

    Read as text, not parsed: a password holding "[", "#", "?" or "/" is one libpq takes, a
    URL parser refuses or misreads ("postgresql://u:se#cret@host/db" had no password to it).
    The user's part ends at the last "@", so no character of a password can be shown.
    """
    parts = _parts(target)
    if parts is None:  # a file (any URL is shown without its password, even one that is no store)
        return target
    scheme, user, _, path, pairs = parts
    kept = [pair for pair in pairs if not _is_secret(pair)]
    return f"{scheme}://{user + '@' if user is not None else ''}{path}{'?' if kept else ''}{'&'.join(kept)}"


def scrubbed(message: str, target: str) -> str:
    """A message about ``target`` (libpq's, which may quote the URL or a part of it it cannot
    read, as ``invalid percent-encoded token: "se%zzcret"``) without any of its passwords."""
    message = message.replace(target, shown(target))
    for secret in _secrets(target):
        if secret in message:
            if len(secret) < 4:  # too short to cut out without cutting other words
                return "the URL could not be read"
            message = message.replace(secret, "…")
    return message


def _parts(target: str) -> tuple[str, str | None, str, str, list[str]] | None:
    """A URL as text: its scheme, its user (None when it names none), the password after the
    user's ":", what follows the last "@" up to the query, and the query's "key=value" pairs;
    None for a file."""
    scheme, found, rest = target.partition("://")
    if not found:
        return None
    userinfo, at, rest = rest.rpartition("@")
    user, _, password = userinfo.partition(":")
    path, _, query = rest.partition("?")
    return scheme, user if at else None, password, path, [pair for pair in query.split("&") if pair]


def _secrets(target: str) -> list[str]:
    """The passwords a URL holds, as written and percent-decoded, longest first."""
    parts = _parts(target)
    if parts is None:
        return []
    _, _, password, _, pairs = parts
    written = [password, *(pair.partition("=")[2] for pair in pairs if _is_secret(pair))]
    forms = {form for secret in written for form in (secret, urllib.parse.unquote(secret)) if form}
    return sorted(forms, key=len, reverse=True)


def _is_secret(pair: str) -> bool:
    """Whether a query's "key=value" pair holds a password."""
    return urllib.parse.unquote(pair.partition("=")[0]).lower() in ("password", "sslpassword")
