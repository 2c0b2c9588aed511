"""Throughput and memory of the whole fold at 1k, 10k and 100k articles.

Builds reproducible corpora from the real DUC documents (see synthetic.py), writes each as
JSON Lines, and folds it in a fresh process through the same path as `newsfold fold
--format json` (ingest, clean, dedupe, group, summarise, render), printing seconds per stage,
articles per second, and the process's peak resident memory.

    python benchmarks/throughput.py [--sizes 1000 10000 100000] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("ingest+clean", "tokenize", "dedup", "group", "summarize", "render")


def measure(corpus: Path) -> dict[str, float]:
    """Fold ``corpus`` in this process; return stage seconds and peak RSS (MB)."""
    from newsfold.config import ExtractSettings, Settings
    from newsfold.pipeline import fold
    from newsfold.render import write_json

    timings: dict[str, float] = {}
    started = time.perf_counter()
    # Folding and summaries only; extraction has its own benchmark (extract_speed.py).
    settings = Settings(extract=ExtractSettings(enabled=False), workers=0)  # every core, as `newsfold fold`
    with WorkerMemory() as workers:
        result = fold([str(corpus)], settings, timings=timings)
    render_started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_json(result, sink)
    timings["render"] = time.perf_counter() - render_started
    timings["total"] = time.perf_counter() - started
    timings["articles"] = len(result.articles)
    timings["stories"] = len(result.stories)
    timings["events"] = len(result.events)
    timings["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    timings["worker_mb"] = workers.peak_mb
    return timings


class WorkerMemory:
    """The largest peak resident memory of this process's children (the workers that build
    summaries), read from /proc while they run. Not getrusage(RUSAGE_CHILDREN): a worker
    started by fork and exec is charged there with the memory its parent had when it forked."""

    def __init__(self, every: float = 0.2) -> None:
        self.every, self.peak_mb = every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            for pid in _children():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue  # ended meanwhile
                found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
                if found:
                    self.peak_mb = max(self.peak_mb, int(found.group(1)) / 1024)


def _children() -> list[int]:
    pids = []
    for task in Path("/proc/self/task").iterdir():
        try:
            pids += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


def corpus_for(size: int, data: Path) -> Path:
    from synthetic import build, sentence_pools, write

    path = HERE / "out" / f"corpus-{size}.jsonl"
    if not path.exists():
        write(build(size, sentence_pools(data)), path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=1, help="runs per size; the table shows medians")
    parser.add_argument("--data", type=Path, default=HERE.parents[1] / "shared" / "data")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    if not (args.data / "duc2004-task2").exists():
        print(f"DUC data not found under {args.data}", file=sys.stderr)
        return 1
    print("Each stage: seconds (articles per second). Medians of", args.runs, "run(s).\n")
    header = f"| articles | stories | events | {' | '.join(STAGES)} | total s | articles/s | peak RSS MB"
    print(header + " | largest worker's peak RSS MB |")
    print("|---" * (len(STAGES) + 7) + "|")
    for size in args.sizes:
        corpus = corpus_for(size, args.data)
        runs = [_child(corpus) for _ in range(args.runs)]
        med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        stages = " | ".join(f"{med[s]:.1f} ({med['articles'] / max(med[s], 1e-9):,.0f})" for s in STAGES)
        print(
            f"| {int(med['articles']):,} | {int(med['stories']):,} | {int(med['events']):,} | {stages} | "
            f"{med['total']:.1f} | {med['articles'] / med['total']:.0f} | {med['peak_mb']:.0f} | "
            f"{med['worker_mb']:.0f} |",
            flush=True,
        )
    return 0


def _child(corpus: Path) -> dict[str, float]:
    """One measurement in a fresh interpreter, so peak memory is this fold's alone."""
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(corpus)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main())
