"""SQLite's write-ahead log folded into the database file by a thread of its own.

By default the committing writer folds the log in (a checkpoint) once it holds 1,000 pages.
After a batch of 500 articles is added to a store of 100,000, that is some 20,000 pages of
index scattered over the file, and most of a second of each batch's commit. While an add
runs, :class:`Checkpoints` does it beside the writer instead, after each commit.

The log starts again from its beginning only when a write transaction begins after a
checkpoint has folded all of it in; a writer that never waited would let it grow for as long
as the add runs. So once the log has grown past :data:`LOG_LIMIT` pages, the next write
transaction first waits for the checkpoint under way.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

log = logging.getLogger(__name__)

LOG_LIMIT = 65_536
"""Pages (256 MB of 4 KB pages) the log may hold before a write transaction waits for the
checkpoint under way: a few batches of adding to a large store."""


class Checkpoints:
    """A thread with a connection of its own that checkpoints the database at ``path``
    (passively: it never waits for, nor blocks, readers or the writer) whenever nudged, and
    once more when stopped. Opening the connection may raise :class:`sqlite3.Error`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._connection = sqlite3.connect(path, isolation_level=None, timeout=60.0, check_same_thread=False)
        self._changed = threading.Condition()
        self._wanted = self._running = self._stopping = False
        self._pages, self._whole = 0, True  # the log's pages at the last checkpoint; all folded in
        self._thread = threading.Thread(target=self._run, name="newsfold-checkpoints", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """Ask for a checkpoint (after a commit)."""
        with self._changed:
            self._wanted = True
            self._changed.notify_all()

    def before_write(self) -> None:
        """Before a write transaction: when the log has outgrown :data:`LOG_LIMIT`, wait for the
        checkpoint asked for or under way, so that the transaction can start the log afresh."""
        with self._changed:
            if self._pages <= LOG_LIMIT:
                return
            while (self._wanted or self._running) and self._thread.is_alive():
                self._changed.wait()
            if self._whole:
                self._pages = 0  # the transaction about to begin starts the log again

    def stop(self) -> None:
        """Wait for a checkpoint begun after this call: the log written so far is folded in
        (all of it, unless a reader still holds an older snapshot)."""
        with self._changed:
            self._stopping = self._wanted = True
            self._changed.notify_all()
        self._thread.join()

    def _run(self) -> None:
        """The thread: a checkpoint whenever one is wanted, until stopped."""
        try:
            while True:
                with self._changed:
                    while not self._wanted:
                        self._changed.wait()
                    self._wanted, self._running, stopping = False, True, self._stopping
                result = self._checkpoint()
                with self._changed:
                    self._running = False
                    if result:
                        self._pages, self._whole = result[1], result[1] == result[2]
                    self._changed.notify_all()
                if stopping:
                    return
        finally:
            self._connection.close()
            with self._changed:  # however it ended, nobody waits for it any more
                self._running = False
                self._changed.notify_all()

    def _checkpoint(self) -> tuple[int, int, int] | None:
        """(busy, pages in the log, pages folded in), or None when the checkpoint failed (the
        log stays whole; the next one tries again)."""
        try:
            return self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error as exc:
            log.warning("checkpoint of %s failed: %s", self.path, exc)
            return None
