"""Online grouping's parts, checked against batch grouping's and by hand."""

from __future__ import annotations

import numpy as np

from newsfold.cluster import average_linkage, reassign
from newsfold.features import story_vectors
from newsfold.minhash import band_keys, candidate_pairs, signatures
from newsfold.online import Frequencies, counts_matrix, event_id, name_groups, story_terms, weigh
from newsfold.tokens import TokenHasher

TEXTS = (
    "Floodwater swept through Dunmarrow on Tuesday after the Sallow River burst its banks, killing eleven people.",
    "Rescue crews in Dunmarrow searched flooded streets as the Sallow River fell slowly on Wednesday.",
    "Dockers at Portmere walked out over pay, halting grain exports at the start of the season.",
    "Grain exports from Portmere stopped for a third day as the dockers' strike over pay went on.",
    "Divers found the wreck of a schooner off Cape Lorn, a century after it sank in a storm.",
)


def test_weights_from_kept_counts_equal_batch_vectors():
    hasher = TokenHasher()
    tokens = [hasher(t) for t in TEXTS]
    rows = [story_terms(t) for t in tokens]
    df: dict[int, int] = {}
    for terms, _ in rows:
        for t in terms.tolist():
            df[t] = df.get(t, 0) + 1
    online = weigh(counts_matrix(rows), Frequencies.of_mapping(df), len(TEXTS))
    batch = story_vectors(tokens)
    assert abs(online - batch).max() < 1e-6
    assert online.nnz == batch.nnz > 0


def test_band_keys_find_the_pairs_the_in_memory_index_finds():
    rng = np.random.default_rng(7)
    base = rng.integers(0, 1 << 30, size=200, dtype=np.uint32)
    sets = [np.unique(base), np.unique(base[:150]), np.unique(rng.integers(0, 1 << 30, size=200, dtype=np.uint32))]
    sigs = signatures(sets, 128)
    keys = band_keys(sigs, 2)
    shared = {(i, j) for i in range(3) for j in range(i + 1, 3) if np.intersect1d(keys[i], keys[j]).size}
    assert shared == {tuple(p) for p in candidate_pairs(sigs, 2).tolist()} == {(0, 1)}


def test_a_settled_event_weighs_its_size_in_the_linkage():
    # Node 2 stands for an event of 10 stories; story 0 is linked to it with summed similarity 0.5,
    # so its average similarity to that event is 0.05; to story 1 it is 0.04.
    edges = {(0, 1): 0.04, (0, 2): 0.5}
    sizes = [1, 1, 10]
    assert average_linkage(3, edges, 0.045, sizes=sizes) == [[0, 2], [1]]
    assert average_linkage(3, edges, 0.06, sizes=sizes) == [[0], [1], [2]]
    # Reassignment never moves the settled node, and leaves story 0 where it averages best.
    assert reassign(3, edges, [[0, 1], [2]], 0.03, sizes=sizes) == [[0, 2], [1]]


def test_groups_keep_the_event_they_hold_most_of():
    current = {"s1": "e-A", "s2": "e-A", "s3": "e-B", "s4": "e-B", "s5": "e-B"}
    # e-B splits: the larger part keeps its id; e-A absorbs a story of e-B; a new story alone is new.
    groups = [["s1", "s2", "s3"], ["s4", "s5"], ["s6"]]
    assert name_groups(groups, current) == ["e-A", "e-B", event_id(["s6"])]
    # Two groups cannot both keep e-A: the second largest gets a new id.
    assert name_groups([["s1", "s9"], ["s2"]], current) == ["e-A", event_id(["s2"])]


def test_a_story_of_no_content_words_weighs_nothing_wherever_its_row_falls():
    hasher = TokenHasher()
    empty = story_terms(hasher("!!! 123 456."))
    assert empty[0].size == 0
    full = [story_terms(hasher(t)) for t in TEXTS[:2]]
    df = Frequencies.of_mapping({t: 2 for t in full[0][0].tolist() + full[1][0].tolist()})
    for rows in ([*full, empty], [empty, *full], [full[0], empty, full[1]], [empty]):
        vectors = weigh(counts_matrix(rows), df, 3)
        assert vectors.shape[0] == len(rows)
        norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
        assert np.allclose(norms, [0.0 if r is empty else 1.0 for r in rows], atol=1e-6)
