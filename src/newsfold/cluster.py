"""Group stories into events: average linkage over a time-decayed story similarity graph.

Stories, not articles, are grouped, so that copies of one wire story cannot outvote
independent reports. Two groups merge while the mean similarity of their stories (cosine of
TF-IDF vectors, times exp(-days apart / decay) when both dates are known) is at least the
threshold. For large inputs each story keeps only its strongest edges, and missing edges
count as zero similarity.

Greedy merging cannot undo an early mistake (a story pulled into a neighbouring event by one
strong edge before its own event formed), so a refinement pass then moves each story to the
event it is on average most similar to, or leaves it alone when no event reaches the
threshold. Both steps only walk the graph's edges.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence

import numpy as np
import scipy.sparse as sp

from newsfold.config import ClusterSettings


class EventGrouper:
    """Stage object around :func:`group_stories`."""

    name = "group"
    requires = ("stories", "vectors")
    produces = ("events",)

    def __init__(self, *, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()

    def __call__(self, vectors: sp.csr_matrix, days: np.ndarray) -> list[list[int]]:
        return group_stories(vectors, days, self.settings)

    def __repr__(self) -> str:
        return f"EventGrouper(settings={self.settings!r})"


def group_stories(vectors: sp.csr_matrix, days: np.ndarray, settings: ClusterSettings | None = None) -> list[list[int]]:
    """Cluster story vectors into events.

    Args:
        vectors: L2-normalised TF-IDF rows, one per story.
        days: each story's date as an ordinal day number, or NaN when unknown.
        settings: threshold, decay, graph size.

    Returns:
        Lists of story indices, one list per event, each sorted.
    """
    settings = settings or ClusterSettings()
    n = vectors.shape[0]
    if n == 0:
        return []
    edges = similarity_graph(vectors, days, settings)
    groups = average_linkage(n, edges, settings.threshold)
    return reassign(n, edges, groups, settings.threshold, passes=settings.refine_passes)


def reassign(
    n: int,
    edges: dict[tuple[int, int], float],
    groups: list[list[int]],
    threshold: float,
    *,
    passes: int = 10,
    sizes: Sequence[int] | None = None,
) -> list[list[int]]:
    """Move each story to the group it is on average most similar to, until nothing moves.

    A story's affinity to a group is the sum of its edge weights into the group divided by
    the group's size (itself excluded), the same group-average measure the linkage uses. A
    story whose best affinity is below ``threshold`` becomes an event of its own.

    Args:
        n: number of stories.
        edges: similarity graph, as from :func:`similarity_graph`.
        groups: the starting partition of ``range(n)``.
        threshold: the least affinity for a story to stay in a group.
        passes: upper bound on sweeps over all stories.
        sizes: how many stories each node stands for (default 1 each). A node of more than
            one story is a settled event (see :mod:`newsfold.online`): it never moves, and
            weighs its size in every group average.

    Returns:
        Lists of story indices, one list per group, each sorted.
    """
    neighbours = _adjacency(n, edges)
    weight = list(sizes) if sizes is not None else [1] * n
    label = [0] * n
    for g, group in enumerate(groups):
        for i in group:
            label[i] = g
    size = [sum(weight[i] for i in group) for group in groups]
    for _ in range(passes):
        moved = 0
        for i in range(n):
            if weight[i] != 1:
                continue
            best = _best_group(i, neighbours[i], label, size, threshold)
            if best != label[i]:
                if best == len(size):
                    size.append(0)
                size[label[i]] -= 1
                size[best] += 1
                label[i] = best
                moved += 1
        if not moved:
            break
    out: dict[int, list[int]] = {}
    for i in range(n):
        out.setdefault(label[i], []).append(i)
    return sorted(out.values())


def _best_group(i: int, neighbours: dict[int, float], label: list[int], size: list[int], threshold: float) -> int:
    """Story i's best group; ``len(size)`` stands for "a new group of its own"."""
    total: dict[int, float] = {}
    for j, s in neighbours.items():
        total[label[j]] = total.get(label[j], 0.0) + s
    own = label[i]
    if size[own] == 1:
        best, best_score = own, threshold  # already alone: move only for a group reaching the threshold
    else:
        best, best_score = own, total.get(own, 0.0) / (size[own] - 1)
    for g, t in total.items():
        if g != own and t / size[g] > best_score + 1e-12:
            best, best_score = g, t / size[g]
    if best == own and size[own] > 1 and best_score < threshold:
        return len(size)
    return best


