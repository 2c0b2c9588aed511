"""Exceptions that newsfold raises on purpose."""

from __future__ import annotations


class NewsfoldError(Exception):
    """Base class for errors newsfold reports to its user."""


class ConfigError(NewsfoldError):
    """A setting has a value newsfold cannot use; the message names the key and its source."""


class MissingDependency(NewsfoldError, ImportError):
    """An optional dependency is not installed; the message says how to install it."""


def said(error: BaseException) -> str:
    """What an exception says, on one line (a database's or a parser's message may run to
    several, with hints)."""
    return " ".join(str(error).split())
