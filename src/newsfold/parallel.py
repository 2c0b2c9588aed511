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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

MIN_JOBS = 8
"""Fewer jobs than this are done in this process."""
MAX_WORKERS = 4


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def pool_size(wanted: int) -> int:
    """Processes to use when ``wanted`` were asked for (0: one per core)."""
    return max(1, min(wanted or cores(), MAX_WORKERS))


def workers_for(jobs: int, wanted: int) -> int:
    """Processes for ``jobs`` similar jobs when ``wanted`` were asked for (0: one per core);
    one, this process, for a few jobs."""
    if jobs < MIN_JOBS:
        return 1
    return min(pool_size(wanted), jobs)


class Workers:
    """``size`` processes to map over (none when ``size`` is 1: the work stays here).

    The processes start on entering the context, or, with ``start=False``, when :meth:`start`
    or :meth:`stream` finds enough work for them.
    """

    def __init__(self, size: int, *, start: bool = True) -> None:
        self.size = size
        self._start_on_enter = start
        self._pool: ProcessPoolExecutor | None = None
        self._up: Future[None] | None = None

    def __enter__(self) -> Workers:
        if self._start_on_enter:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = self._up = None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def start(self) -> None:
        """Start the processes (if ``size`` > 1 and not yet)."""
        if self.size > 1 and self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.size,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
            self._up = self._pool.submit(_nothing)  # done once a worker is running

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        """``function(*args)`` in a worker (the processes must have started)."""
        if self._pool is None:
            raise RuntimeError("no worker processes to submit to")
        return self._pool.submit(function, *args)

    def map(self, function: Callable[..., Any], *iterables: Iterable[Any]) -> Iterator[Any]:
        """``function`` over the iterables, results in their order."""
        if self._pool is None:
            return map(function, *iterables)
        return self._pool.map(function, *iterables)

    def stream(self, function: Callable[..., Any], items: Iterable[Any], *args: Any, ahead: int = 0) -> Iterator[Any]:
        """``function(item, *args)`` for each item, results in order, reading ``items`` only
        ``ahead`` (default: two per worker) ahead of the results taken: a stream may be longer
        than memory.

        The processes start at the second item. Until one of them is up (in a second or so),
        items are done here; then they go to the workers, and whenever the result wanted next
        is not ready, this process does a later item that no worker has begun rather than wait.
        """
        items = iter(items)
        queue: deque[_Job] = deque()
        read = 0
        while True:
            while self._up is not None and self._up.done() and len(queue) < (ahead or 2 * self.size):
                item = next(items, _END)
                if item is _END:
                    break
                queue.append(_Job(item, self._pool.submit(function, item, *args)))
            if not queue:
                item = next(items, _END)
                if item is _END:
                    return
                read += 1
                if read == 2:
                    self.start()
                yield function(item, *args)
                continue
            job = queue.popleft()
            if job.future.cancel():  # no worker has begun it (a finished job cannot be cancelled)
                job.run_here(function, args)
            while not job.future.done():  # meanwhile, do a later job no worker has begun
                spare = next((j for j in reversed(queue) if j.future.cancel()), None)
                if spare is None:
                    break
                spare.run_here(function, args)
            yield job.future.result()  # a job's error is raised in its turn, wherever it ran


@dataclass(slots=True)
class _Job:
    item: Any
    future: Future[Any]
    """The worker's job; once the job is done here, a finished future with its result or error."""

    def run_here(self, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
        done: Future[Any] = Future()
        try:
            done.set_result(function(self.item, *args))
        except Exception as exc:  # noqa: BLE001 - kept for the caller, raised when this job's turn comes
            done.set_exception(exc)
        self.future = done


def _nothing() -> None:
    pass


_END = object()


def _exit_with_parent(parent: int) -> None:
    """In a worker: end this process as soon as ``parent`` is gone (killed, say)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
