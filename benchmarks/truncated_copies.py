"""How often a reprint of only the opening of a story is recognised as its copy.

Every DUC 2004 task-2 article at least four times longer than the reprint is paired with a
reprint of its first N words, and the two are folded into stories alone (copy detection
only); a pair that becomes one story is found. The table gives the share found for each N.

    python benchmarks/truncated_copies.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from newsfold.datasets import load_clusters
from newsfold.dedup import find_stories
from newsfold.tokens import TokenHasher

LENGTHS = (40, 60, 80, 120, 160)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    args = parser.parse_args()
    articles = [a for c in load_clusters(args.data / "duc2004-task2" / "duc2004_task2.jsonl") for a in c.articles]
    hasher = TokenHasher()
    print("| reprint of the first | originals | found | share |")
    print("|---|---|---|---|")
    for n in LENGTHS:
        found = total = 0
        for article in articles:
            words = article.text.split()
            if len(words) < 4 * n:
                continue
            reprint = replace(article, id=f"{article.id}-opening", paragraphs=(" ".join(words[:n]),))
            stories = find_stories([article, reprint], [hasher(article.text), hasher(reprint.text)])
            total += 1
            found += len(stories) == 1
        print(f"| {n} words | {total} | {found} | {found / total:.2f} |")


if __name__ == "__main__":
    main()
