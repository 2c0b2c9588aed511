"""How long extraction takes: entities, quotes, figures, timeline, agreement and sources.

1. Per event: the 50 DUC 2004 clusters (10 articles each) are folded into stories once, then
   each event's extraction is timed ``--runs`` times (after one warm-up that loads the spaCy
   model); the table gives the median over events of each event's median. Goal (issue 4): at
   most 1 s on 2 cores.
2. Whole corpus: a synthetic 10k-article corpus (benchmarks/synthetic.py, about a third
   syndicated copies) is folded without extraction, then every event is extracted; articles
   per second counts all articles, while the recogniser reads canonical stories only.

    python benchmarks/extract_speed.py [--data ../shared/data] [--runs 3] [--size 10000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from newsfold.config import ExtractSettings, Settings
from newsfold.datasets import load_clusters
from newsfold.extract import extract_event
from newsfold.pipeline import fold, summarize_articles

HERE = Path(__file__).resolve().parent
NO_EXTRACT = Settings(extract=ExtractSettings(enabled=False))


def per_event(data: Path, runs: int) -> tuple[list[float], int]:
    times, words = [], []
    for cluster in load_clusters(data / "duc2004-task2" / "duc2004_task2.jsonl"):
        folded = summarize_articles(cluster.articles, settings=NO_EXTRACT)
        articles = {a.id: a for a in folded.articles}
        extract_event(folded.stories, articles)  # warm-up (loads the model once)
        runs_s = []
        for _ in range(runs):
            started = time.perf_counter()
            extract_event(folded.stories, articles)
            runs_s.append(time.perf_counter() - started)
        times.append(statistics.median(runs_s))
        words.append(sum(articles[s.canonical].words for s in folded.stories))
    return times, int(statistics.median(words))


def whole_corpus(data: Path, size: int) -> dict[str, float]:
    sys.path.insert(0, str(HERE))
    from synthetic import build, sentence_pools, write

    path = HERE / "out" / f"corpus-{size}.jsonl"
    if not path.exists():
        write(build(size, sentence_pools(data)), path)
    folded = fold([str(path)], NO_EXTRACT)
    articles = {a.id: a for a in folded.articles}
    stories = {s.id: s for s in folded.stories}
    started = time.perf_counter()
    for event in folded.events:
        extract_event([stories[s] for s in event.stories], articles)
    seconds = time.perf_counter() - started
    canonical_words = sum(articles[s.canonical].words for s in folded.stories)
    return {
        "articles": len(articles),
        "stories": len(stories),
        "events": len(folded.events),
        "seconds": seconds,
        "canonical_words": canonical_words,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE.parents[1] / "shared" / "data")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=10_000, help="whole-corpus size (0: skip)")
    args = parser.parse_args()
    if not (args.data / "duc2004-task2").is_dir():
        print(f"needs {args.data}/duc2004-task2", file=sys.stderr)
        return 2
    times, words = per_event(args.data, args.runs)
    print("| event size | events | canonical words (median) | median s | slowest event's median s | goal s |")
    print("|---|---|---|---|---|---|")
    median, slowest = statistics.median(times), max(times)
    print(f"| 10 articles (DUC 2004) | {len(times)} | {words} | {median:.3f} | {slowest:.3f} | 1.0 |")
    if args.size:
        r = whole_corpus(args.data, args.size)
        print()
        print("| corpus | articles | stories | events | extraction s | articles/s | canonical words/s |")
        print("|---|---|---|---|---|---|---|")
        print(
            f"| synthetic | {r['articles']} | {r['stories']} | {r['events']} | {r['seconds']:.1f} | "
            f"{r['articles'] / r['seconds']:.0f} | {r['canonical_words'] / r['seconds']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
