"""Pauses in a live input: a feed on stdin sends articles now and then, not all at once.

:func:`with_pauses` reads an iterator on a thread of its own and marks each pause in it with
:data:`PAUSE`, so that whoever reads a batch at a time (``Store.add``) can end the batch there
and finish its work on what has come, instead of waiting for input that may be hours away.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import Final, TypeVar

T = TypeVar("T")


class Pause:
    """The marker of a pause: no item came for a while. Its one instance is :data:`PAUSE`."""

    def __repr__(self) -> str:
        return "PAUSE"


PAUSE: Final = Pause()

_END = object()
_AHEAD = 100
"""Items read before they are taken: reading a large file stays only this far ahead."""


def with_pauses(items: Iterable[T], quiet: float) -> Iterator[T | Pause]:
    """``items``, with :data:`PAUSE` after an item when no other has come ``quiet`` seconds later
    (once per pause; none before the first item, nor at the end). Whatever reading the items
    raises is raised here, after the items read before it."""
    ahead: queue.Queue[object] = queue.Queue(_AHEAD)
    stop = threading.Event()
    threading.Thread(target=_read, args=(iter(items), ahead, stop), name="newsfold-input", daemon=True).start()
    try:
        waiting = False  # an item came since the last pause
        while True:
            try:
                got = ahead.get(timeout=quiet) if waiting else ahead.get()
            except queue.Empty:
                waiting = False
                yield PAUSE
                continue
            if got is _END:
                return
            if isinstance(got, _Raised):
                raise got.error
            waiting = True
            yield got  # type: ignore[misc]
    finally:
        stop.set()  # a reader left waiting for room ends; one waiting for input ends with the process


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
