"""Read evaluation sets in cluster JSON Lines: one cluster of articles (+ references) per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsfold.clean.text import normalise, strip_dateline
from newsfold.dates import parse_date
from newsfold.types import Article


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    articles: tuple[Article, ...]
    summaries: tuple[str, ...]
    task: str | None = None


def load_clusters(path: str | Path, *, task: str | None = None) -> Iterator[Cluster]:
    """Yield the clusters of a file such as ``duc2004_task2.jsonl``.

    Args:
        path: the JSON Lines file.
        task: keep only clusters whose ``task`` field equals this (DUC 2003 mixes tasks).
    """
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            if not line.strip():
                continue
            record = json.loads(line)
            if task is not None and record.get("task") != task:
                continue
            yield Cluster(
                id=record["id"],
                articles=tuple(_article(a, str(path)) for a in record["articles"]),
                summaries=tuple(record.get("summaries") or ()),
                task=record.get("task"),
            )


def _article(record: dict[str, str], path: str) -> Article:
    text = normalise(record["text"])
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    dateline = None
    if paragraphs:  # "LONDON (AP) _ ..." opens wire copy; clean_text removes it the same way
        paragraphs[0], dateline = strip_dateline(paragraphs[0])
    return Article(
        id=record["id"],
        path=path,
        paragraphs=tuple(p for p in paragraphs if p),
        title=record.get("title") or None,
        source=record.get("source") or (dateline.source if dateline else None),
        published=parse_date(record.get("date")),
    )
