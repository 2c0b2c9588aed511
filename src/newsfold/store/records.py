"""Articles and events as the JSON the store keeps, and back again."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from newsfold.render import event_record
from newsfold.types import Article, Event, Summary, SummarySentence


def dump_article(article: Article) -> str:
    return json.dumps(
        {
            "id": article.id,
            "path": article.path,
            "paragraphs": list(article.paragraphs),
            "title": article.title,
            "source": article.source,
            "published": article.published.isoformat() if article.published else None,
            "url": article.url,
            "author": article.author,
            "line": article.line,
        },
        ensure_ascii=False,
    )


def load_article(record: str) -> Article:
    data = json.loads(record)
    published = dt.date.fromisoformat(data["published"]) if data["published"] else None
    return Article(**{**data, "paragraphs": tuple(data["paragraphs"]), "published": published})


def content_hash(article: Article) -> str:
    """Same article, same hash: its id (a wire service resends a story under a new id, and
    both are kept), its text and what is said about it, not the path it was read from."""
    fields = [
        article.id,
        article.title,
        article.source,
        article.url,
        article.published and article.published.isoformat(),
    ]
    payload = json.dumps([fields, list(article.paragraphs)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def dump_event(event: Event) -> str:
    """The event's record without facts (they are extracted when read, never stale)."""
    record = event_record(event)
    for key in ("id", "stories", "articles"):  # kept in the tables, which are the truth
        record.pop(key)
    return json.dumps(record, ensure_ascii=False)


def load_event(event_id: str, record: str | None, stories: tuple[str, ...], articles: tuple[str, ...]) -> Event:
    data: dict[str, Any] = json.loads(record) if record else {}
    date = data.get("date")
    return Event(
        id=event_id,
        title=data.get("title", ""),
        date=dt.date.fromisoformat(date) if date else None,
        stories=stories,
        articles=articles,
        headline=_summary(data.get("headline")),
        summary=_summary(data.get("summary")),
        brief=_summary(data.get("brief")),
    )


def _summary(data: dict[str, Any] | None) -> Summary:
    if not data:
        return Summary()
    return Summary(tuple(SummarySentence(s["text"], tuple(s["sources"])) for s in data["sentences"]))


def now() -> str:
    """The time a row is written, as the store records it."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
