"""newsfold: fold a flood of news articles into events with attributed summaries."""

from __future__ import annotations

__version__ = "0.1.0"

from newsfold.config import Settings  # noqa: E402
from newsfold.pipeline import fold, fold_articles  # noqa: E402
from newsfold.types import Article, Event, Fold, RawArticle, Rejection, Story, Summary  # noqa: E402

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
