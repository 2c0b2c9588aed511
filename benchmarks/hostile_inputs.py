"""Time and memory of `newsfold fold` on inputs written to be hard: pages with no paragraph
or sentence breaks, and a run-on sentence full of dates. Each is generated here (invented
words; nothing read from ../shared), written to benchmarks/out/hostile/, and folded with
extraction on in a fresh process, ``--runs`` times; the table gives the median seconds and the
median peak memory of the largest of the command's processes (its workers included:
``ru_maxrss`` of the children, the figure ``/usr/bin/time`` prints).

    python benchmarks/hostile_inputs.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out" / "hostile"
NAMES = ["Dunmarrow", "Vessant", "Ardle", "Portmere", "Lidia Marosh", "Corvane Engineering", "the port authority"]
VERBS = ["said", "reported", "warned", "announced", "confirmed"]


def dated_run_on(path: Path) -> None:
    """One sentence of 294,000 characters holding 14,000 weekdays."""
    text = "The river rose " + " ".join("on Monday and on Tuesday the crews worked" for _ in range(7000))
    path.write_text(text + ".\n")


def one_paragraph(path: Path) -> None:
    """A page of 3,500 short sentences (239,000 characters) and no paragraph break."""
    pick = random.Random(2)
    sentences = (
        f"{pick.choice(NAMES)} {pick.choice(VERBS)} on Monday that {pick.randint(2, 900)} people had left "
        f"{pick.choice(NAMES)}."
        for _ in range(3500)
    )
    path.write_text(" ".join(sentences) + "\n")


def six_long_records(path: Path) -> None:
    """Six JSON Lines records of 100,000 characters each, one paragraph each (one event)."""
    pick = random.Random(3)
    with path.open("w") as out:
        for k in range(6):
            sentences = (
                f"{pick.choice(NAMES)} {pick.choice(VERBS)} that {pick.randint(2, 900)} homes were flooded."
                for _ in range(1700)
            )
            out.write(json.dumps({"id": f"long-{k}", "text": " ".join(sentences)[:100_000]}) + "\n")


INPUTS: dict[str, tuple[str, Callable[[Path], None]]] = {
    "a 294,000-character sentence of dates": ("dates.txt", dated_run_on),
    "a 239,000-character page in one paragraph": ("paragraph.txt", one_paragraph),
    "6 records of 100,000 characters": ("long.jsonl", six_long_records),
}


def fold_once(path: Path) -> tuple[float, float]:
    """Seconds and peak MB of one `newsfold fold` of ``path`` in a child process."""
    script = (
        "import resource, subprocess, sys, time\n"
        "started = time.perf_counter()\n"
        "subprocess.run([sys.executable, '-m', 'newsfold', 'fold', sys.argv[1], '--format', 'json'],"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
        "print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    seconds, kilobytes = done.stdout.split()
    return float(seconds), int(kilobytes) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print("| input | size KB | median s | median peak MB |")
    print("|---|---|---|---|")
    for label, (name, write) in INPUTS.items():
        path = OUT / name
        write(path)
        runs = [fold_once(path) for _ in range(args.runs)]
        seconds = statistics.median(s for s, _ in runs)
        peak = statistics.median(mb for _, mb in runs)
        print(f"| {label} | {path.stat().st_size // 1024} | {seconds:.1f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
