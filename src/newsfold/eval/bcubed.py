"""Scores for clusterings: extended B-cubed precision, recall and F1 (Amigó et al., 2009).

The extension handles items that belong to several gold classes (a TDT article can belong
to two topics): for items e and e', precision credits min(shared clusters, shared classes)
over shared clusters, recall the same over shared classes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, Collection[str]]) -> BCubed:
    """Extended B-cubed of a flat clustering against possibly overlapping gold classes.

    Args:
        predicted: item -> cluster label, for every item in ``gold``.
        gold: item -> the gold classes it belongs to (at least one).

    Returns:
        Precision and recall averaged over items (F1 as a property).
    """
    items = list(gold)
    if not items:
        return BCubed(0.0, 0.0)
    classes = {item: frozenset(gold[item]) for item in items}
    by_cluster: dict[str, list[str]] = defaultdict(list)
    by_class: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_cluster[predicted[item]].append(item)
        for label in classes[item]:
            by_class[label].add(item)
    precision = recall = 0.0
    for item in items:
        mates = by_cluster[predicted[item]]
        precision += sum(1.0 for other in mates if classes[item] & classes[other]) / len(mates)
        related = set().union(*(by_class[label] for label in classes[item]))
        recall += sum(
            1.0 / len(classes[item] & classes[other]) for other in related if predicted[other] == predicted[item]
        ) / len(related)
    return BCubed(precision / len(items), recall / len(items))