def similarity_graph(
    vectors: sp.csr_matrix, days: np.ndarray, settings: ClusterSettings
) -> dict[tuple[int, int], float]:
    """Edges (i, j), i < j, with time-decayed cosine similarity of at least min_similarity.

    Up to ``settings.all_pairs_limit`` stories every pair is compared. Beyond, each story is compared only
    with candidates that share a rare term with it (see :func:`_candidates`), and keeps its
    ``settings.neighbours`` strongest edges: the product of all stories with all stories is
    nearly dense, because common words link everything, and grows with the square of n.
    """
    n = vectors.shape[0]
    all_pairs = n <= settings.all_pairs_limit
    edges: dict[tuple[int, int], float] = {}
    if all_pairs:
        blocks = _all_pairs(vectors, step=1000)
    else:
        blocks = _candidate_pairs(vectors, settings.neighbours + settings.neighbours // 4, step=200)
    for start, block in blocks:
        for offset in range(block.shape[0]):
            i = start + offset
            cols = block.indices[block.indptr[offset] : block.indptr[offset + 1]]
            sims = block.data[block.indptr[offset] : block.indptr[offset + 1]]
            if all_pairs:  # every pair is in the product twice: keep (i, j) with j > i
                cols, sims = cols[cols > i], sims[cols > i]
            cols, sims = _decayed(i, cols, sims, days, settings)
            if not all_pairs and cols.size > settings.neighbours:
                top = np.argpartition(sims, -settings.neighbours)[-settings.neighbours :]
                cols, sims = cols[top], sims[top]
            for j, s in zip(cols.tolist(), sims.tolist(), strict=True):
                key = (i, j) if i < j else (j, i)
                if key not in edges or edges[key] < s:
                    edges[key] = s
    return edges


def _all_pairs(vectors: sp.csr_matrix, step: int) -> Iterator[tuple[int, sp.csr_matrix]]:
    transposed = vectors.T.tocsr()
    for start in range(0, vectors.shape[0], step):
        yield start, (vectors[start : start + step] @ transposed).tocsr()


def _candidate_pairs(vectors: sp.csr_matrix, per_row: int, step: int) -> Iterator[tuple[int, sp.csr_matrix]]:
    """Exact similarities of each story with its ``per_row`` best candidates, block by block."""
    n = vectors.shape[0]
    probe = _rare_terms(vectors, max(50, n // 500))
    probe_t = probe.T.tocsr()  # transposed once, not once per block
    for start in range(0, n, step):
        partial = (probe[start : start + step] @ probe_t).tocsr()
        rows, cols = [], []
        for offset in range(partial.shape[0]):
            found = partial.indices[partial.indptr[offset] : partial.indptr[offset + 1]]
            if found.size > per_row:
                weights = partial.data[partial.indptr[offset] : partial.indptr[offset + 1]]
                found = found[np.argpartition(weights, -per_row)[-per_row:]]
            rows.append(np.full(found.size, start + offset))
            cols.append(found)
        i, j = np.concatenate(rows), np.concatenate(cols)
        exact = np.asarray(vectors[i].multiply(vectors[j]).sum(axis=1)).ravel()
        yield start, sp.csr_matrix((exact, (i - start, j)), shape=(partial.shape[0], n))


def _rare_terms(vectors: sp.csr_matrix, max_df: int) -> sp.csr_matrix:
    """The vectors restricted to terms of at most ``max_df`` stories: names and phrases of
    one event, which find a story's likely neighbours at a fraction of the cost."""
    df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    probe = vectors.copy()
    probe.data[df[probe.indices] > max_df] = 0.0
    probe.eliminate_zeros()
    return probe


def _decayed(
    i: int, cols: np.ndarray, sims: np.ndarray, days: np.ndarray, settings: ClusterSettings
) -> tuple[np.ndarray, np.ndarray]:
    gap = np.abs(days[cols] - days[i])
    known = ~np.isnan(gap)
    factor = np.ones(cols.size)
    factor[known] = np.exp(-gap[known] / settings.decay_days)
    factor[known & (gap > settings.window_days)] = 0.0
    sims = sims * factor
    keep = (cols != i) & (sims >= settings.min_similarity)
    return cols[keep], sims[keep]


def _adjacency(n: int, edges: dict[tuple[int, int], float]) -> dict[int, dict[int, float]]:
    """Each node's neighbours and edge weights (both directions)."""
    neighbours: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for (i, j), s in edges.items():
        neighbours[i][j] = s
        neighbours[j][i] = s
    return neighbours


def average_linkage(
    n: int, edges: dict[tuple[int, int], float], threshold: float, *, sizes: Sequence[int] | None = None
) -> list[list[int]]:
    """Agglomerative clustering with group-average linkage over a sparse graph.

    The linkage of two groups is the sum of edge weights between them divided by the
    product of their sizes; absent edges weigh zero. ``sizes`` gives each node's size when
    a node stands for a group already formed (default 1).
    """
    weight = _adjacency(n, edges)  # merged groups are folded into it as they form
    size = dict(enumerate(sizes)) if sizes is not None else dict.fromkeys(range(n), 1)
    members = {i: [i] for i in range(n)}
    heap = [(-s / (size[i] * size[j]), i, j) for (i, j), s in edges.items() if s / (size[i] * size[j]) >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in size or b not in size:
            continue
        link = weight[a].get(b, 0.0) / (size[a] * size[b])
        if abs(link + negative) > 1e-12:
            continue  # stale entry: the pair was re-queued with its current linkage
        _merge(a, b, weight, size, members, heap, threshold)
    return sorted(sorted(group) for group in members.values())


def _merge(a, b, weight, size, members, heap, threshold) -> None:  # type: ignore[no-untyped-def]
    if len(weight[a]) < len(weight[b]):
        a, b = b, a
    for other, w in weight.pop(b).items():
        if other == a:
            continue
        weight[other].pop(b, None)
        total = weight[a].get(other, 0.0) + w
        weight[a][other] = total
        weight[other][a] = total
    weight[a].pop(b, None)
    size[a] += size.pop(b)
    members[a].extend(members.pop(b))
    for other, total in weight[a].items():
        link = total / (size[a] * size[other])
        if link >= threshold:
            heapq.heappush(heap, (-link, min(a, other), max(a, other)))
