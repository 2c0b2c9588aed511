"""Choose the sentences that cover the most concept weight within a length budget.

This is budgeted maximum coverage: maximise the summed weight of the concepts the chosen
sentences contain, each concept counted once, so a second sentence saying the same thing
adds nothing. Solved exactly as an integer program (HiGHS, through scipy's ``milp``) in the
form of Gillick and Favre (2009), with one simplification: a concept variable only needs
``c_i <= sum of the chosen sentences containing i``, because the objective pushes it up;
so concepts can be continuous and only sentences are integer, which the solver handles in
tens of milliseconds for a news event. A greedy solver (best gain per square root of cost) is the
fallback when the solver runs out of time, the ablation baseline, and the brief's solver (see
``SummarySettings.exact_brief``).
"""

from __future__ import annotations

import heapq
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

SHORTLIST = 50
"""The exact solver chooses among this many sentences: the densest (concept weight per unit
of cost). On DUC 2003 this changes ROUGE by under 0.1 and makes the solver several times
faster; a sentence far down that list is almost never in the best cover."""
TIME_LIMIT = 2.0
"""Seconds the exact solver may search; then its best choice so far is taken (greedy if none).
On DUC 2004 the slowest solve takes 0.5 s, the median 13 ms: in practice every solve is exact,
so results do not depend on machine load."""

Covers = Sequence[Sequence[int]]
"""For each sentence, the indices of the concepts it contains."""


def best_cover(
    covers: Covers,
    weights: np.ndarray,
    costs: Sequence[float],
    budget: float,
    *,
    prefer: Sequence[float] | None = None,
    one_of: Sequence[int] = (),
    exact: bool = True,
) -> list[int]:
    """Indices of the sentences to choose, in input order.

    Args:
        covers: for each sentence, the indices of the concepts it contains.
        weights: weight of each concept (positive).
        costs: size of each sentence, in the unit of ``budget``.
        budget: the most the chosen sentences may cost in all.
        prefer: a small score per sentence that breaks ties between equal covers (e.g. lead
            sentences first); it must be far below any concept weight.
        one_of: when some of these sentences fit, the choice includes at least one of them.
        exact: solve exactly; False takes the greedy choice.
    """
    tiebreak = prefer if prefer is not None else [0.0] * len(costs)
    fits = [k for k, cost in enumerate(costs) if cost <= budget and covers[k]]
    if not fits:
        return []
    required = sorted(set(one_of) & set(fits))
    if 2 * min(costs[k] for k in fits) > budget:  # one sentence at most (a headline): no search needed
        return [max(required or fits, key=lambda k: (sum(weights[c] for c in covers[k]) + tiebreak[k], -k))]
    if exact:
        fits, required = _shortlist(covers, weights, costs, fits, required)
        fits = _distinct(covers, costs, fits, tiebreak, set(required))
        required = sorted(set(required) & set(fits))
        chosen = _exact(covers, weights, costs, budget, prefer, fits, required)
        if chosen is not None:
            return _without_repeats(covers, chosen, tiebreak, required)
    return _greedy(covers, weights, costs, budget, fits, required)


def _distinct(
    covers: Covers, costs: Sequence[float], fits: list[int], prefer: Sequence[float], one_of: set[int]
) -> list[int]:
    """``fits`` without repeats: of sentences with the same concepts and cost (the same
    sentence in several stories, common when they quote one wire report), the preferred one;
    a sentence of ``one_of`` is never dropped for one outside it. The solver's problem gets
    smaller (the choice could never hold two of them with any gain)."""
    kept: dict[tuple[tuple[int, ...], float, bool], int] = {}
    for k in fits:
        key = (tuple(sorted(covers[k])), costs[k], k in one_of)
        if key not in kept or prefer[k] > prefer[kept[key]]:
            kept[key] = k
    return sorted(kept.values())


def _without_repeats(covers: Covers, chosen: list[int], prefer: Sequence[float], required: list[int]) -> list[int]:
    """``chosen`` without sentences that add no weighted concept (every one they have, another
    chosen sentence has too): the solver takes such a sentence when the budget has room and the
    tie-breaking preference rewards it, but it adds nothing the event's stories share. The least
    preferred goes first; the one required sentence left stays."""
    chosen = list(chosen)
    while True:
        repeats = [
            k
            for k in chosen
            if not set(covers[k]) - {c for j in chosen if j != k for c in covers[j]}
            and not (k in required and len(set(chosen) & set(required)) == 1)
        ]
        if not repeats:
            return chosen
        worst = min(repeats, key=lambda k: (prefer[k], -k))
        chosen.remove(worst)


def _shortlist(
    covers: Covers, weights: np.ndarray, costs: Sequence[float], fits: list[int], required: list[int]
) -> tuple[list[int], list[int]]:
    """The SHORTLIST densest sentences, with the densest required one among them."""
    if len(fits) <= SHORTLIST:
        return fits, required
    density = {k: sum(weights[c] for c in covers[k]) / costs[k] for k in fits}
    kept = set(sorted(fits, key=lambda k: (-density[k], k))[:SHORTLIST])
    if required and not kept & set(required):
        kept.add(max(required, key=lambda k: (density[k], -k)))
    return sorted(kept), sorted(kept & set(required))


