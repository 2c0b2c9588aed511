"""Event grouping on real news: newsfold vs TF-IDF + average linkage, B-cubed against NIST.

Folds every article of the DUC 2004 task-2 and DUC 2003 task-2 clusters together, with no
cluster hints, and scores the events against the TDT topics (extended B-cubed: a few
articles belong to two topics). The baseline is scikit-learn TF-IDF with scipy average
linkage over cosine distance, at its best threshold on this very data (an oracle setting,
which favours the baseline).

    python benchmarks/cluster_duc.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from newsfold.config import Settings
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
    args = parser.parse_args()
    if not (args.data / SETS[0][0]).exists():
        print(f"DUC data not found under {args.data}", file=sys.stderr)
        return 1
    articles, gold, origin = load(args.data)
    print(f"{len(articles)} articles, {len({t for g in gold.values() for t in g})} TDT topics, no cluster hints\n")
    started = time.perf_counter()
    ours = newsfold_labels(articles, Settings())
    seconds = time.perf_counter() - started
    threshold, base_labels = best_baseline(articles, gold)
    print("| system | articles | events | B3 precision | B3 recall | B3 F1 |")
    print("|---|---|---|---|---|---|")
    for name, labels, note in (
        ("newsfold", ours, f" ({seconds:.1f} s, whole fold)"),
        (f"TF-IDF + average linkage (best threshold {threshold:.2f})", base_labels, ""),
    ):
        for part in (None, "duc2004-task2", "duc2003"):
            g = gold if part is None else subset(gold, origin, part)
            score = bcubed(labels, g)
            events = len({labels[a] for a in g})
            label = name + (note if part is None else f" — {part} only")
            print(f"| {label} | {len(g)} | {events} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
