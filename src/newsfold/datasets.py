"""Read evaluation sets in cluster JSON Lines: one cluster of articles (+ references) per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsfold.clean.text import normalise, strip_dateline
from newsfold.dates import parse_date
from newsfold.errors import NewsfoldError
from newsfold.ingest.decode import looks_utf16
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

    Raises:
        NewsfoldError: a line is not a cluster, naming the file and line. Scores over the
            clusters that happened to be readable would not be the set's scores.
    """
    seen: dict[str, int] = {}
    with open(path, "rb") as raw:
        if looks_utf16(raw.read(8192)):  # with a byte-order mark or without (its ASCII reads as UTF-8)
            raise NewsfoldError(f"{path}: this is UTF-16, and a cluster file must be UTF-8: convert it first")
    try:
        with open(path, encoding="utf-8-sig") as stream:  # a byte-order mark, as Windows saves one, is skipped
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    cluster = _cluster(line, str(path))
                except (ValueError, TypeError, KeyError, RecursionError) as exc:
                    raise NewsfoldError(f"{path}:{number}: {_reason(exc)}") from exc
                if cluster.id in seen:
                    raise NewsfoldError(f"{path}:{number}: cluster {cluster.id} is on line {seen[cluster.id]} too")
                seen[cluster.id] = number
                if task is None or cluster.task == task:
                    yield cluster
    except UnicodeDecodeError as exc:
        raise NewsfoldError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _cluster(line: str, path: str) -> Cluster:
    record = json.loads(line)
    if not isinstance(record, dict):
        raise TypeError("a cluster is a JSON object")
    articles = record["articles"]
    summaries = record.get("summaries") or []
    if not isinstance(articles, list) or not all(isinstance(a, dict) for a in articles):
        raise TypeError("'articles' is a list of objects")
    if not isinstance(summaries, list) or not all(isinstance(s, str) for s in summaries):
        raise TypeError("'summaries' is a list of reference texts")
    return Cluster(
        id=_name(record, "id"),
        articles=tuple(_article(a, path, n) for n, a in enumerate(articles, start=1)),
        summaries=tuple(s for s in summaries if s.strip()),
        task=_text(record, "task"),
    )


def _name(record: dict[str, object], key: str) -> str:
    if key not in record:
        raise KeyError(key)
    value = _text(record, key)
    if value is None or not value.strip():
        raise TypeError(f"{key!r} is a string or a number")
    return value


def _text(record: dict[str, object], key: str) -> str | None:
    """A field that is text, or a number written as text; None when absent or empty."""
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, str | int | float | None):
        raise TypeError(f"{key!r} is a string or a number")
    return str(value) if value not in (None, "") else None


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]!r}"
    if isinstance(exc, RecursionError):
        return "not valid JSON: nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc.msg} (column {exc.colno})"
    return str(exc)


def _article(record: dict[str, object], path: str, number: int) -> Article:
    try:
        return _read_article(record, path)
    except KeyError as exc:
        raise ValueError(f"article {number}: no {exc.args[0]!r}") from exc
    except TypeError as exc:
        raise TypeError(f"article {number}: {exc}") from exc


def _read_article(record: dict[str, object], path: str) -> Article:
    raw = record["text"]
    if not isinstance(raw, str):
        raise TypeError("its 'text' is a string")
    text = normalise(raw)
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    dateline = None
    if paragraphs:  # "LONDON (AP) _ ..." opens wire copy; clean_text removes it the same way
        paragraphs[0], dateline = strip_dateline(paragraphs[0])
    return Article(
        id=_name(record, "id"),
        path=path,
        paragraphs=tuple(p for p in paragraphs if p),
        title=_text(record, "title"),
        source=_text(record, "source") or (dateline.source if dateline else None),
        published=parse_date(_text(record, "date")),
    )
