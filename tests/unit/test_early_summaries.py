import threading
from concurrent.futures import Future

from newsfold.config import SummarySettings
from newsfold.store.early import EarlySummaries, Job


class HeldWorkers:
    """Runs nothing: each submitted build waits for the test to finish it."""

    def __init__(self) -> None:
        self.builds: list[tuple[str, Future]] = []

    def submit(self, function, job, settings) -> Future:
        future = Future()
        self.builds.append((job.rows[0][0], future))
        return future

    def finish(self, k: int, record: str) -> None:
        self.builds[k][1].set_result((record, {"s-" + record: b"notes"}))


def job(event: str) -> Job:
    return Job(event, [(event, "{}", b"", 1)], {event: None})


def started(*events: str) -> tuple[HeldWorkers, EarlySummaries]:
    """Early summaries on held workers, told that a batch changed ``events``."""
    workers = HeldWorkers()
    early = EarlySummaries(workers, SummarySettings())
    early.changed(set(events), [job(e) for e in events])
    return workers, early


def handed(built) -> list[tuple[str, str, dict]]:
    return [(b.job.event, b.event, b.notes) for b in built]


def test_builds_run_one_at_a_time_and_those_of_events_changed_again_are_void():
    workers, early = started("a", "b")
    assert [event for event, _ in workers.builds] == ["a"]  # b waits its turn
    workers.finish(0, "A")
    assert [event for event, _ in workers.builds] == ["a", "b"]
    early.changed({"a"}, [job("a")])  # a later batch changed a again: the build "A" is void
    assert handed(early.finished()) == []
    workers.finish(1, "B")
    assert handed(early.finished()) == [("b", "B", {"s-B": b"notes"})]
    assert [event for event, _ in workers.builds] == ["a", "b", "a"]
    workers.finish(2, "A2")
    assert handed(early.stop()) == [("a", "A2", {"s-A2": b"notes"})]


def test_a_failed_build_is_left_for_the_rebuild_at_the_end():
    workers, early = started("a", "b")
    workers.builds[0][1].set_exception(ValueError("no sentences"))
    assert handed(early.finished()) == []  # a stays stale, and fails again where failures are reported
    workers.finish(1, "B")
    assert handed(early.finished()) == [("b", "B", {"s-B": b"notes"})]


def test_stop_waits_for_the_build_under_way_and_begins_no_other():
    workers, early = started("a", "b")
    threading.Timer(0.2, workers.finish, (0, "A")).start()
    assert handed(early.stop()) == [("a", "A", {"s-A": b"notes"})]
    assert [event for event, _ in workers.builds] == ["a"]  # b was never begun


def test_jobs_of_events_changed_again_leave_the_queue_and_nothing_begins_after_the_context():
    workers = HeldWorkers()
    with EarlySummaries(workers, SummarySettings()) as early:
        early.changed({"a", "b", "c"}, [job("a"), job("b"), job("c")])
        early.changed({"b"}, [])  # b's job is void before it began
        assert early.waiting
        workers.finish(0, "A")
        assert [event for event, _ in workers.builds] == ["a", "c"]
    workers.finish(1, "C")  # the context is left: c ends, nothing else begins
    assert handed(early.finished()) == [("a", "A", {"s-A": b"notes"}), ("c", "C", {"s-C": b"notes"})]
    assert not early.waiting and len(workers.builds) == 2
