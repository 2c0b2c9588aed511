"""Pauses in a live input are marked, so that a batch can end where the feed goes quiet."""

import itertools
import pickle
import threading
import time

import pytest

from newsfold.ingest.pauses import PAUSE, batched, with_pauses
from newsfold.store.prepare import input_chunks


def feed(*steps):
    """Yield the strings among ``steps``; a number is a wait of that many seconds."""
    for step in steps:
        if isinstance(step, float):
            time.sleep(step)
        else:
            yield step


def test_a_pause_is_marked_once_after_the_items_before_it():
    marked = with_pauses(feed("a", "b", 0.6, "c", 0.6, "d"), quiet=0.2, longest=60.0)
    assert list(marked) == ["a", "b", PAUSE, "c", PAUSE, "d"]


def test_no_pause_before_the_first_item_between_quick_items_or_at_the_end():
    assert list(with_pauses(feed(0.5, "a", "b", "c"), quiet=0.2, longest=60.0)) == ["a", "b", "c"]


def test_a_feed_that_never_goes_quiet_is_still_marked_in_parts():
    steady = feed(*[x for k in range(12) for x in (0.1, str(k))])  # an item every 0.1 s for 1.2 s
    marked = list(with_pauses(steady, quiet=0.5, longest=0.35))
    assert marked.count(PAUSE) >= 2  # about every 0.35 s, though it never paused for 0.5 s
    assert marked[0] is not PAUSE and marked[-1] is not PAUSE
    assert all(not (a is PAUSE and b is PAUSE) for a, b in itertools.pairwise(marked))
    assert [item for item in marked if item is not PAUSE] == [str(k) for k in range(12)]


def test_the_pause_is_still_itself_after_a_trip_to_a_worker_process():
    assert pickle.loads(pickle.dumps([PAUSE]))[0] is PAUSE


def test_what_reading_raises_comes_after_the_items_read_before_it():
    def failing():
        yield "a"
        raise OSError("the pipe broke")

    items = with_pauses(failing(), quiet=5.0, longest=60.0)
    assert next(items) == "a"
    with pytest.raises(OSError, match="the pipe broke"):
        next(items)


def test_a_reader_that_stops_early_leaves_the_rest_unread():
    read = []

    def counted():
        for k in range(10_000):
            read.append(k)
            yield k

    items = with_pauses(counted(), quiet=5.0, longest=60.0)
    assert next(items) == 0
    items.close()
    time.sleep(0.5)
    assert len(read) < 500  # the thread read a little ahead...
    assert "newsfold-input" not in {t.name for t in threading.enumerate()}  # ... then ended


class Raw:
    def __init__(self, path):
        self.path = path


def test_a_pause_ends_a_chunk_early_and_travels_in_it():
    a, b, c = Raw("a"), Raw("b"), Raw("c")
    seen = []
    chunks = list(input_chunks([a, b, PAUSE, c], 50, seen.append))
    assert chunks == [[a, b, PAUSE], [c]]
    assert seen == ["a", "b", "c"]


def test_a_pause_just_after_a_full_chunk_travels_alone():
    a, b, c = Raw("a"), Raw("b"), Raw("c")
    assert list(input_chunks([a, b, PAUSE, c], 2)) == [[a, b], [PAUSE], [c]]


def test_batches_end_at_their_size_or_at_a_pause_even_an_empty_one():
    assert list(batched(["a", "b", "c", PAUSE, "d", PAUSE], 2)) == [(["a", "b"], False), (["c"], True), (["d"], True)]
    assert list(batched(["a", "b", PAUSE, "c"], 2)) == [(["a", "b"], False), ([], True), (["c"], False)]
