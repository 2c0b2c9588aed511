"""Independent work on every core: ``Workers.map`` runs a function in worker processes.

Events do not depend on one another, so their summaries can be built side by side. Workers
start only when there is enough work to repay their start-up, and each exits when its parent
dies, so a killed ``newsfold add`` leaves no process behind.

They are forked from multiprocessing's fork server, a process of its own started once, that
imports newsfold (PRELOAD, a second of CPU) and then only forks. Nothing is copied from a
parent that may already have run the solver, as with ``spawn`` (the fork server has only
imported numpy and scipy, whose BLAS threads are fork-safe), but the import is paid once per
run rather than once per worker, and never again for later pools of the same run.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from newsfold import logs

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
        self._starting = threading.Lock()

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
        """Start the processes (if ``size`` > 1 and not yet; a stream may call it from its thread)."""
        with self._starting:
            if self.size > 1 and self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.size,
                    mp_context=_start_method(),
                    initializer=_start_worker,
                    initargs=(logging.getLogger("newsfold").getEffectiveLevel(),),
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
    """A stream's items, handed to the workers ahead of its reader by a thread of its own.

    The items are read on that thread too, once it has started (so an iterator bound to its
    thread cannot be streamed). Whatever reading them raises is raised to the reader in its
    turn, after the items read before.
    """

    def __init__(
        self, workers: Workers, function: Callable[..., Any], items: Iterator[Any], args: tuple[Any, ...], ahead: int
    ) -> None:
        self._workers = workers
        self._function = function
        self._items = items
        self._args = args
        self._ahead = ahead
        self._queue: deque[_Job] = deque()
        self._changed = threading.Condition()  # guards the queue, the flag and the error
        self._reading = threading.Lock()  # an item read is queued before the next is read
        self._closed = False
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._launched = threading.Event()  # the workers have started, or failed to

    def start(self) -> None:
        """Start the workers, and then handing them items, in the background."""
        with self._changed:
            if self._closed or self._workers.size <= 1:
                return
        self._thread = threading.Thread(target=self._run, name="newsfold-feed", daemon=True)
        self._thread.start()

    def take(self) -> _Job | None:
        """The next job: the first handed to the workers, else the next item (to do here);
        None at the end."""
        if (job := self._queued()) is not None:
            return job
        # The thread may hold the lock for long, waiting for input (a live feed): take the jobs
        # it hands meanwhile rather than wait for it to let go.
        while not self._reading.acquire(timeout=0.05):
            if (job := self._queued()) is not None:
                return job
        try:
            if (job := self._queued()) is not None:  # queued while this waited for the lock
                return job
            item = next(self._items, _END)
        finally:
            self._reading.release()
        return None if item is _END else _Job(item, None)

    def spare(self) -> _Job | None:
        """The latest job handed to the workers that none of them has begun, taken back."""
        with self._changed:
            return next((job for job in reversed(self._queue) if job.future and job.future.cancel()), None)

    def close(self) -> None:
        """Hand nothing more, and take back what no worker has begun. Waits for the workers'
        start if it is under way, not for input: the thread ends when it next looks."""
        with self._changed:
            self._closed = True
            for job in self._queue:
                if job.future is not None:
                    job.future.cancel()
            self._changed.notify_all()
        if self._thread is not None:
            self._launched.wait()

    def _queued(self) -> _Job | None:
        """The first job queued; raises what reading the items raised once none is left."""
        with self._changed:
            if self._queue:
                self._changed.notify_all()
                return self._queue.popleft()
            if self._error is not None:
                raise self._error
        return None

    def _run(self) -> None:
        try:
            self._workers.start()
            self._workers.wait_up()
        except Exception:  # noqa: BLE001 - no worker to hand items to: the reader does them all
            return
        finally:
            self._launched.set()
        while self._room():
            with self._reading:
                try:
                    item = next(self._items, _END)
                except BaseException as error:  # noqa: BLE001 - the reader's, in its turn
                    with self._changed:
                        self._error = error
                    return
                if item is _END or not self._hand(item):
                    return

    def _room(self) -> bool:
        """Wait until the queue has room; False once closed."""
        with self._changed:
            while not self._closed and len(self._queue) >= self._ahead:
                self._changed.wait()
            return not self._closed

    def _hand(self, item: Any) -> bool:
        """Queue ``item`` for a worker; False when no more should be (closed, or the workers
        refused it: then the reader does it here, and the rest)."""
        with self._changed:
            if self._closed:
                return False
            try:
                future: Future[Any] | None = self._workers.submit(self._function, item, *self._args)
            except Exception:  # noqa: BLE001 - a broken pool: what is queued raises it in its turn
                future = None
            self._queue.append(_Job(item, future))
            return future is not None


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


def _start_method() -> multiprocessing.context.BaseContext:
    """The fork server's context, set to import PRELOAD when it starts (it is one per process
    and starts with the first pool; the setting does nothing once it has). ``spawn`` where
    there is no fork server (Windows)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _start_worker(level: int) -> None:
    """In a worker: log as the asking process does, end with it, and leave Ctrl-C to it.

    Ctrl-C at a terminal interrupts every process of the command; the asking process stops
    the work and shuts its workers down. A worker interrupted mid-job would print its own
    traceback and break the pool, whose shutdown could then wait for ever.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logs.configure(level)
    _exit_with_parent()


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
