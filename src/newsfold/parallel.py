"""Independent work on every core: ``Workers.map`` runs a function in worker processes.

Events do not depend on one another, so their summaries can be built side by side. Workers
start only when there is enough work to repay their start-up, and each exits when its parent
dies, so a killed ``newsfold add`` leaves no process behind.

They are forked from multiprocessing's fork server, a process of its own started once, that
imports newsfold (PRELOAD, a second of CPU) and then only forks: nothing is copied from a
parent that may already run the solver's threads, as with ``spawn``, but the import is paid
once per run rather than once per worker, and never again for later pools of the same run.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

MIN_JOBS = 8
"""Fewer jobs than this are done in this process."""
MAX_WORKERS = 4
PRELOAD = ["newsfold.pipeline", "newsfold.store"]
"""What the fork server imports: everything workers are given to do."""


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
        self._feeds: list[_Feed] = []

    def __enter__(self) -> Workers:
        if self._start_on_enter:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for feed in list(self._feeds):
            feed.close()
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = self._up = None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def wait_up(self) -> None:
        """Wait until a worker process is running (they take a second or so to start)."""
        if self._up is not None:
            self._up.result()

    def start(self) -> None:
        """Start the processes (if ``size`` > 1 and not yet)."""
        if self.size > 1 and self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.size,
                mp_context=_fork_server(),
                initializer=_exit_with_parent,
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

        The processes start at the second item, from a thread of the stream's own (starting
        them takes a second), which then hands the items ahead to the workers, so that they go
        on while the caller is busy with the results taken. Meanwhile the items are done here;
        and whenever the result wanted next is not ready, this process does a later item no
        worker has begun rather than wait.
        """
        feed = _Feed(self, function, iter(items), args, ahead or 2 * self.size)
        self._feeds.append(feed)
        try:
            read = 0
            while (job := feed.take()) is not None:
                read += 1
                if read == 2:
                    feed.start()
                if job.future is None or job.future.cancel():  # no worker has begun it
                    job.run_here(function, args)
                while not job.future.done():  # meanwhile, do a later job no worker has begun
                    spare = feed.spare()
                    if spare is None:
                        break
                    spare.run_here(function, args)
                yield job.future.result()  # a job's error is raised in its turn, wherever it ran
        finally:
            feed.close()
            self._feeds.remove(feed)


class _Feed:
    """A stream's items, handed to the workers ahead of its reader by a thread of its own."""

    def __init__(
        self, workers: Workers, function: Callable[..., Any], items: Iterator[Any], args: tuple[Any, ...], ahead: int
    ) -> None:
        self._workers, self._function, self._items, self._args, self._ahead = workers, function, items, args, ahead
        self._queue: deque[_Job] = deque()
        self._changed = threading.Condition()  # guards the queue, the items and the flag
        self._closed = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the workers, and then handing them items, in the background."""
        if self._workers.size > 1:
            self._thread = threading.Thread(target=self._run, name="newsfold-feed", daemon=True)
            self._thread.start()

    def take(self) -> _Job | None:
        """The next job: the first handed to the workers, else the next item (to do here);
        None at the end."""
        with self._changed:
            if self._queue:
                self._changed.notify_all()
                return self._queue.popleft()
            item = next(self._items, _END)
        return None if item is _END else _Job(item, None)

    def spare(self) -> _Job | None:
        """The latest job handed to the workers that none of them has begun, taken back."""
        with self._changed:
            return next((job for job in reversed(self._queue) if job.future and job.future.cancel()), None)

    def close(self) -> None:
        """Hand nothing more (waiting for the workers' start if it is under way)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        try:
            self._workers.start()
            self._workers.wait_up()
        except Exception:  # noqa: BLE001 - no worker to hand items to: the reader does them all
            return
        with self._changed:
            while not self._closed:
                if len(self._queue) >= self._ahead:
                    self._changed.wait()
                    continue
                item = next(self._items, _END)
                if item is _END:
                    return
                self._queue.append(_Job(item, self._workers.submit(self._function, item, *self._args)))


@dataclass(slots=True)
class _Job:
    item: Any
    future: Future[Any] | None
    """The worker's job (None: not handed to one); once the job is done here, a finished
    future with its result or error."""

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


def _fork_server() -> multiprocessing.context.BaseContext:
    """The fork server's context, set to import PRELOAD when it starts (it is one per process
    and starts with the first pool; the setting does nothing once it has)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _exit_with_parent() -> None:
    """In a worker: end this process as soon as the process that asked for it is gone
    (killed, say). Its parent is the fork server; the asking process holds a pipe open to
    it, which multiprocessing hands the worker as the parent's sentinel."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
