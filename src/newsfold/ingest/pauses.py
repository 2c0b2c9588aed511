"""Pauses in a live input: a feed on stdin sends articles now and then, not all at once.

:func:`with_pauses` reads an iterator on a thread of its own and marks each pause in it with
:data:`PAUSE`, so that whoever reads a batch at a time (``Store.add``, through :func:`batched`)
can end the batch there and finish its work on what has come, instead of waiting for input
that may be hours away.
"""

from __future__ import annotations

import enum
import queue
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Final, TypeVar

T = TypeVar("T")


class Pause(enum.Enum):
    """The marker of a pause. An enum, so that it is still :data:`PAUSE` after a trip to a
    worker process (a plain object would come back as another one)."""

    PAUSE = "PAUSE"


PAUSE: Final = Pause.PAUSE

_END = object()
_AHEAD = 100
"""Items read before they are taken: reading a large file stays only this far ahead."""


def with_pauses(items: Iterable[T], quiet: float, longest: float) -> Iterator[T | Pause]:
    """``items``, with :data:`PAUSE` after an item when no other has come ``quiet`` seconds later,
    and before one that comes ``longest`` seconds or more after the first since the last pause
    (a feed that never goes quiet is still taken in parts). None before the first item, none
    twice in a row, none once the items have ended (one may come while they are about to).
    Whatever reading the items raises is raised here, after the items read before it."""
    ahead: queue.Queue[object] = queue.Queue(_AHEAD)
    stop = threading.Event()
    threading.Thread(target=_read, args=(iter(items), ahead, stop), name="newsfold-input", daemon=True).start()
    try:
        first: float | None = None  # when the first item since the last pause came
        while True:
            try:
                wait = None if first is None else max(0.0, min(quiet, first + longest - time.monotonic()))
                got = ahead.get(timeout=wait)
            except queue.Empty:
                first = None
                yield PAUSE
                continue
            if got is _END:
                return
            if isinstance(got, _Raised):
                raise got.error
            if first is not None and time.monotonic() >= first + longest:
                yield PAUSE
                first = None
            if first is None:
                first = time.monotonic()
            yield got  # type: ignore[misc]
    finally:
        stop.set()  # a reader left waiting for room ends; one waiting for input ends with the process


def batched(items: Iterable[T | Pause], size: int) -> Iterator[tuple[list[T], bool]]:
    """``items`` in lists of ``size``, each with whether the input paused after it. A pause ends
    a list early; one may be empty, when the input paused just after a full one."""
    chunk: list[T] = []
    for item in items:
        if isinstance(item, Pause):
            yield chunk, True
            chunk = []
            continue
        chunk.append(item)
        if len(chunk) == size:
            yield chunk, False
            chunk = []
    if chunk:
        yield chunk, False


class _Raised:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def _read(items: Iterator[object], ahead: queue.Queue[object], stop: threading.Event) -> None:
    try:
        for item in items:
            if not _put(ahead, item, stop):
                return
        _put(ahead, _END, stop)
    except BaseException as error:  # noqa: BLE001 - the reader's, in its turn
        _put(ahead, _Raised(error), stop)


def _put(ahead: queue.Queue[object], item: object, stop: threading.Event) -> bool:
    """Queue ``item`` once there is room; False if the reader has gone meanwhile."""
    while not stop.is_set():
        try:
            ahead.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False
