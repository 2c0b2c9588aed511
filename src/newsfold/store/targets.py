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
    scheme, found, rest = target.partition("://")
    if not found:  # a file (any URL is shown without its password, even one that is no store)
        return target
    user, at, host = rest.rpartition("@")
    if at:
        rest = f"{user.partition(':')[0]}@{host}"
    path, mark, query = rest.partition("?")
    kept = [pair for pair in query.split("&") if pair and not _is_secret(pair.partition("=")[0])]
    return f"{scheme}://{path}{mark if kept else ''}{'&'.join(kept)}"


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


def _secrets(target: str) -> list[str]:
    """The passwords a URL holds, as written and percent-decoded, longest first."""
    _, found, rest = target.partition("://")
    if not found:
        return []
    user, at, host = rest.rpartition("@")
    found_secrets = [user.partition(":")[2]] if at else []
    query = host.partition("?")[2] if at else rest.partition("?")[2]
    found_secrets += [pair.partition("=")[2] for pair in query.split("&") if _is_secret(pair.partition("=")[0])]
    forms = {form for secret in found_secrets for form in (secret, urllib.parse.unquote(secret)) if form}
    return sorted(forms, key=len, reverse=True)


def _is_secret(key: str) -> bool:
    return urllib.parse.unquote(key).lower() in ("password", "sslpassword")
