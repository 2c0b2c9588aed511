"""Event grouping on real news: newsfold vs TF-IDF + average linkage, B-cubed against NIST.

Folds every article of the DUC 2004 task-2 and DUC 2003 task-2 clusters together, with no
cluster hints, and scores the events against the TDT topics (extended B-cubed: a few
articles belong to two topics). The baseline is scikit-learn TF-IDF with scipy average
linkage over cosine distance, at its best threshold on this very data (an oracle setting,
which favours the baseline).

With ``--online`` it also adds the same articles one at a time, in publication order, to an
empty store (``newsfold add``'s online grouping) and scores the events it ends with.

    python benchmarks/cluster_duc.py [--data ../shared/data] [--online]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from newsfold.config import ExtractSettings, Settings
from newsfold.datasets import load_clusters
from newsfold.eval.bcubed import bcubed
from newsfold.pipeline import fold_articles

SETS = (("duc2004-task2/duc2004_task2.jsonl", None), ("duc2003/duc2003_tasks2_3.jsonl", "task2_tdt"))


def load(data: Path) -> tuple[list, dict[str, set[str]], dict[str, str]]:
    """Unique articles, their gold TDT topics, and which set each came from."""
    articles, gold, origin = {}, defaultdict(set), {}
    for name, task in SETS:
        for cluster in load_clusters(data / name, task=task):
            for article in cluster.articles:
                articles.setdefault(article.id, article)
                gold[article.id].add(cluster.id)  # TDT topic ids are shared by both years
                origin.setdefault(article.id, name.split("/")[0])
    return list(articles.values()), dict(gold), origin


def newsfold_labels(articles: list, settings: Settings) -> dict[str, str]:
    folded = fold_articles(articles, settings=settings)
    return {a: event.id for event in folded.events for a in event.articles}


def online_labels(articles: list, settings: Settings) -> dict[str, str]:
    """Add the articles one by one, oldest first, to an empty SQLite store; events at the end."""
    from newsfold.store import open_store  # noqa: PLC0415

    ordered = sorted(articles, key=lambda a: (a.published or dt.date.max, a.id))
    with tempfile.TemporaryDirectory() as folder, open_store(f"{folder}/duc.db", settings) as store:
        for article in ordered:
            store.add_articles([article], refresh=False)  # membership only: summaries are not scored
        rows = store.db.query("SELECT a.id, s.event FROM articles a JOIN stories s ON s.id = a.story")
    return dict(rows)


def baseline_tree(articles: list) -> np.ndarray:
    """scikit-learn TF-IDF (sublinear tf, English stop words), scipy average linkage, cosine."""
    from scipy.cluster.hierarchy import linkage
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(a.text for a in articles)
    return linkage(vectors.toarray(), method="average", metric="cosine")


def cut(tree: np.ndarray, articles: list, threshold: float) -> dict[str, str]:
    from scipy.cluster.hierarchy import fcluster

    labels = fcluster(tree, threshold, criterion="distance")
    return {a.id: str(label) for a, label in zip(articles, labels, strict=True)}


def best_baseline(articles: list, gold: dict[str, set[str]]) -> tuple[float, dict[str, str]]:
    """The baseline at the distance threshold that scores best here (an oracle choice)."""
    tree = baseline_tree(articles)
    scored = [(t, cut(tree, articles, t)) for t in np.arange(0.70, 1.0, 0.01)]
    return max(scored, key=lambda pair: bcubed(pair[1], gold).f1)


def subset(gold: dict[str, set[str]], origin: dict[str, str], name: str) -> dict[str, set[str]]:
    return {a: g for a, g in gold.items() if origin[a] == name}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--online", action="store_true", help="Also add the articles one by one to a store.")
    args = parser.parse_args()
    if not (args.data / SETS[0][0]).exists():
        print(f"DUC data not found under {args.data}", file=sys.stderr)
        return 1
    articles, gold, origin = load(args.data)
    print(f"{len(articles)} articles, {len({t for g in gold.values() for t in g})} TDT topics, no cluster hints\n")
    started = time.perf_counter()
    settings = Settings(extract=ExtractSettings(enabled=False))  # events are scored, not facts
    ours = newsfold_labels(articles, settings)
    seconds = time.perf_counter() - started
    systems = [("newsfold", ours, f" ({seconds:.1f} s, whole fold)")]
    if args.online:
        started = time.perf_counter()
        online = online_labels(articles, settings)
        note = f" ({time.perf_counter() - started:.1f} s, {len(articles)} adds)"
        systems.append(("newsfold online, one article at a time", online, note))
    threshold, base_labels = best_baseline(articles, gold)
    systems.append((f"TF-IDF + average linkage (best threshold {threshold:.2f})", base_labels, ""))
    print("| system | articles | events | B3 precision | B3 recall | B3 F1 |")
    print("|---|---|---|---|---|---|")
    for name, labels, note in systems:
        for part in (None, "duc2004-task2", "duc2003"):
            g = gold if part is None else subset(gold, origin, part)
            score = bcubed(labels, g)
            events = len({labels[a] for a in g})
            label = name + (note if part is None else f" — {part} only")
            print(f"| {label} | {len(g)} | {events} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
