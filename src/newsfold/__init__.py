"""newsfold: fold a flood of news articles into events with attributed summaries.

The names below are loaded when first used, so that importing a part of newsfold (its
console script first) does not load the whole pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsfold.config import Settings
    from newsfold.pipeline import fold, fold_articles
    from newsfold.types import Article, Event, Fold, RawArticle, Rejection, Story, Summary

_HOMES = {
    "Article": "newsfold.types",
    "Event": "newsfold.types",
    "Fold": "newsfold.types",
    "RawArticle": "newsfold.types",
    "Rejection": "newsfold.types",
    "Settings": "newsfold.config",
    "Story": "newsfold.types",
    "Summary": "newsfold.types",
    "fold": "newsfold.pipeline",
    "fold_articles": "newsfold.pipeline",
}

__all__ = [
    "Article",
    "Event",
    "Fold",
    "RawArticle",
    "Rejection",
    "Settings",
    "Story",
    "Summary",
    "__version__",
    "fold",
    "fold_articles",
]


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module 'newsfold' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
