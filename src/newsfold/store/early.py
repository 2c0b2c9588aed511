"""Summaries begun while later batches are still being added.

``Store.add`` rebuilds the summaries of the events it changed at its end. While it stores a
batch, though, one core is mostly idle: the worker processes have already prepared that batch,
and the writer stores it alone. So the events each batch changes are built meanwhile, one at a
time in a worker, from their rows as that batch left them. A build is kept only if no later
batch has changed its event again; an event without a kept build stays stale, for the rebuild
at the end, which is also where a failed build fails again and is reported.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, wait
from dataclasses import dataclass
from functools import partial

from newsfold.config import SummarySettings
from newsfold.parallel import Workers
from newsfold.store.members import MemberRow, build_event
from newsfold.types import Event

Built = tuple[str, Event, dict[str, bytes]]
"""An event's id, its event as :func:`build_event` made it, and the notes it took."""


@dataclass(frozen=True, slots=True)
class Job:
    """An event to build: its rows and its stories' stored notes, as a batch left them."""

    event: str
    rows: Sequence[MemberRow]
    noted: Mapping[str, bytes | None]


class EarlySummaries:
    """Builds events in one worker, in the background, and hands back those still current."""

    def __init__(self, workers: Workers, settings: SummarySettings) -> None:
        self._workers = workers
        self._settings = settings
        self._lock = threading.RLock()  # callbacks may run in this thread or the pool's
        self._generation = Counter[str]()
        self._queue: deque[tuple[Job, int]] = deque()
        self._running: Future[tuple[Event, dict[str, bytes]]] | None = None
        self._done: list[tuple[str, int, Future[tuple[Event, dict[str, bytes]]]]] = []

    def changed(self, events: Iterable[str], jobs: Iterable[Job]) -> None:
        """A batch changed ``events``: what was begun on them is void. ``jobs``: those of them
        to build, in this order."""
        with self._lock:
            for event in events:
                self._generation[event] += 1
            self._queue.extend((job, self._generation[job.event]) for job in jobs)
            self._next()

    def finished(self) -> list[Built]:
        """The builds done since the last call whose events no batch has changed since."""
        with self._lock:
            done, self._done = self._done, []
            current = [(event, future) for event, generation, future in done if generation == self._generation[event]]
        return [(event, *future.result()) for event, future in current if future.exception() is None]

    def stop(self) -> list[Built]:
        """Begin nothing more; wait for the build under way; then as :meth:`finished`."""
        with self._lock:
            self._queue.clear()
            running = self._running
        if running is not None:
            wait([running])
        return self.finished()

    def _next(self) -> None:
        """Start the next build whose event is still as its job saw it, unless one is running."""
        while self._running is None and self._queue:
            job, generation = self._queue.popleft()
            if generation == self._generation[job.event]:
                self._running = self._workers.submit(build_event, job.rows, job.noted, self._settings)
                self._running.add_done_callback(partial(self._finish, job.event, generation))

    def _finish(self, event: str, generation: int, future: Future[tuple[Event, dict[str, bytes]]]) -> None:
        with self._lock:
            self._done.append((event, generation, future))
            self._running = None
            self._next()
