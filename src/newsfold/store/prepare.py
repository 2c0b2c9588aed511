"""What storing an article needs from no database: its cleaning, word ids and fingerprints.

``Store.add`` streams its inputs through :func:`prepare_inputs` a chunk at a time, in worker
processes when it has them, so that the writer itself only reads and writes the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from newsfold.config import DedupSettings
from newsfold.ingest.pauses import PAUSE, Pause, batched
from newsfold.online import story_terms
from newsfold.pipeline import cleaned
from newsfold.store.copies import Fingerprint, fingerprints
from newsfold.store.records import content_hash
from newsfold.tokens import TokenHasher
from newsfold.types import Article, RawArticle, Rejection


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article ready to store."""

    article: Article
    digest: str
    """Its content hash: an article stored once is known by it."""
    tokens: np.ndarray
    print_: Fingerprint
    terms: np.ndarray
    """Its event-grouping terms and their counts (:func:`newsfold.online.story_terms`)."""
    counts: np.ndarray


def prepare_inputs(
    items: Sequence[RawArticle | Rejection | Pause], dedup: DedupSettings
) -> list[Prepared | Rejection | Pause]:
    """Clean and prepare raw inputs (a rejection, or an input cleaning rejects, stays one; a
    pause stays where it is)."""
    done = [item if isinstance(item, Pause) else cleaned(item) for item in items]
    prepared = iter(prepare_articles([c for c in done if isinstance(c, Article)], dedup))
    return [next(prepared) if isinstance(c, Article) else c for c in done]


def prepare_articles(articles: Iterable[Article], dedup: DedupSettings) -> list[Prepared]:
    """Word ids, fingerprints and grouping terms of cleaned articles."""
    articles = list(articles)
    hasher = TokenHasher()
    tokens = [hasher(article.text) for article in articles]
    out = []
    for article, ids, print_ in zip(articles, tokens, fingerprints(tokens, dedup), strict=True):
        terms, counts = story_terms(ids)
        out.append(Prepared(article, content_hash(article), ids, print_, terms, counts))
    return out


def input_chunks(
    items: Iterable[RawArticle | Rejection | Pause], size: int, on_item: Callable[[str], None] | None = None
) -> Iterator[list[RawArticle | Rejection | Pause]]:
    """``items`` in lists of ``size``, calling ``on_item`` with each one's path. A pause ends a
    list early and travels in it, last (alone, when the list before was full)."""
    for chunk, paused in batched(items, size):
        if on_item:
            for item in chunk:
                on_item(item.path)
        yield [*chunk, PAUSE] if paused else chunk
