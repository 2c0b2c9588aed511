import os
import subprocess
import sys
import time
from itertools import repeat
from pathlib import Path

from newsfold.config import ExtractSettings, Settings, SummarySettings
from newsfold.parallel import Workers
from newsfold.pipeline import fold, make_event


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
from newsfold.parallel import Workers

def pid(_):
    return os.getpid()

if __name__ == "__main__":
    with Workers(2) as workers:
        pids = set(workers.map(pid, range(40)))
        print(*sorted(pids), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # the parent dies without shutting its workers down
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has ended; only its parent has not read its exit


def test_workers_end_when_their_parent_is_killed(tmp_path):
    script = tmp_path / "workers.py"
    script.write_text(WORKER_PIDS)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == -9
    pids = [int(p) for p in done.stdout.split()]
    assert pids and os.getpid() not in pids
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(p) for p in pids)
