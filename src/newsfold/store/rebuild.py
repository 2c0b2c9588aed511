"""Rebuilding the headline, summary and brief of the events that changed.

A batch marks the events it changed stale. :func:`rebuild_stale` rebuilds every stale event,
a few per transaction, in worker processes when there are several; ``Store.add`` begins on
the events of each batch earlier, while the next batches are stored (:func:`jobs`,
:mod:`newsfold.store.early`, :func:`keep`). Building an event also takes the summariser's notes
on the stories that have none, and they are kept in ``story_notes``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import repeat

from newsfold.config import SummarySettings
from newsfold.errors import said
from newsfold.parallel import Workers
from newsfold.store.base import Database
from newsfold.store.early import Built, Job, Result, build
from newsfold.store.members import member_ids, member_rows, stored_notes
from newsfold.store.records import dump_event, now
from newsfold.types import Event

log = logging.getLogger(__name__)


def rebuild_stale(
    db: Database,
    workers: Workers,
    settings: SummarySettings,
    on_event: Callable[[str], None] | None = None,
    failed: set[str] | None = None,
) -> int:
    """Rebuild every stale event; returns how many (``on_event`` is called with each id).

    An event whose build fails is named in an error and stays stale, for the next add to try
    again; the others are built. ``failed``, if given, holds the events not to try (those that
    failed earlier in the run and have not changed since) and receives those that fail now."""
    failed = set() if failed is None else failed
    done = 0
    per_transaction = 1 if not workers.started else 16 * workers.size
    while True:
        with db.writing():
            stale = [
                r[0]
                for r in db.query(
                    # The largest first: while a worker builds one, the other does several small ones.
                    "SELECT e.id FROM events e LEFT JOIN stories s ON s.event = e.id WHERE e.stale = 1 "
                    "GROUP BY e.id ORDER BY COUNT(s.id) DESC, e.id LIMIT ?",
                    (per_transaction + len(failed),),
                )
                if r[0] not in failed
            ][:per_transaction]
            if not stale:
                break
            # each event's rows are read as the one before goes to a worker (map submits as it reads)
            built = workers.map(_build_or_say, (_job(db, event) for event in stale), repeat(settings))
            stored = []
            for event, result in zip(stale, built, strict=True):
                if isinstance(result, str):
                    log.error("event %s could not be summarised (%s); it stays stale for the next add", event, result)
                    failed.add(event)
                else:
                    _store(db, event, *result)
                    stored.append(event)
        done += len(stored)
        if on_event:
            for event in stored:
                on_event(event)
    return done


def _build_or_say(job: Job, settings: SummarySettings) -> Result | str:
    """:func:`build` (in a worker), or what went wrong: one event's failure is not the others'."""
    try:
        return build(job, settings)
    except MemoryError:
        raise  # not the event's fault: the run cannot go on
    except Exception as error:  # noqa: BLE001 - named in an error by the caller
        return f"{type(error).__name__}: {said(error)}"


def jobs(db: Database, events: set[str], limit: int) -> list[Job]:
    """What building ``events`` needs, as the store holds them now: for the smallest of them
    (an event gone has none), as long as their articles come to at most ``limit``."""
    with db.reading():
        sizes = db.query_in(
            "SELECT s.event, COUNT(*) FROM stories s JOIN articles a ON a.story = s.id "
            "WHERE s.event IN ({values}) GROUP BY s.event",
            sorted(events),
        )
        chosen, total = [], 0
        for event, size in sorted(sizes, key=lambda row: (row[1], row[0])):
            total += size
            if total > limit:
                break
            chosen.append(event)
        return [_job(db, event) for event in chosen]


def _job(db: Database, event: str) -> Job:
    """What building ``event`` needs: its rows and its stories' stored notes."""
    return Job(event, member_rows(db, event, shingles=False), stored_notes(db, event))


def keep(db: Database, built: Sequence[Built]) -> list[str]:
    """Store the events built early whose members are still those their builds saw (another
    writer may have changed them since); returns their ids."""
    if not built:
        return []
    kept = []
    with db.writing():
        for one in built:
            if member_ids(db, one.job.event) == one.job.members:
                _store(db, one.job.event, one.event, one.notes)
                kept.append(one.job.event)
    return kept


def _store(db: Database, event: str, record: Event, taken: dict[str, bytes]) -> None:
    """Write a built event, no longer stale, and the notes its build took."""
    db.execute(
        "UPDATE events SET stale = 0, record = ?, updated = ? WHERE id = ?",
        (dump_event(replace(record, id=event)), now(), event),
    )
    db.executemany(
        "INSERT INTO story_notes (story, notes) VALUES (?, ?) ON CONFLICT (story) DO UPDATE SET notes = excluded.notes",
        sorted(taken.items()),
    )
