"""Storing a batch's new articles: each joins the story it is a copy of, or opens one.

The articles are stored in order, each looked up as a copy after the ones before it
(:class:`newsfold.store.copies.Copies`); what event grouping must then do is noted in a
:class:`newsfold.store.grouping.Changes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace

from newsfold.config import DedupSettings
from newsfold.dedup import canonical_rank
from newsfold.online import event_id
from newsfold.store import copies, grouping
from newsfold.store.base import Database, TransactionLost, found
from newsfold.store.prepare import Prepared
from newsfold.store.records import dump_article, load_article, now
from newsfold.types import Article, Rejection

COLUMNS = ("seq", "id", "content", "story", "day", "added", "signature", "shingles", "shingle_set", "record")
"""An article's row."""
STORY_COLUMNS = ("id", "event", "canonical", "day", "terms")
EVENT_COLUMNS = ("id", "stale", "updated")


class Refused(Exception):
    """An article of a batch added without savepoints was refused by the database."""


@dataclass(slots=True)
class Stored:
    """What storing a batch's new articles did."""

    changes: grouping.Changes
    """What event grouping must then do."""
    added: int = 0
    refused: list[Rejection] = field(default_factory=list)
    """The articles the database refused (when guarded)."""


class NewArticles:
    """Writes new articles, their stories and copy-detection bands into one transaction.

    Unguarded, a batch's new rows are kept until the end and then written together: one COPY
    per table on PostgreSQL rather than a round trip for each row. Guarded, each article's rows
    are written at once, inside its savepoint.
    """

    def __init__(self, db: Database, settings: DedupSettings) -> None:
        self.db, self.settings = db, settings
        self._events: list[tuple[object, ...]] = []
        self._stories: dict[str, list[object]] = {}
        """Story id -> its row (see STORY_COLUMNS), changed in place by later copies."""
        self._articles: list[tuple[object, ...]] = []
        self._stored: dict[str, Article] = {}
        """The articles stored by this batch, by id."""

    def store(self, todo: Sequence[Prepared], *, guarded: bool) -> Stored:
        """Store articles not stored before, in order, each looked up as a copy after the ones
        before it (``guarded``: each in a savepoint, and those the database refuses are left
        out; else the first refusal raises :class:`Refused`)."""
        self._forget()
        self._stored.clear()
        ids = found(self.db, "articles", "id", [p.article.id for p in todo])
        seq = self.db.query("SELECT COALESCE(MAX(seq), 0) FROM articles")[0][0]
        index = copies.Copies(self.db, [p.print_ for p in todo], self.settings)
        out = Stored(grouping.Changes())
        for position, prepared in _first_per_content(todo):
            one = grouping.Changes()
            try:
                with self.db.savepoint() if guarded else nullcontext():
                    copy = index.copy_of(position, prepared.print_, prepared.article.text)
                    stored, story = self._insert(prepared, copy, one, seq + 1, ids)
                    if guarded:
                        self._write()
            except TransactionLost as lost:  # the database ended the transaction: not this article's doing
                raise lost.error from None
            except Exception as exc:  # noqa: BLE001 - any other refusal of one article is that article's
                if self.db.failed(exc):  # the database's own trouble, whether or not the savepoint undid it
                    raise
                if not guarded:
                    raise Refused from exc
                self._forget()  # rows it left waiting, if it failed before they were written
                article = prepared.article
                out.refused.append(Rejection(article.path, f"could not be stored: {exc}", article.line))
                continue
            seq += 1
            ids.add(stored)
            index.stored(seq, story, prepared.print_, prepared.article.text)
            out.changes.merge(one)
            out.added += 1
        try:
            self._write()
        except Exception as exc:  # noqa: BLE001 - one of them refused: redone guarded, one by one
            if self.db.failed(exc):  # not a row's doing: no retry would store it
                raise
            raise Refused from exc
        index.write()  # cannot be refused: the bands of stored articles, each (key, article) once
        return out

    def _insert(
        self,
        prepared: Prepared,
        story: str | None,
        changes: grouping.Changes,
        seq: int,
        ids: set[str],
    ) -> tuple[str, str]:
        """Store one article as number ``seq``, in ``story`` when it is a copy of a stored one,
        noting in ``changes`` what grouping must then do; returns the id it is stored under and
        its story. ``ids``: the stored ids among those of the batch's articles, and the ids
        stored since. Its rows wait for :meth:`_write`."""
        article = self._unique_id(prepared.article, ids)
        print_ = prepared.print_
        day = article.published.toordinal() if article.published else None
        if story is None:
            story = self._new_story(article, prepared, day, changes)
            changes.regroup[story] = prepared.tokens
        elif self._recanonical(story, article, prepared, day, changes):
            changes.regroup[story] = prepared.tokens
        self._articles.append(
            (
                seq,
                article.id,
                prepared.digest,
                story,
                day,
                now(),
                print_.signature.tobytes(),
                int(print_.shingles.size),
                copies.shingle_blob(print_.shingles),
                dump_article(article),
            )
        )
        self._stored[article.id] = article
        return article.id, story

    def _write(self) -> None:
        """Write the rows waiting: events, stories, articles (each refers to the one before).
        Refused or not, none of them waits any longer."""
        stories = [tuple(row) for row in self._stories.values()]
        try:
            for table, columns, rows in (
                ("events", EVENT_COLUMNS, self._events),
                ("stories", STORY_COLUMNS, stories),
                ("articles", COLUMNS, self._articles),
            ):
                if rows:
                    self.db.insert(table, columns, rows)
        finally:
            self._forget()

    def _forget(self) -> None:
        """Drop the rows waiting to be written."""
        self._events.clear()
        self._stories.clear()
        self._articles.clear()

    def _new_story(self, article: Article, prepared: Prepared, day: int | None, changes: grouping.Changes) -> str:
        story = f"s-{article.id}"
        terms, counts = prepared.terms, prepared.counts
        changes.df.update(terms.tolist())
        event = event_id([story])  # its own event until grouping says otherwise
        self._events.append((event, 1, now()))
        changes.touched.add(event)
        self._stories[story] = [story, event, article.id, day, grouping.pack(terms, counts)]
        return story

    def _recanonical(
        self, story: str, article: Article, prepared: Prepared, day: int | None, changes: grouping.Changes
    ) -> bool:
        """A copy joins ``story``; when it is the better canonical (longer), the story takes its words."""
        waiting = self._stories.get(story)  # a story of this batch, not yet written
        if waiting:
            _, event, canonical, old_day, blob = waiting
            record = None  # its canonical is an article of this batch
        else:
            event, canonical, record, old_day, blob = self.db.query(
                "SELECT s.event, s.canonical, a.record, s.day, s.terms FROM stories s "
                "LEFT JOIN articles a ON a.id = s.canonical WHERE s.id = ?",
                (story,),
            )[0]
        changes.touched.add(event)
        if day is not None and (old_day is None or day < old_day):
            self._update_story(story, waiting, day=day)
        if canonical_rank(article) >= canonical_rank(self._stored.get(canonical) or load_article(record)):
            return False
        old_terms, _ = grouping.unpack(blob)
        terms, counts = prepared.terms, prepared.counts
        changes.df.subtract(old_terms.tolist())
        changes.df.update(terms.tolist())
        self._update_story(story, waiting, canonical=article.id, terms=grouping.pack(terms, counts))
        if not waiting:
            self.db.execute("DELETE FROM story_notes WHERE story = ?", (story,))
        return True

    def _update_story(self, story: str, waiting: list[object] | None, **columns: object) -> None:
        """Set columns of a story's row: the ``waiting`` one, or the stored one."""
        if waiting:
            for column, value in columns.items():
                waiting[STORY_COLUMNS.index(column)] = value
            return
        names = ", ".join(f"{column} = ?" for column in columns)
        self.db.execute(f"UPDATE stories SET {names} WHERE id = ?", (*columns.values(), story))  # noqa: S608 - our names

    def _unique_id(self, article: Article, ids: set[str]) -> Article:
        """Another article already has this id (same file name in two folders): add ~2, ~3...
        ``ids`` holds the article's own id if it is stored; the others are looked up."""
        n, candidate = 1, article.id
        while candidate in ids or (n > 1 and self.db.query("SELECT 1 FROM articles WHERE id = ?", (candidate,))):
            n += 1
            candidate = f"{article.id}~{n}"
        return article if candidate == article.id else replace(article, id=candidate)


def _first_per_content(articles: Sequence[Prepared]) -> list[tuple[int, Prepared]]:
    """(position, article) of the articles but those whose content an earlier one has."""
    out, digests = [], set()
    for position, prepared in enumerate(articles):
        if prepared.digest not in digests:
            digests.add(prepared.digest)
            out.append((position, prepared))
    return out
