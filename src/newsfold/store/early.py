"""Summaries begun while later batches are still being added.

``Store.add`` rebuilds the summaries of the events it changed at its end. While it stores a
batch, though, one core is mostly idle: the worker processes have already prepared that batch,
and the writer stores it alone. So the events each batch changes are built meanwhile, one at a
time in a worker, from their rows as that batch left them. A build is handed back only if no
later batch of this add has changed its event again (and the store keeps it only if no other
writer has either, see :func:`newsfold.store.rebuild.keep`). An event without a kept build
stays stale, for the rebuild at the end (or at a pause in a live feed), which is also where a
failed build is tried again and, failing, named in an error.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial

from newsfold.config import SummarySettings
from newsfold.parallel import Workers
from newsfold.store.members import MemberRow, build_event
from newsfold.types import Event

Result = tuple[Event, dict[str, bytes]]
"""What :func:`build_event` returns: the event and the notes it took."""


@dataclass(frozen=True, slots=True)
class Job:
    """An event to build: its rows and its stories' stored notes, as a batch left them."""

    event: str
    rows: Sequence[MemberRow]
    noted: Mapping[str, bytes | None]

    @property
    def members(self) -> tuple[tuple[str, int], ...]:
        """(story, article number) of each row: what the event was made of (as
        :func:`newsfold.store.members.member_ids` reads it)."""
        return tuple((row[0], row[3]) for row in self.rows)


def build(job: Job, settings: SummarySettings) -> Result:
    """Build a job's event (:func:`build_event`), in a worker."""
    return build_event(job.rows, job.noted, settings)


@dataclass(frozen=True, slots=True)
class Built:
    """A job's event, built, and the notes the build took."""

    job: Job
    event: Event
    notes: dict[str, bytes]


class EarlySummaries:
    """Builds events in one worker, in the background, and hands back those still current.

    Use it as a context: leaving it begins no more builds (the workers may be shutting down).
    """

    def __init__(self, workers: Workers, settings: SummarySettings) -> None:
        self._workers = workers
        self._settings = settings
        self._lock = threading.RLock()  # callbacks run in this thread or the pool's
        self._idle = threading.Condition(self._lock)
        self._generation = Counter[str]()
        self._queue: deque[tuple[Job, int]] = deque()
        self._running: Future[Result] | None = None
        self._done: list[tuple[Job, int, Future[Result]]] = []
        self._closed = False

    def __enter__(self) -> EarlySummaries:
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._closed = True
            self._queue.clear()

    @property
    def ready(self) -> bool:
        """Whether builds can begin (the workers have started)."""
        return self._workers.started

    @property
    def waiting(self) -> bool:
        """Whether builds are still waiting their turn (then reading more jobs is no use yet)."""
        with self._lock:
            return bool(self._queue)

    def changed(self, events: Iterable[str], jobs: Iterable[Job]) -> None:
        """A batch changed ``events``: what was begun on them is void. ``jobs``: those of them
        to build, in this order."""
        with self._lock:
            for event in events:
                self._generation[event] += 1
            self._queue = deque((job, g) for job, g in self._queue if g == self._generation[job.event])
            self._queue.extend((job, self._generation[job.event]) for job in jobs)
            self._next()

    def finished(self) -> list[Built]:
        """The builds done since the last call whose events no batch has changed since."""
        with self._lock:
            done, self._done = self._done, []
            current = [(job, future) for job, g, future in done if g == self._generation[job.event]]
        return [Built(job, *future.result()) for job, future in current if future.exception() is None]

    def stop(self) -> list[Built]:
        """Begin nothing more; wait for the build under way; then as :meth:`finished`."""
        with self._lock:
            self._queue.clear()
            while self._running is not None:
                self._idle.wait()
        return self.finished()

    def _next(self) -> None:
        """Start the next build, unless one is running (the queue holds no void jobs)."""
        if self._running is None and self._queue and not self._closed:
            job, generation = self._queue.popleft()
            self._running = self._workers.submit(build, job, self._settings)
            self._running.add_done_callback(partial(self._finish, job, generation))

    def _finish(self, job: Job, generation: int, future: Future[Result]) -> None:
        """A build is done (or failed, or was cancelled): keep it and start the next."""
        with self._lock:
            if not future.cancelled():
                self._done.append((job, generation, future))
            self._running = None
            self._idle.notify_all()
            self._next()
