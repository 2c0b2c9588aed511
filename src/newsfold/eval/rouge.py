"""ROUGE-1, ROUGE-2 and ROUGE-L against several references, with Porter stemming.

Scores come from the ``rouge-score`` package (a re-implementation of ROUGE-1.5.5; on DUC
2004 with four references it reads lower than the original, see the README). A summary is
cut to the word budget before scoring, as ``ROUGE-1.5.5 -l`` does; scores against each
reference are averaged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from newsfold._optional import require

MEASURES = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True, slots=True)
class Rouge:
    """Recall and F1 per measure, in percent."""

    recall: dict[str, float]
    f1: dict[str, float]


@cache
def _scorer():  # type: ignore[no-untyped-def]
    module = require("rouge_score.rouge_scorer", extra="eval", feature="ROUGE scoring")
    return module.RougeScorer(list(MEASURES), use_stemmer=True)


def truncate(text: str, words: int | None) -> str:
    """The first ``words`` whitespace-separated words (all of them when None)."""
    return text if words is None else " ".join(text.split()[:words])


def score(summary: str, references: Sequence[str], *, words: int | None = None) -> Rouge:
    """ROUGE of one summary against its references, averaged over the references.

    Args:
        summary: the system summary.
        references: human summaries (at least one).
        words: cut the summary to this many words first.
    """
    cut = truncate(summary, words)
    recall = dict.fromkeys(MEASURES, 0.0)
    f1 = dict.fromkeys(MEASURES, 0.0)
    for reference in references:
        scores = _scorer().score(reference, cut)
        for measure in MEASURES:
            recall[measure] += 100 * scores[measure].recall / len(references)
            f1[measure] += 100 * scores[measure].fmeasure / len(references)
    return Rouge(recall, f1)
