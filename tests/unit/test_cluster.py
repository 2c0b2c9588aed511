import numpy as np
import scipy.sparse as sp

from newsfold.cluster import average_linkage, group_stories
from newsfold.config import ClusterSettings


def test_average_linkage_on_a_hand_graph():
    # 0-1 strongly linked, 2 weakly to both, 3 alone.
    edges = {(0, 1): 0.9, (0, 2): 0.3, (1, 2): 0.1}
    assert average_linkage(4, edges, threshold=0.25) == [[0, 1], [2], [3]]
    # mean(0.3, 0.1) = 0.2 joins 2 when the threshold is below it
    assert average_linkage(4, edges, threshold=0.15) == [[0, 1, 2], [3]]


def test_absent_edges_count_as_zero():
    edges = {(0, 1): 0.9, (1, 2): 0.9}  # 0 and 2 unlinked: the group average is 0.45 after 0-1
    assert average_linkage(3, edges, threshold=0.5) == [[0, 1], [2]]
    assert average_linkage(3, edges, threshold=0.4) == [[0, 1, 2]]


def test_time_decay_separates_same_words_far_apart():
    vectors = sp.csr_matrix(np.array([[1.0, 0.0], [0.9, 0.1], [1.0, 0.0]]))
    vectors = sp.csr_matrix(vectors / np.linalg.norm(vectors.toarray(), axis=1)[:, None])
    days = np.array([0.0, 1.0, 400.0])
    assert group_stories(vectors, days, ClusterSettings(threshold=0.5)) == [[0, 1], [2]]
    undated = np.array([0.0, np.nan, np.nan])
    assert group_stories(vectors, undated, ClusterSettings(threshold=0.5)) == [[0, 1, 2]]


def test_empty():
    assert group_stories(sp.csr_matrix((0, 5)), np.array([]), ClusterSettings()) == []


def test_candidate_graph_for_large_inputs_finds_the_same_events(sample_dir):
    """The path used beyond all_pairs_limit (candidates from shared rare terms, strongest
    edges only) folds the sample exactly as comparing all pairs does."""
    from dataclasses import replace

    from newsfold.config import Settings
    from newsfold.pipeline import fold

    settings = Settings()
    candidates = replace(settings, cluster=replace(settings.cluster, all_pairs_limit=0, neighbours=5))
    events = [{frozenset(e.articles) for e in fold([str(sample_dir)], s).events} for s in (settings, candidates)]
    assert events[0] == events[1] and len(events[0]) == 5
