import logging
import os
import subprocess
import sys
import time
from itertools import repeat
from pathlib import Path

import numpy as np

from newsfold.config import DedupSettings, ExtractSettings, Settings, SummarySettings
from newsfold.ingest import read_inputs
from newsfold.parallel import Workers
from newsfold.pipeline import fold, make_event
from newsfold.store.prepare import prepare_inputs


def run_script(tmp_path: Path, source: str, *, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``source`` as a script of its own (workers need a main module to import)."""
    script = tmp_path / "script.py"
    script.write_text(source)
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=check)


def test_events_built_in_worker_processes_are_the_events_built_here(sample_dir):
    folded = fold([str(sample_dir)], Settings(extract=ExtractSettings(enabled=False)))
    articles = {a.id: a for a in folded.articles}
    stories = {s.id: s for s in folded.stories}
    jobs = [[stories[s] for s in event.stories] for event in folded.events]
    here = [make_event(job, articles, SummarySettings()) for job in jobs]
    with Workers(2) as workers:
        there = list(workers.map(make_event, jobs, repeat(articles), repeat(SummarySettings())))
    assert len(here) == 5
    assert there == here
    assert [e.summary for e in here] == [e.summary for e in folded.events]


WORKER_PIDS = """
import os, signal, sys
from multiprocessing import forkserver
from newsfold.parallel import Workers

def pid(_):
    return os.getpid()

if __name__ == "__main__":
    with Workers(2) as workers:
        pids = set(workers.map(pid, range(40)))
        print(*sorted(pids), forkserver._forkserver._forkserver_pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # the parent dies without shutting its workers down
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has ended; only its parent has not read its exit


def test_workers_and_their_fork_server_end_when_their_parent_is_killed(tmp_path):
    done = run_script(tmp_path, WORKER_PIDS, check=False)
    assert done.returncode == -9
    *workers, server = pids = [int(p) for p in done.stdout.split()]
    assert workers and server not in workers and os.getpid() not in pids
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(p) for p in pids)


def test_inputs_prepared_in_a_stream_are_the_inputs_prepared_here(sample_dir):
    raws = list(read_inputs([str(sample_dir)]))
    chunks = [raws[start : start + 3] for start in range(0, len(raws), 3)]
    here = [p for chunk in chunks for p in prepare_inputs(chunk, DedupSettings())]
    with Workers(2, start=False) as workers:
        assert len(list(workers.stream(prepare_inputs, chunks[:1], DedupSettings()))) == 1
        assert not workers.started  # one job is not worth starting processes for
        there = [p for part in workers.stream(prepare_inputs, chunks, DedupSettings()) for p in part]
        assert workers.started
    assert [p.article for p in there] == [p.article for p in here] and len(here) == len(raws)
    assert all(np.array_equal(a.print_.signature, b.print_.signature) for a, b in zip(there, here, strict=True))


STREAM_PIDS = """
import os, time
from newsfold.parallel import Workers

def slow_pid(item):
    time.sleep(0.05)
    return item, os.getpid()

if __name__ == "__main__":
    with Workers(2, start=False) as workers:
        for item, pid in workers.stream(slow_pid, range(80)):
            print(item, pid == os.getpid(), flush=True)
"""


def test_a_stream_is_done_here_until_the_workers_are_up_then_by_them_in_order(tmp_path):
    done = run_script(tmp_path, STREAM_PIDS)
    rows = [line.split() for line in done.stdout.splitlines()]
    assert [int(item) for item, _ in rows] == list(range(80))
    here = [flag == "True" for _, flag in rows]
    assert here[0] and here[1]  # before and while the workers start
    assert not all(here[40:])  # 4 s of work: the workers were up long before its end


STREAM_AWAY = """
import os, time
from newsfold.parallel import Workers

def stamped(item):
    time.sleep(0.05)
    return item, os.getpid(), time.time()

if __name__ == "__main__":
    with Workers(2, start=False) as workers:
        stream = workers.stream(stamped, range(40))
        taken = [next(stream) for _ in range(3)]
        while not workers.started:  # the stream's thread starts them
            time.sleep(0.05)
        workers.wait_up()
        time.sleep(2)  # busy with what was taken, as the store is with a batch
        back = time.time()
        taken += list(stream)
    print([item for item, _, _ in taken] == list(range(40)), taken[3][1] != os.getpid(), taken[3][2] < back)
"""


def test_a_stream_goes_on_in_the_workers_while_its_reader_is_busy(tmp_path):
    done = run_script(tmp_path, STREAM_AWAY)
    in_order, by_a_worker, before_the_reader_came_back = done.stdout.split()
    assert in_order == "True"
    assert by_a_worker == "True" and before_the_reader_came_back == "True"


STREAM_LEFT = """
import threading, time
from newsfold.parallel import Workers

def slow(item):
    time.sleep(0.05)
    return item

if __name__ == "__main__":
    with Workers(2, start=False) as workers:
        stream = workers.stream(slow, range(1000))
        taken = [next(stream) for _ in range(3)]
        time.sleep(2)  # the workers are up, and handed items
    deadline = time.monotonic() + 10
    while "newsfold-feed" in {t.name for t in threading.enumerate()} and time.monotonic() < deadline:
        time.sleep(0.05)
    print(taken, sorted(t.name for t in threading.enumerate()))
"""


def test_a_stream_left_unfinished_hands_nothing_more_once_its_workers_are_gone(tmp_path):
    done = run_script(tmp_path, STREAM_LEFT)
    assert done.stdout.startswith("[0, 1, 2] ")
    assert "newsfold-feed" not in done.stdout  # its thread has ended
    assert "Traceback" not in done.stderr


SLOW = """
import time
from newsfold.parallel import Workers

def slow(item):
    time.sleep(0.02)
    return item
"""
"""The start of a script: a job that takes a little time."""

STREAM_BAD_INPUT = (
    SLOW
    + """
def items():
    yield from range(60)
    raise OSError("input 60 cannot be read")

if __name__ == "__main__":
    taken = []
    with Workers(2, start=False) as workers:
        try:
            for result in workers.stream(slow, items()):
                taken.append(result)
                time.sleep(0.05)  # slower than the workers: the stream's thread reads the input
        except OSError as error:
            print(taken == list(range(60)), error)
"""
)


def test_an_input_that_cannot_be_read_raises_after_the_items_before_it(tmp_path):
    done = run_script(tmp_path, STREAM_BAD_INPUT)
    assert done.stdout == "True input 60 cannot be read\n"


STREAM_STALLED_INPUT = (
    SLOW
    + """
def items():  # as from a pipe that goes quiet
    yield from range(100)
    time.sleep(600)
    yield 100

if __name__ == "__main__":
    with Workers(2, start=False) as workers:
        try:
            for result in workers.stream(slow, items()):
                time.sleep(0.05)
                if result == 98:
                    raise ValueError("the reader failed at item 98")
        except ValueError as error:
            print(error, flush=True)
"""
)


def test_a_reader_that_fails_does_not_wait_for_input_that_is_slow_to_come(tmp_path):
    # the input stalls for 10 minutes after item 99: waiting for it would time out
    done = run_script(tmp_path, STREAM_STALLED_INPUT)
    assert done.stdout == "the reader failed at item 98\n"


STREAM_ERROR = """
import time
from newsfold.parallel import Workers

def slow_or_bad(item):
    time.sleep(0.02)
    if item == 59:
        raise ValueError("item 59 is bad")
    return item

if __name__ == "__main__":
    taken = []
    with Workers(2, start=False) as workers:
        try:
            for result in workers.stream(slow_or_bad, range(80), ahead=30):
                taken.append(result)
        except ValueError as error:
            print(len(taken), taken == list(range(59)), error)
"""


def test_an_error_in_a_stream_comes_in_its_turn_wherever_the_job_ran(tmp_path):
    done = run_script(tmp_path, STREAM_ERROR)
    assert done.stdout.split(maxsplit=2) == ["59", "True", "item 59 is bad\n"]


def test_workers_log_at_the_commands_level_to_a_handler_of_their_own():
    # Else a worker's warning is printed bare by Python's last-resort handler, and -q does
    # not silence it.
    from newsfold import logs  # noqa: PLC0415

    logs.configure(logging.ERROR)  # as `newsfold -q` does
    try:
        with Workers(2) as workers:
            workers.start()
            level = workers.submit(logging.getLogger("newsfold").getEffectiveLevel).result()
            handled = workers.submit(logging.getLogger().hasHandlers).result()
    finally:
        logs.configure(logging.WARNING)
    assert (level, handled) == (logging.ERROR, True)
