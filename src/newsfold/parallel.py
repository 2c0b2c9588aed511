"""Independent work on every core: ``Workers.map`` runs a function in worker processes.

Events do not depend on one another, so their summaries can be built side by side. Workers
start fresh (``spawn``: nothing is copied from a parent that may already run the solver's
threads), only when there is enough work to repay their start-up (about a second), and each
exits when its parent dies, so a killed ``newsfold add`` leaves no process behind.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

MIN_JOBS = 8
"""Fewer jobs than this are done in this process."""
MAX_WORKERS = 4


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def workers_for(jobs: int, wanted: int) -> int:
    """Processes for ``jobs`` similar jobs when ``wanted`` were asked for (0: one per core);
    one, this process, for a few jobs."""
    if jobs < MIN_JOBS:
        return 1
    return max(1, min(wanted or cores(), MAX_WORKERS, jobs))


class Workers:
    """``size`` processes to map over (none when ``size`` is 1: the work stays here)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        if self.size > 1:
            self._pool = ProcessPoolExecutor(
                self.size,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def map(self, function: Callable[..., Any], *iterables: Iterable[Any]) -> Iterator[Any]:
        """``function`` over the iterables, results in their order."""
        if self._pool is None:
            return map(function, *iterables)
        return self._pool.map(function, *iterables)


def _exit_with_parent(parent: int) -> None:
    """In a worker: end this process as soon as ``parent`` is gone (killed, say)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