def _exact(
    covers: Covers,
    weights: np.ndarray,
    costs: Sequence[float],
    budget: float,
    prefer: Sequence[float] | None,
    fits: list[int],
    required: list[int],
) -> list[int] | None:
    """The optimal choice among ``fits`` (None if the solver found none in time)."""
    n_sentences = len(fits)
    gain, shared = _reduce([covers[k] for k in fits], weights)
    if prefer is not None:
        gain += np.asarray([prefer[k] for k in fits], dtype=float)
    n_groups = len(shared)
    contains = sparse.csr_matrix(
        (
            np.ones(sum(len(group) for group in shared)),
            (np.repeat(np.arange(n_groups), [len(group) for group in shared]), [j for g in shared for j in g]),
        ),
        shape=(n_groups, n_sentences),
    )
    length = sparse.csr_matrix(np.asarray([costs[k] for k in fits], dtype=float)[None, :])
    rows = [sparse.hstack([length, sparse.csr_matrix((1, n_groups))])]  # the budget
    upper = [budget]
    if n_groups:  # a shared concept counts only if a chosen sentence has it
        rows.append(sparse.hstack([-contains, sparse.eye(n_groups)]))
        upper.extend([0.0] * n_groups)
    if required:  # at least one of the required sentences
        index = {k: j for j, k in enumerate(fits)}
        rows.append(
            sparse.csr_matrix(
                (-np.ones(len(required)), ([0] * len(required), [index[k] for k in required])),
                shape=(1, n_sentences + n_groups),
            )
        )
        upper.append(-1.0)
    group_weight = np.fromiter(shared.values(), dtype=float, count=n_groups)
    with _stdout_to_stderr():
        result = milp(
            -np.concatenate([gain, group_weight]),
            constraints=LinearConstraint(sparse.vstack(rows).tocsr(), -np.inf, np.asarray(upper)),
            integrality=np.concatenate([np.ones(n_sentences), np.zeros(n_groups)]),
            bounds=Bounds(0, 1),
            options={"time_limit": TIME_LIMIT},
        )
    if result.x is None:
        return None
    return [fits[j] for j in np.flatnonzero(result.x[:n_sentences] > 0.5)]


def _reduce(covers: Covers, weights: np.ndarray) -> tuple[np.ndarray, dict[tuple[int, ...], float]]:
    """Shrink the program: concepts that only one sentence has become part of that sentence's
    own gain; concepts found in the same sentences become one concept with their summed weight.

    Returns:
        Each sentence's own gain, and the summed weight of each set of sentences sharing concepts.
    """
    holders: dict[int, list[int]] = {}
    for sentence, concepts in enumerate(covers):
        for concept in concepts:
            holders.setdefault(concept, []).append(sentence)
    own = np.zeros(len(covers))
    shared: dict[tuple[int, ...], float] = {}
    for concept, sentences in holders.items():
        if len(sentences) == 1:
            own[sentences[0]] += weights[concept]
        else:
            key = tuple(sentences)
            shared[key] = shared.get(key, 0.0) + weights[concept]
    return own, shared


@contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Send what native code prints to stdout to stderr instead. HiGHS 1.12 sometimes prints
    a debugging line even when silenced, and stdout carries our data (JSON)."""
    if sys.stdout is not None:  # None: the process was started with it closed
        sys.stdout.flush()
    try:
        saved = os.dup(1)
        os.dup2(2, 1)
    except OSError:  # no stdout or stderr to redirect (a daemon): nothing to protect
        yield
        return
    try:
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _greedy(
    covers: Covers, weights: np.ndarray, costs: Sequence[float], budget: float, fits: list[int], required: list[int]
) -> list[int]:
    """Repeatedly the best gain per square root of cost (ties: the first sentence); the first
    pick among ``required``. Lazily: a gain only falls as concepts are covered (in floating point
    too: a sum of fewer of the same positive terms, in order, is never larger), so one computed
    earlier bounds it, and is computed again only when it heads the queue. Same picks."""
    covered: set[int] = set()

    def gain(k: int) -> float:
        return sum(weights[c] for c in covers[k] if c not in covered) / costs[k] ** 0.5

    chosen, left = [], budget

    def take(k: int) -> None:
        nonlocal left
        chosen.append(k)
        covered.update(covers[k])
        left -= costs[k]

    queue = [(-gain(k), k, 0) for k in fits]  # (minus a bound, sentence, picks when computed): exact now
    if required:
        first = min(entry for entry in queue if entry[1] in required)
        if first[0] >= 0:
            return []
        queue.remove(first)
        take(first[1])
    heapq.heapify(queue)
    while queue:
        bound, k, picks = queue[0]
        if costs[k] > left:  # no longer fits, nor will it
            heapq.heappop(queue)
        elif picks < len(chosen):
            heapq.heapreplace(queue, (-gain(k), k, len(chosen)))
        elif bound >= 0:  # its gain, exact, is the best and no more than nothing
            break
        else:
            heapq.heappop(queue)
            take(k)
    return sorted(chosen)
