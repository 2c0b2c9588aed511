"""The store: articles, stories and events that grow as news arrives.

``Store.add`` reads inputs in batches; each batch is one transaction (new articles join
their story through the stored near-duplicate index, new stories are grouped into events
online), so a crash loses at most the batch in flight and a rerun redoes exactly it.
Summaries of the events a run changed are rebuilt at its end, an event at a time; an event
waiting for that is marked stale, and the next run finishes what an interrupted one left.
The summariser's notes on each story are kept with it until its canonical article changes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from itertools import chain

from newsfold.config import Settings
from newsfold.errors import NewsfoldError, said
from newsfold.ingest import read_inputs
from newsfold.ingest.pauses import Pause, batched
from newsfold.parallel import Workers, pool_size, workers_for
from newsfold.pipeline import Timings, event_date, timed, with_facts
from newsfold.store import grouping
from newsfold.store.articles import NewArticles, Refused
from newsfold.store.base import Database, found
from newsfold.store.early import EarlySummaries
from newsfold.store.integrity import integrity
from newsfold.store.members import load_members, member_rows
from newsfold.store.prepare import Prepared, input_chunks, prepare_articles, prepare_inputs
from newsfold.store.rebuild import jobs, keep, rebuild_stale
from newsfold.store.records import load_event, now
from newsfold.store.schema import migrate
from newsfold.summarize import summarize_update
from newsfold.types import Article, Fold, Rejection, Story, Summary

log = logging.getLogger(__name__)

BATCH = 500
"""Articles per transaction."""
PREPARE_CHUNK = 50
"""Inputs cleaned and fingerprinted per job (in a worker process when there are several)."""
EARLY_ROWS = 20
"""The events a batch changed are built early (:mod:`newsfold.store.early`), the smallest
first, while their articles come to at most this many per article of the batch: reading
their rows is the writer's time, and a later batch may change them again."""
GROWTH = 1.1
"""The query planner's statistics are refreshed whenever the store has grown by this factor
(PostgreSQL's autovacuum waits for 10 % more rows too, but may come much later)."""


@dataclass(frozen=True, slots=True)
class AddReport:
    """What one ``add`` did."""

    new: int = 0
    known: int = 0
    rejected: int = 0
    events: int = 0
    """Events whose summaries were rebuilt."""
    unsummarised: int = 0
    """Events whose summaries could not be built (each named in an error); they stay stale,
    for the next add to try again."""


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    date: dt.date | None
    stories: int
    articles: int
    title: str


_NO_BATCH: tuple[list[Prepared | Rejection], bool] = ([], False)
"""What :func:`batched` gives after the last batch: none, and no pause."""


