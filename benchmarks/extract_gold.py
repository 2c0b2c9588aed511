"""Score extraction on the bundled sample corpus against its hand annotation.

The annotation is tests/fixtures/sample_extraction.json (written by reading the articles,
guide in tests/fixtures/sample_extraction_guide.md); matching rules are in
newsfold.eval.extraction. Prints precision and recall per kind; ``--misses KIND`` lists every
missed and extra item of that kind (for entities, also those found with another type).

    python benchmarks/extract_gold.py [--misses quotes|figures|timeline|entities]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsfold.bundled import sample_corpus
from newsfold.eval.extraction import (
    entity_misses,
    event_entities,
    load_gold,
    misses,
    predicted,
    score,
    score_entities,
)
from newsfold.pipeline import fold

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "sample_extraction.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=("quotes", "figures", "timeline", "entities"))
    args = parser.parse_args()
    gold = load_gold(GOLD)
    folded = fold([str(sample_corpus())])
    found = predicted(folded)
    entities = event_entities(folded)
    scores = {**score(gold, found), **score_entities(gold["entities"], entities)}
    print("| items | precision | recall | matched | predicted | gold | goal |")
    print("|---|---|---|---|---|---|---|")
    for name, s in scores.items():
        goal = "≥ 0.9 / 0.9" if name in ("quotes", "figures", "timeline") else ""
        print(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.matched} | {s.predicted} | {s.gold} | {goal} |")
    if args.misses == "entities":
        for what, key, item in entity_misses(gold["entities"], entities):
            print(what, key, {k: v for k, v in item.items() if k != "note"})
    elif args.misses:
        for what, article, item in misses(gold, found, args.misses):
            print(what, article, {k: v for k, v in item.items() if k != "note"})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
