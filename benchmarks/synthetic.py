"""Reproducible news corpora of any size, built from the real DUC documents.

Each synthetic event starts from one DUC cluster: its articles are new combinations of that
cluster's sentences, with the cluster's names swapped for invented ones (so that two events
built from one cluster are different events, as two floods in two towns are). About a third
of the articles are syndicated copies of another article of the same event: reprints with
light edits, truncated reprints in blog boilerplate, or updates with an extra paragraph.
Dates spread over 30 days. The DUC texts stay in ../shared/data; only the generated corpus
(under benchmarks/out/, not committed) holds recombined text.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

from newsfold.datasets import load_clusters
from newsfold.sentences import split_sentences

SOURCES = (("duc2004-task2/duc2004_task2.jsonl", None), ("duc2003/duc2003_tasks2_3.jsonl", None))
START = dt.date(2024, 5, 1)
OUTLETS = (
    "Meridian Wire",
    "Coastline Herald",
    "Ostrel Observer",
    "Vessant Courier",
    "Portmere Pulse",
    "Northgate Journal",
    "Radio Calvenna",
    "Harbour Weekly",
    "Dunmarrow Gazette",
    "Lindqvist Times",
)
BOILERPLATE = ("Share this:", "Leave a Reply", "Your email address will not be published. Required fields are marked *")
SYLLABLES = (
    "ka",
    "lo",
    "mer",
    "vin",
    "dra",
    "sel",
    "tor",
    "am",
    "bri",
    "quon",
    "zel",
    "ru",
    "pha",
    "nis",
    "gor",
    "ela",
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


def sentence_pools(data: Path) -> list[list[str]]:
    """Sentences of each DUC cluster (a cluster's sentences describe one event or topic)."""
    pools = []
    for name, task in SOURCES:
        for cluster in load_clusters(data / name, task=task):
            sentences = [s for a in cluster.articles for p in a.paragraphs for s in split_sentences(p)]
            pools.append([s for s in sentences if 6 <= len(s.split()) <= 60])
    return pools


def build(n_articles: int, pools: list[list[str]], seed: int = 2026) -> list[dict[str, str]]:
    """``n_articles`` JSON Lines records; the same arguments give the same corpus."""
    rng = random.Random(seed)
    records: list[dict[str, str]] = []
    event = 0
    while len(records) < n_articles:
        records.extend(_event(event, rng, pools, n_articles - len(records)))
        event += 1
    return records


def one_event(n_articles: int, pools: list[list[str]], seed: int = 2026) -> list[dict[str, str]]:
    """``n_articles`` records about one event: many stories from one cluster's sentences, with copies."""
    rng = random.Random(seed)
    pool = pools[rng.randrange(len(pools))]
    names = _renamer(rng, pool)
    day = START + dt.timedelta(days=rng.randrange(30))
    records: list[dict[str, str]] = []
    k = 0
    while len(records) < n_articles:
        published = day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
        base = _record(f"s{k}", _story(rng, pool, names), rng.choice(OUTLETS), published)
        records.append(base)
        for c in range(rng.choice((0, 0, 0, 1, 1, 2, 3))):
            records.append(_copy(rng, base, f"s{k}c{c}"))
        k += 1
    return records[:n_articles]


def _event(number: int, rng: random.Random, pools: list[list[str]], room: int) -> list[dict[str, str]]:
    pool = pools[rng.randrange(len(pools))]
    names = _renamer(rng, pool)
    day = START + dt.timedelta(days=rng.randrange(30))
    stories = [_story(rng, pool, names) for _ in range(rng.randint(2, 14))]
    records = []
    for k, paragraphs in enumerate(stories):
        published = day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
        base = _record(f"e{number}s{k}", paragraphs, rng.choice(OUTLETS), published)
        records.append(base)
        for c in range(rng.choice((0, 0, 0, 1, 1, 2, 3))):
            records.append(_copy(rng, base, f"e{number}s{k}c{c}"))
    return records[:room]


def _renamer(rng: random.Random, pool: list[str]):  # type: ignore[no-untyped-def]
    words = sorted({w for s in pool for w in _CAPITALISED.findall(s)})
    swap = {
        w: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for w in words
        if rng.random() < 0.5
    }
    return lambda text: _CAPITALISED.sub(lambda m: swap.get(m.group(0), m.group(0)), text)


def _story(rng: random.Random, pool: list[str], rename) -> list[str]:  # type: ignore[no-untyped-def]
    sentences = [rename(s) for s in rng.sample(pool, min(len(pool), rng.randint(12, 28)))]
    paragraphs, k = [], 0
    while k < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[k : k + size]))
        k += size
    return paragraphs


def _record(ident: str, paragraphs: list[str], source: str, published: dt.date) -> dict[str, str]:
    return {"id": ident, "text": "\n\n".join(paragraphs), "source": source, "published": published.isoformat()}


def _copy(rng: random.Random, base: dict[str, str], ident: str) -> dict[str, str]:
    paragraphs = base["text"].split("\n\n")
    kind = rng.choice(("reprint", "truncated", "update"))
    if kind == "truncated":
        paragraphs = paragraphs[: max(2, int(len(paragraphs) * rng.uniform(0.4, 0.7)))] + list(BOILERPLATE)
    elif kind == "update":
        paragraphs = paragraphs + [rng.choice(paragraphs[:3])[::-1].capitalize() + "."]
    edited = [re.sub(r"\b(said|says)\b", "told reporters", p, count=1) if rng.random() < 0.3 else p for p in paragraphs]
    day = dt.date.fromisoformat(base["published"]) + dt.timedelta(days=rng.choice((0, 1)))
    return _record(ident, edited, rng.choice(OUTLETS), day)


def write(records: list[dict[str, str]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