class Store:
    """Articles, stories and events in a database (see :func:`newsfold.store.open_store`)."""

    def __init__(self, db: Database, settings: Settings | None = None) -> None:
        self.db = db
        self.settings = settings or Settings()
        migrate(db, dedup=self.settings.dedup)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def add(
        self,
        paths: Iterable[str],
        *,
        batch: int = BATCH,
        on_item: Callable[[str], None] | None = None,
        timings: Timings | None = None,
    ) -> AddReport:
        """Read ``paths`` and add what is new, ``batch`` inputs per transaction; then rebuild
        the summaries of every event that changed. ``timings``, if given, receives the
        seconds spent adding and re-summarising.

        Stdin (``-``) may be a live feed: where it pauses (see ``IngestSettings.pause``), the
        batch ends and the events changed so far are summarised then.

        Raises:
            NewsfoldError: a worker process died (killed for lack of memory, say); the batches
                stored before stay stored.
        """
        built, failed = set[str](), set[str]()
        with (
            self.db.checkpoints_aside(),
            Workers(pool_size(self.settings.workers), start=False) as workers,
            EarlySummaries(workers, self.settings.summary) as early,
        ):
            chunks = input_chunks(read_inputs(paths, self.settings.ingest, pauses=True), PREPARE_CHUNK, on_item)
            ahead = batch // PREPARE_CHUNK + workers.size  # the next batch is ready when this one is stored
            items = chain.from_iterable(workers.stream(prepare_inputs, chunks, self.settings.dedup, ahead=ahead))
            try:
                totals = self._add_batches(items, batch, workers, early, built, failed, timings)
                self._summarise(workers, early, built, failed, timings)
            except BrokenProcessPool as error:
                raise NewsfoldError(f"a worker process died ({said(error)}); the batches stored before stay") from error
        return AddReport(
            totals["new"],
            totals["known"],
            totals["rejected"],
            len(found(self.db, "events", "id", built - failed)),  # built at one pause, failed at a later one
            len(found(self.db, "events", "id", failed)),
        )

    def _add_batches(
        self,
        items: Iterator[Prepared | Rejection | Pause],
        batch: int,
        workers: Workers,
        early: EarlySummaries,
        built: set[str],
        failed: set[str],
        timings: Timings | None,
    ) -> Counter[str]:
        """Add ``items``, ``batch`` per transaction. After each batch but the last, when there
        are workers, begin on the events it changed (after the last, the rebuild at the end
        does them all); store (adding to ``built``) the builds of earlier ones still current.
        A pause in the input ends a batch, and the events changed so far are summarised then."""
        totals = Counter[str]()
        stored = analysed = self.db.query("SELECT COUNT(*) FROM articles")[0][0]
        batches = batched(items, batch)
        with timed(timings, "add"):
            chunk, paused = next(batches, _NO_BATCH)
        while chunk or paused:  # a batch may be empty when the input paused just after a full one
            report, changed = AddReport(), set[str]()
            if chunk:
                with timed(timings, "add"):
                    report, changed = self._add_prepared(
                        [c for c in chunk if isinstance(c, Prepared)], [c for c in chunk if isinstance(c, Rejection)]
                    )
            failed -= changed  # an event that failed to build is tried again once it has changed
            totals.update(new=report.new, known=report.known, rejected=report.rejected)
            if (stored := stored + report.new) > GROWTH * analysed:
                self.db.refresh_statistics()
                analysed = stored
            if paused:  # nothing more has come for a while: summarise what has, now
                early.changed(changed, [])  # what was begun on them is void
                self._summarise(workers, early, built, failed, timings)
                log.info("input paused: the events of the articles so far are summarised")
            with timed(timings, "add"):
                size, (chunk, next_paused) = len(chunk), next(batches, _NO_BATCH)  # prepared meanwhile
                if early.ready and not paused:  # first, so that builds of events changed again are void
                    begin = bool(chunk) and not early.waiting  # another batch follows; none waiting
                    early.changed(changed, jobs(self.db, changed, EARLY_ROWS * size) if begin else [])
                built.update(keep(self.db, early.finished()))
            paused = next_paused
        return totals

    def _summarise(
        self, workers: Workers, early: EarlySummaries, built: set[str], failed: set[str], timings: Timings | None
    ) -> None:
        """Store the early builds still current and rebuild every other stale event (adding
        each to ``built``; one whose build fails joins ``failed``, and is not tried again until
        a batch changes it)."""
        with timed(timings, "summaries"):
            built.update(keep(self.db, early.stop()))
            if workers.started:
                rebuild_stale(self.db, workers, self.settings.summary, built.add, failed)
            else:
                self.refresh(on_event=built.add, failed=failed)

    def add_articles(
        self, articles: Sequence[Article], rejected: Sequence[Rejection] = (), *, refresh: bool = True
    ) -> AddReport:
        """Add cleaned articles in one transaction (and rebuild changed summaries when ``refresh``).

        An article the database refuses (its error is recorded as a rejection) is undone
        alone; the rest of the batch goes on.
        """
        report, _ = self._add_prepared(prepare_articles(articles, self.settings.dedup), rejected)
        return replace(report, events=self.refresh()) if refresh else report

    def _add_prepared(self, articles: Sequence[Prepared], rejected: Sequence[Rejection]) -> tuple[AddReport, set[str]]:
        """Add a batch; returns what was done and the events it changed."""
        try:
            return self._add_batch(articles, rejected, guarded=False)
        except Refused:
            # Rolled back: again, each article in a savepoint of its own, so that only the
            # refused ones are left out. (Not so in the first place: a savepoint costs two round
            # trips per article on PostgreSQL, and more than 64 of them in one transaction slow
            # down every reader's snapshot there.)
            return self._add_batch(articles, rejected, guarded=True)

    def _add_batch(
        self, articles: Sequence[Prepared], rejected: Sequence[Rejection], *, guarded: bool
    ) -> tuple[AddReport, set[str]]:
        """One transaction. Unless ``guarded``, an article the database refuses raises
        :class:`Refused` (and the whole batch is rolled back)."""
        with self.db.writing():
            known = found(self.db, "articles", "content", [p.digest for p in articles])
            todo = [p for p in articles if p.digest not in known]
            new = NewArticles(self.db, self.settings.dedup).store(todo, guarded=guarded)
            refused = {(r.path, r.line or 0) for r in new.refused}
            self._unreject({(p.article.path, p.article.line or 0) for p in articles} - refused)
            self._reject([*rejected, *new.refused])
            df = grouping.count_terms(self.db, new.changes.df)
            changed = grouping.group_new(self.db, new.changes.regroup, df, self.settings.cluster)
            changed |= new.changes.touched
            self._settle(changed)
        for r in [*rejected, *new.refused]:
            log.warning("rejected %s%s: %s", r.path, f":{r.line}" if r.line else "", r.reason)
        known_count = len(articles) - new.added - len(new.refused)
        return AddReport(new.added, known_count, len(rejected) + len(new.refused)), changed

    def _unreject(self, read: set[tuple[str, int]]) -> None:
        """Inputs read and stored (or found stored) now are no longer listed as rejected: a file
        emptied by mistake and filled again, say. One lookup; a delete only where one was."""
        if not read:
            return
        lines = [line for _, line in read]  # a big feed's other rejected lines are not read
        listed = self.db.query_in(
            "SELECT DISTINCT path, line FROM rejected WHERE path IN ({values}) AND line BETWEEN ? AND ?",
            sorted({path for path, _ in read}),
            (min(lines), max(lines)),
        )
        if gone := [(path, line) for path, line in listed if (path, line) in read]:
            self.db.executemany("DELETE FROM rejected WHERE path = ? AND line = ?", gone)

    def _reject(self, rejected: Sequence[Rejection]) -> None:
        self.db.executemany(
            "INSERT INTO rejected (path, line, reason, added) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(r.path, r.line or 0, r.reason, now()) for r in rejected],
        )

    def _settle(self, events: set[str]) -> None:
        """Events that changed: gone when empty, else stale with their dates recomputed."""
        days = {
            event: (first, last)
            for event, first, last in self.db.query_in(
                "SELECT event, MIN(day), MAX(day) FROM stories WHERE event IN ({values}) GROUP BY event",
                sorted(events),
            )
        }
        self.db.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in sorted(events) if e not in days])
        self.db.executemany(
            "UPDATE events SET stale = 1, first_day = ?, last_day = ? WHERE id = ?",
            [(first, last, event) for event, (first, last) in sorted(days.items())],
        )

    def refresh(self, *, on_event: Callable[[str], None] | None = None, failed: set[str] | None = None) -> int:
        """Rebuild the headline, summary and brief of every stale event; returns how many.

        An event whose build fails is named in an error and stays stale; ``failed``: events
        not to try (those that fail join it; see :func:`newsfold.store.rebuild.rebuild_stale`).

        With ``settings.workers`` other than 1 and enough stale events, events are built side
        by side in worker processes, a few per transaction; otherwise one at a time."""
        pending = self.db.query("SELECT COUNT(*) FROM events WHERE stale = 1")[0][0]
        with Workers(workers_for(pending, self.settings.workers)) as workers:
            return rebuild_stale(self.db, workers, self.settings.summary, on_event, failed)

    # -- reading -------------------------------------------------------------------------

    def events(self, since: dt.date | None = None) -> list[EventRow]:
        """Events, latest first; with ``since``, those with an article dated on or after it (a
        new story, or a new copy of one: an update)."""
        new = "WHERE e.id IN (SELECT s2.event FROM articles a2 JOIN stories s2 ON s2.id = a2.story WHERE a2.day >= ?) "
        sql = (
            "SELECT e.id, e.record, COUNT(DISTINCT s.id), COUNT(a.seq), e.last_day FROM events e "
            "JOIN stories s ON s.event = e.id JOIN articles a ON a.story = s.id "
            + (new if since else "")
            + "GROUP BY e.id, e.record, e.last_day"
        )
        rows = self.db.query(sql, (since.toordinal(),) if since else ())
        out = []
        for event_id_, record, n_stories, n_articles, last_day in rows:
            loaded = load_event(event_id_, record, (), ())
            # Not summarised yet (an add to come finishes it): the day of its latest story.
            date = loaded.date or (dt.date.fromordinal(last_day) if not record and last_day else None)
            out.append(EventRow(event_id_, date, n_stories, n_articles, loaded.title))
        out.sort(key=lambda e: (-(e.date.toordinal() if e.date else 0), -e.articles, e.id))
        return out

    def fold(self, events: Sequence[str] | None = None, *, extract: bool = False) -> Fold:
        """The store's contents (or only the given events and their members) as a Fold."""
        with self.db.reading():
            ids = events if events is not None else [r[0] for r in self.db.query("SELECT id FROM events")]
            folded_events, articles, stories = [], [], []
            for event in ids:
                members, by_id = self._event_members(event)
                record = self.db.query("SELECT record FROM events WHERE id = ?", (event,))
                loaded = load_event(
                    event,
                    record[0][0] if record else None,
                    tuple(s.id for s in members),
                    tuple(a for s in members for a in s.articles),
                )
                if not record or not record[0][0]:  # not summarised yet: its date from its articles
                    loaded = replace(loaded, date=event_date([by_id[a] for a in loaded.articles]))
                if extract:
                    loaded = with_facts(loaded, members, by_id, self.settings.extract)
                folded_events.append(loaded)
                stories.extend(members)
                articles.extend(by_id[a] for s in members for a in s.articles)
            rejected = self.rejected() if events is None else []
        folded_events.sort(key=lambda e: (-len(e.articles), -(e.date.toordinal() if e.date else 0), e.id))
        articles.sort(key=lambda a: a.id)
        stories.sort(key=lambda s: s.id)
        return Fold(tuple(articles), tuple(stories), tuple(folded_events), tuple(rejected))

    def update(self, event: str, since: dt.date) -> Summary:
        """What the event's articles published on or after ``since`` add to the earlier ones."""
        with self.db.reading():
            stories, articles = self._event_members(event)
        later = [s for s in stories if any(_on_or_after(articles[a], since) for a in s.articles)]
        earlier = [articles[a] for s in stories for a in s.articles if not _on_or_after(articles[a], since)]
        if not later:
            return Summary()
        return summarize_update(later, articles, earlier, self.settings.summary)

    def rejected(self) -> list[Rejection]:
        rows = self.db.query("SELECT path, line, reason FROM rejected ORDER BY path, line, reason")
        return [Rejection(path, reason, line or None) for path, line, reason in rows]

    def has_event(self, event: str) -> bool:
        return bool(self.db.query("SELECT 1 FROM events WHERE id = ?", (event,)))

    def _event_members(self, event: str) -> tuple[list[Story], dict[str, Article]]:
        return load_members(member_rows(self.db, event))

    def integrity(self) -> list[str]:
        """Problems with the store, from the database's own checks and newsfold's invariants."""
        return integrity(self.db)


def _on_or_after(article: Article, since: dt.date) -> bool:
    return article.published is not None and article.published >= since
