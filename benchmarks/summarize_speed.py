"""How long summarising one event takes: copies found, then headline, summary and brief.

10-article events: the 50 real DUC 2004 clusters. 100-article events: five synthetic events
(benchmarks/synthetic.py: stories recombined from one DUC cluster's sentences, about a third
of the articles syndicated copies). Each event is summarised ``--runs`` times in this process
(after one warm-up run, as a long-running newsfold would be); the table gives the median and
the slowest event's median. Goal (issue 3): at most 0.2 s and 2 s median on 2 cores.

    python benchmarks/summarize_speed.py [--data ../shared/data] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from synthetic import one_event, sentence_pools, write

from newsfold.config import ExtractSettings, Settings
from newsfold.datasets import load_clusters
from newsfold.pipeline import read_articles, summarize_articles
from newsfold.types import Article

ROOT = Path(__file__).resolve().parents[1]
SUMMARY_ONLY = Settings(extract=ExtractSettings(enabled=False))  # extraction: benchmarks/extract_speed.py


def timed(articles: list[Article], runs: int) -> float:
    """The median seconds of ``runs`` summaries of one event."""
    summarize_articles(articles, settings=SUMMARY_ONLY)  # warm-up: stemmer cache, imports
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        summarize_articles(articles, settings=SUMMARY_ONLY)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    duc = args.data / "duc2004-task2" / "duc2004_task2.jsonl"
    if not duc.is_file():
        print(f"{duc} not found", file=sys.stderr)
        return 1
    small = [list(c.articles) for c in load_clusters(duc)]
    pools = sentence_pools(args.data)
    large = []
    for seed in range(5):
        corpus = write(one_event(100, pools, seed=seed), ROOT / "benchmarks" / "out" / f"event100-{seed}.jsonl")
        large.append(read_articles([str(corpus)], Settings())[0])
    print("| event size | events | median s | slowest event's median s | goal s |")
    print("|---|---|---|---|---|")
    for label, events, goal in (("10 articles (DUC 2004)", small, 0.2), ("100 articles (synthetic)", large, 2.0)):
        medians = [timed(articles, args.runs) for articles in events]
        print(f"| {label} | {len(events)} | {statistics.median(medians):.3f} | {max(medians):.3f} | {goal} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
