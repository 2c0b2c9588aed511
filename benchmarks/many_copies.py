"""Time of `newsfold add` for one story reprinted thousands of times: a wire story picked up
everywhere, or a crawl's identical error pages. Each copy is the bundled sample's flood wire
story with one word of its own changed; the copies are written to benchmarks/out/copies/ as
JSON Lines and added to a fresh SQLite store in a fresh process, ``--runs`` times. Also the
time to add 500 more copies to the store holding the largest set, in one batch and in batches
of 10 (as a live feed's pauses make them). A story's look-up should not
grow with its number of copies, so seconds per 1,000 copies should stay about level.

    python benchmarks/many_copies.py [--runs 3] [--copies 1000 2000 4000]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out" / "copies"
WIRE = Path(__file__).resolve().parents[1] / "src" / "newsfold" / "sample" / "01_meridian-flood-wire.txt"


def write_copies(path: Path, count: int, *, first: int = 0) -> Path:
    """``count`` copies of the wire story, each with one word lengthened by a letter."""
    words = WIRE.read_text(encoding="utf-8").split(" ")
    pick = random.Random(first)
    with path.open("w", encoding="utf-8") as out:
        for k in range(first, first + count):
            edited = list(words)
            edited[pick.randrange(len(edited))] += "x"
            out.write(json.dumps({"id": f"copy-{k}", "text": " ".join(edited), "source": "Wire"}) + "\n")
    return path


def add(feed: Path, db: Path, batch: int | None = None) -> float:
    """Seconds of one `newsfold add` of ``feed`` into ``db``, in a child process."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "newsfold", "add", str(feed), "--db", str(db)]
        + (["--batch", str(batch)] if batch else []),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def stories(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT COUNT(DISTINCT story) FROM articles").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, nargs="+", default=[1000, 2000, 4000])
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print(
        "| copies added | to a store holding | in batches of | median s | s per 1,000 copies | stories in the store |"
    )
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        for count in args.copies:
            feed = write_copies(OUT / f"copies-{count}.jsonl", count)
            times = []
            for run in range(args.runs):
                db = Path(scratch) / f"store-{count}-{run}.db"
                times.append(add(feed, db))
            seconds = statistics.median(times)
            print(
                f"| {count:,} | 0 | 1,000 | {seconds:.1f} | {seconds / count * 1000:.2f} | {stories(db)} |", flush=True
            )
        more = write_copies(OUT / "copies-500-more.jsonl", 500, first=max(args.copies))
        for batch in (1000, 10):  # 10: a live feed's small batches, each looking up the stored copies
            times = []
            for run in range(args.runs):
                db = Path(scratch) / f"store-more-{batch}-{run}.db"
                add(feed, db)
                times.append(add(more, db, batch))
            seconds = statistics.median(times)
            print(
                f"| 500 | {count:,} | {batch:,} | {seconds:.1f} | {seconds / 500 * 1000:.2f} | {stories(db)} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
