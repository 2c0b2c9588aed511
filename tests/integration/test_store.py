"""The store, on SQLite and on a real PostgreSQL server: the same behaviour from both."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from newsfold.config import ExtractSettings, Settings
from newsfold.errors import NewsfoldError
from newsfold.features import DIMENSIONS
from newsfold.pipeline import fold, read_articles
from newsfold.render import write_json
from newsfold.store import open_store
from newsfold.store.schema import LATEST, migrate
from newsfold.summarize import load_notes, take_notes

NO_FACTS = Settings(extract=ExtractSettings(enabled=False))


def memberships(events) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(e.articles)) for e in events)


def export_hash(store) -> str:
    out = io.StringIO()
    write_json(store.fold(), out)
    return hashlib.sha256(out.getvalue().encode()).hexdigest()


def test_the_sample_gives_the_events_of_fold(store_target, sample_dir):
    with open_store(store_target, NO_FACTS) as store:
        report = store.add([str(sample_dir)])
        stored = store.fold()
        assert store.integrity() == []
    batch = fold([str(sample_dir)], NO_FACTS)
    assert report.new == 17 and report.rejected == 0
    assert memberships(stored.events) == memberships(batch.events)
    assert {e.title for e in stored.events} == {e.title for e in batch.events}
    for event in stored.events:  # every summary sentence names articles of its own event
        for sentence in event.summary.sentences + event.brief.sentences:
            assert set(sentence.sources) <= set(event.articles)


def test_one_article_at_a_time_gives_the_same_events(store_target, sample_dir):
    articles, _ = read_articles([str(sample_dir)], NO_FACTS)
    articles.sort(key=lambda a: (a.published or dt.date.max, a.id))
    with open_store(store_target, NO_FACTS) as store:
        for article in articles:
            store.add_articles([article], refresh=False)
        store.refresh()
        stored = store.fold()
        assert store.integrity() == []
    assert memberships(stored.events) == memberships(fold([str(sample_dir)], NO_FACTS).events)


def test_adding_the_same_folder_twice_changes_nothing(store_target, sample_dir):
    with open_store(store_target, NO_FACTS) as store:
        store.add([str(sample_dir)])
        before = export_hash(store)
        again = store.add([str(sample_dir)])
        assert (again.new, again.known, again.events) == (0, 17, 0)
        assert export_hash(store) == before


def test_bad_inputs_are_recorded_and_the_batch_goes_on(store_target, sample_dir, tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "empty.txt").write_text("")
    feed = tmp_path / "feed.jsonl"
    good = {
        "id": "good-1",
        "title": "Dock workers vote to end strike",
        "text": (sample_dir / "14_herald-strike.txt").read_text(),
    }
    feed.write_text("{broken json\n" + json.dumps(good) + "\n")
    with open_store(store_target, NO_FACTS) as store:
        store.add([str(sample_dir)])
        report = store.add([str(tmp_path)])
        assert report.new == 1 and report.rejected == 3
        rejected = store.rejected()
        assert {r.path.rsplit("/", 1)[-1] for r in rejected} == {"binary.txt", "empty.txt", "feed.jsonl"}
        assert next(r for r in rejected if r.path.endswith("feed.jsonl")).line == 1
        assert store.integrity() == []
        assert len(store.fold().articles) == 18  # nothing stored before was lost


def _refuse_article(db, article_id: str) -> None:
    """A trigger that makes the database itself refuse to store one article."""
    if db.dialect == "sqlite":
        db.execute(
            f"CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.id = '{article_id}' "
            "BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END"
        )
        return
    db.execute(
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF NEW.id = '{article_id}' THEN RAISE EXCEPTION 'refused by a trigger'; END IF; RETURN NEW; END $$"
    )
    db.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION refuse()")


def test_an_article_the_database_refuses_is_rejected_and_the_rest_of_its_batch_is_stored(
    store_target, sample_dir, tmp_path
):
    articles, _ = read_articles([str(sample_dir)], NO_FACTS)
    refused = "05_herald-desal-plant"
    assert refused in {a.id for a in articles}
    with open_store(store_target, NO_FACTS) as store:
        _refuse_article(store.db, refused)
        report = store.add_articles(articles)
        assert (report.new, report.rejected) == (16, 1)
        (rejection,) = store.rejected()
        assert rejection.reason.startswith("could not be stored: refused by a trigger")
        assert store.integrity() == []
        stored = store.fold()
    assert refused not in {a.id for a in stored.articles}
    # the same store as if the article had never come (nothing of it left behind)
    with open_store(str(tmp_path / "without.db"), NO_FACTS) as store:
        store.add_articles([a for a in articles if a.id != refused])
        without = store.fold()
    assert memberships(stored.events) == memberships(without.events)
    assert [e.title for e in stored.events] == [e.title for e in without.events]


def test_articles_with_the_same_id_are_numbered_within_a_batch_and_across_batches(store_target, sample_dir, tmp_path):
    text = (sample_dir / "14_herald-strike.txt").read_text()
    for k, folder in enumerate(("a", "b", "c")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "strike.txt").write_text(text + f"\n\nEdition {folder}: {k} corrections.")
    with open_store(store_target, NO_FACTS) as store:
        store.add([str(tmp_path / "a"), str(tmp_path / "b")])  # one batch
        store.add([str(tmp_path / "c")])
        ids = sorted(a.id for a in store.fold().articles)
    assert ids == ["strike", "strike~2", "strike~3"]


def test_update_summary_says_only_what_later_articles_add(store_target, seeds_dir):
    with open_store(store_target, NO_FACTS) as store:
        store.add([str(seeds_dir)])
        (summit,) = [e for e in store.fold().events if len(e.articles) == 5]
        articles = {a.id: a for a in store.fold().articles}
        since = dt.date(2019, 4, 25)
        update = store.update(summit.id, since)
    later = {a for a in summit.articles if articles[a].published and articles[a].published >= since}
    earlier_text = " ".join(articles[a].text for a in summit.articles if a not in later)
    assert later and update.sentences
    for sentence in update.sentences:
        assert set(sentence.sources) <= later
        assert sentence.text not in earlier_text  # not a sentence the earlier articles carried


def test_a_store_from_a_newer_newsfold_is_refused(tmp_path):
    path = str(tmp_path / "store.db")
    open_store(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(LATEST + 1),))
    with pytest.raises(NewsfoldError, match="newer"):
        open_store(path)


def test_an_empty_database_is_migrated_to_the_latest_schema(tmp_path):
    from newsfold.store.sqlite import SQLiteDatabase

    db = SQLiteDatabase(str(tmp_path / "empty.db"))
    assert migrate(db) == 0  # it was at version 0
    assert migrate(db) == LATEST  # nothing left to do
    tables = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "stories", "events", "bands", "frequencies", "rejected"} <= tables
    assert "terms" not in tables  # version 3 keeps the frequencies in one array
    assert db.query("PRAGMA journal_mode")[0][0] == "wal"
    assert db.query("PRAGMA foreign_keys")[0][0] == 1


def test_a_version_1_store_gets_the_shingle_sets_its_articles_would_get_when_added(store_target, sample_dir):
    with open_store(store_target, NO_FACTS) as store:
        store.add([str(sample_dir)])
        before = export_hash(store)
        added = dict(store.db.query("SELECT seq, shingle_set FROM articles"))
        with store.db.writing():  # back to version 1, the sets made at insertion set aside
            _back_to_version_5(store)
            _back_to_version_2(store)
            store.db.execute("ALTER TABLE articles DROP COLUMN shingle_set")
            store.db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with open_store(store_target, NO_FACTS) as store:
        filled = dict(store.db.query("SELECT seq, shingle_set FROM articles"))
        assert store.integrity() == []
        assert export_hash(store) == before
    assert len(added) == 17 and all(added.values())
    assert filled == added


def test_a_version_2_store_keeps_its_document_frequencies_in_one_array(store_target, sample_dir):
    from newsfold.store.grouping import frequencies

    files = sorted(str(p) for p in sample_dir.iterdir() if p.suffix in (".txt", ".html"))
    with open_store(store_target, NO_FACTS) as store:
        store.add(files[:10])
        counts = frequencies(store.db).counts.copy()
        with store.db.writing():
            _back_to_version_5(store)
            _back_to_version_2(store)
            per_term = dict(store.db.query("SELECT term, df FROM terms"))
    with open_store(store_target, NO_FACTS) as store:
        assert np.array_equal(frequencies(store.db).counts, counts)
        kept, recount = stored_frequencies(store)
        assert kept == recount == per_term and len(kept) > 1000
        # and the store grows on from there as one that was never migrated
        assert store.add(files[10:]).new == len(files) - 10
        assert store.integrity() == []
        kept, recount = stored_frequencies(store)
        assert kept == recount


def test_a_version_4_store_finds_bands_and_terms_in_the_index_alone(tmp_path, sample_dir):
    path = str(tmp_path / "store.db")
    with open_store(path, NO_FACTS) as store:
        store.add([str(sample_dir)])
        before = export_hash(store)
        with store.db.writing():  # back to version 4: indexes of the first column only
            _back_to_version_5(store)
            store.db.execute("DROP INDEX bands_key_article")
            store.db.execute("CREATE INDEX bands_key ON bands(key)")
            store.db.execute("DROP INDEX story_terms_term_story")
            store.db.execute("CREATE INDEX story_terms_term ON story_terms(term)")
            store.db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
        assert _plans(store) == [False, False]  # each row also read from the table
    with open_store(path, NO_FACTS) as store:
        assert _plans(store) == [True, True]
        assert store.integrity() == []
        assert export_hash(store) == before


def _plans(store) -> list[bool]:
    """Whether SQLite answers the band and the rare-term lookup from one index alone (or from
    a table WITHOUT ROWID, which is its own index)."""
    lookups = (
        "SELECT article, COUNT(*) FROM bands WHERE key IN (1, 2) GROUP BY article",
        "SELECT term, story FROM story_terms WHERE term IN (1, 2)",
    )
    plans = [" ".join(row[-1] for row in store.db.query(f"EXPLAIN QUERY PLAN {sql}")) for sql in lookups]
    return ["COVERING INDEX" in plan or "USING PRIMARY KEY" in plan for plan in plans]


def _without_rowid(store) -> set[str]:
    rows = store.db.query("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    return {name for name, sql in rows if "WITHOUT ROWID" in sql}


def test_a_version_6_store_keeps_bands_and_rare_terms_in_tables_that_are_their_own_index(tmp_path, sample_dir):
    files = sorted(str(p) for p in sample_dir.iterdir() if p.suffix in (".txt", ".html"))
    with open_store(str(tmp_path / "never-migrated.db"), NO_FACTS) as store:
        store.add(files[:-4])
        store.add(files[-4:])
        never_migrated = export_hash(store)
    path = str(tmp_path / "store.db")
    with open_store(path, NO_FACTS) as store:
        store.add(files[:-4])
        assert _without_rowid(store) == {"bands", "story_terms"}
        with store.db.writing():
            _back_to_version_6(store)
        assert _without_rowid(store) == set()
        bands = sorted(store.db.query("SELECT key, article FROM bands"))
        terms = sorted(store.db.query("SELECT term, story FROM story_terms"))
    with open_store(path, NO_FACTS) as store:
        assert _without_rowid(store) == {"bands", "story_terms"}
        assert sorted(store.db.query("SELECT key, article FROM bands")) == bands and len(bands) > 64 * 10
        assert sorted(store.db.query("SELECT term, story FROM story_terms")) == terms and len(terms) > 100
        assert _plans(store) == [True, True]
        store.add(files[-4:])  # and it grows on as a store that was never migrated
        assert store.integrity() == []
        assert export_hash(store) == never_migrated


def test_postgresql_keeps_the_document_frequencies_uncompressed(postgres_target, sample_dir):
    with open_store(postgres_target, NO_FACTS) as store:  # (SQLite never compresses a value)
        store.add([str(sample_dir)])
        # NULL: stored as written (compressing 16 MB at every batch cost most of a second)
        assert store.db.query("SELECT pg_column_compression(counts), length(counts) FROM frequencies") == [
            (None, 4 * DIMENSIONS)
        ]


def test_a_version_5_store_takes_the_notes_of_a_story_when_its_event_changes(store_target, sample_dir):
    files = sorted(str(p) for p in sample_dir.iterdir() if p.suffix in (".txt", ".html"))
    with open_store(store_target, NO_FACTS) as store:
        store.add(files[:-1])
        with store.db.writing():
            _back_to_version_5(store)
    with open_store(store_target, NO_FACTS) as store:
        assert store.db.query("SELECT COUNT(*) FROM story_notes") == [(0,)]
        store.add(files[-1:])
        (event,) = store.db.query(
            "SELECT s.event FROM stories s JOIN articles a ON a.story = s.id WHERE a.id = ?", (Path(files[-1]).stem,)
        )
        rows = store.db.query(
            "SELECT s.event, n.notes IS NOT NULL FROM stories s LEFT JOIN story_notes n ON n.story = s.id"
        )
        assert {noted for e, noted in rows if e == event[0]} == {1}  # its event was summarised again
        assert {noted for e, noted in rows if e != event[0]} == {0}  # the others were not
        assert store.integrity() == []


def test_summaries_from_kept_notes_are_those_from_notes_taken_afresh(tmp_path, sample_dir, monkeypatch):
    from newsfold.store import members

    files = sorted(str(p) for p in sample_dir.iterdir() if p.suffix in (".txt", ".html"))
    taken = []
    monkeypatch.setattr(
        members, "take_notes", lambda article, settings: taken.append(article.id) or take_notes(article, settings)
    )
    with open_store(str(tmp_path / "store.db"), NO_FACTS) as store:
        store.add(files[::2])
        taken.clear()
        store.add(files[1::2])
        stories = dict(store.db.query("SELECT canonical, event FROM stories"))
        touched = {
            e
            for (e,) in store.db.query(
                "SELECT DISTINCT s.event FROM stories s JOIN articles a ON a.story = s.id WHERE a.id IN ({})".format(
                    ",".join("?" * len(taken))
                ),
                taken,
            )
        }
        kept = [a for a, e in stories.items() if e in touched and a not in taken]
        assert kept  # stories of the first add in events the second changed: their notes were read
        assert set(taken) <= {Path(f).stem for f in files[1::2]}
        with_kept_notes = export_hash(store)
        with store.db.writing():
            store.db.execute("DELETE FROM story_notes")
            store.db.execute("UPDATE events SET stale = 1")
        store.refresh()
        assert export_hash(store) == with_kept_notes


def _back_to_version_6(store) -> None:
    """Undo version 7 (SQLite): the bands and rare terms in tables with rowids and indexes."""
    if store.db.dialect == "sqlite":
        store.db.execute(
            "CREATE TABLE bands_old (key BIGINT NOT NULL, article INTEGER NOT NULL REFERENCES articles(seq))"
        )
        store.db.execute("INSERT INTO bands_old SELECT key, article FROM bands")
        store.db.execute("DROP TABLE bands")
        store.db.execute("ALTER TABLE bands_old RENAME TO bands")
        store.db.execute("CREATE INDEX bands_key_article ON bands(key, article)")
        store.db.execute("CREATE TABLE terms_old (term INTEGER NOT NULL, story TEXT NOT NULL REFERENCES stories(id))")
        store.db.execute("INSERT INTO terms_old SELECT term, story FROM story_terms")
        store.db.execute("DROP TABLE story_terms")
        store.db.execute("ALTER TABLE terms_old RENAME TO story_terms")
        store.db.execute("CREATE INDEX story_terms_term_story ON story_terms(term, story)")
        store.db.execute("CREATE INDEX story_terms_story ON story_terms(story)")
    store.db.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")


def _back_to_version_5(store) -> None:
    """Undo versions 7 and 6: no notes on stories."""
    _back_to_version_6(store)
    store.db.execute("DROP TABLE story_notes")
    store.db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")


def _back_to_version_2(store) -> None:
    """Undo version 3: the document frequencies back in one row per term."""
    counts = frequencies_of(store)
    store.db.execute("CREATE TABLE terms (term INTEGER PRIMARY KEY, df INTEGER NOT NULL)")
    store.db.executemany("INSERT INTO terms (term, df) VALUES (?, ?)", sorted(counts.items()))
    store.db.execute("DROP TABLE frequencies")
    store.db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def frequencies_of(store) -> dict[int, int]:
    from newsfold.store.grouping import frequencies

    counts = frequencies(store.db).counts
    return {int(t): int(counts[t]) for t in np.flatnonzero(counts)}


def test_summaries_built_by_worker_processes_are_those_built_in_process(tmp_path, sample_dir, monkeypatch):
    from newsfold import parallel

    monkeypatch.setattr(parallel, "MIN_JOBS", 1)  # the sample's 5 events are worth two workers
    exports = []
    for workers in (1, 2):
        with open_store(str(tmp_path / f"workers-{workers}.db"), replace(NO_FACTS, workers=workers)) as store:
            assert store.add([str(sample_dir)]).events == 5
            exports.append(export_hash(store))
    assert exports[0] == exports[1]


def test_events_built_while_later_batches_are_added_are_those_built_at_the_end(tmp_path, sample_dir, monkeypatch):
    from concurrent.futures import wait

    from newsfold.store import early, rebuild, store

    kept = []

    def keep(db, built):
        stored = rebuild.keep(db, built)
        kept.extend(stored)
        return stored

    monkeypatch.setattr(store, "PREPARE_CHUNK", 2)  # enough jobs to start the worker processes
    monkeypatch.setattr(store, "keep", keep)
    finished = early.EarlySummaries.finished

    def after_the_build_under_way(self):  # as if each batch took longer than one build
        if self._running is not None:
            wait([self._running])
        return finished(self)

    monkeypatch.setattr(early.EarlySummaries, "finished", after_the_build_under_way)
    files = sorted(str(p) for p in sample_dir.iterdir() if p.suffix in (".txt", ".html"))
    exports = []
    for workers in (1, 2):
        with open_store(str(tmp_path / f"workers-{workers}.db"), replace(NO_FACTS, workers=workers)) as opened:
            events = opened.add(files, batch=4).events
            assert events == len(opened.events())  # each counted once, however often it was built
            assert opened.integrity() == []
            assert opened.db.query("SELECT COUNT(*) FROM events WHERE stale = 1") == [(0,)]
            exports.append(export_hash(opened))
        assert bool(kept) == (workers == 2)  # one process builds at the end only
    assert exports[0] == exports[1]


def test_a_build_begun_before_another_writer_changed_its_event_is_not_kept(store_target, sample_dir):
    from newsfold.store.early import Built
    from newsfold.store.members import build_event
    from newsfold.store.rebuild import jobs, keep

    # The truncated blog reprint (13), then, from another writer, the full wire story (12) it copies.
    articles, _ = read_articles(
        [str(sample_dir / "13_pulse-strike-blog.txt"), str(sample_dir / "12_meridian-strike-wire.txt")], NO_FACTS
    )
    with open_store(store_target, NO_FACTS) as first, open_store(store_target, NO_FACTS) as second:
        first.add_articles(articles[:1], refresh=False)
        (job,) = jobs(first.db, {e for (e,) in first.db.query("SELECT id FROM events")}, 100)
        second.add_articles(articles[1:], refresh=False)  # the wire story becomes the canonical
        built = Built(job, *build_event(job.rows, job.noted, NO_FACTS.summary))
        assert keep(first.db, [built]) == []  # built from the reprint alone: not kept
        assert second.refresh() == 1
        (blob,) = first.db.query("SELECT notes FROM story_notes")[0]
        assert load_notes(blob) == take_notes(articles[1], NO_FACTS.summary)
        assert first.integrity() == []


def test_readers_never_see_half_a_batch(tmp_path, sample_dir):
    import threading

    path = str(tmp_path / "store.db")
    articles, _ = read_articles([str(sample_dir)], NO_FACTS)
    writer = open_store(path, NO_FACTS)
    ready, done, seen = threading.Event(), threading.Event(), []

    def read() -> None:
        with open_store(path, NO_FACTS) as reader:
            ready.set()
            while not done.is_set():
                with reader.db.reading():
                    count = reader.db.query("SELECT COUNT(*) FROM articles")[0][0]
                    seen.append((count, reader.integrity()))

    thread = threading.Thread(target=read)
    thread.start()
    ready.wait(30)
    try:
        for start in range(0, len(articles), 3):  # batches of 3: half a batch would be a count off the steps
            writer.add_articles(articles[start : start + 3])
    finally:
        done.set()
        thread.join()
        writer.close()
    counts = {count for count, _ in seen}
    assert len(counts) > 3  # the reader did look while the writer wrote
    assert all(count % 3 == 0 or count == len(articles) for count in counts)
    assert all(problems == [] for _, problems in seen), next(p for _, p in seen if p)


def stored_frequencies(store) -> tuple[dict[int, int], dict[int, int]]:
    """Document frequencies as kept, and as recomputed from the stories' stored terms."""
    from newsfold.store.grouping import unpack

    kept = frequencies_of(store)
    recount: dict[int, int] = {}
    for (blob,) in store.db.query("SELECT terms FROM stories"):
        for term in unpack(blob)[0].tolist():
            recount[term] = recount.get(term, 0) + 1
    return kept, recount


def test_a_longer_copy_arriving_later_becomes_the_canonical(store_target, sample_dir):
    # The truncated blog reprint (13) first, then the full wire story (12) it copies.
    articles, _ = read_articles(
        [str(sample_dir / "13_pulse-strike-blog.txt"), str(sample_dir / "12_meridian-strike-wire.txt")], NO_FACTS
    )
    with open_store(store_target, NO_FACTS) as store:
        store.add_articles(articles[:1])
        store.add_articles(articles[1:])
        (story,) = store.fold().stories
        assert story.canonical == "12_meridian-strike-wire" and len(story.articles) == 2
        # the summariser's notes are on the new canonical, not on the reprint
        (blob,) = store.db.query("SELECT notes FROM story_notes")[0]
        assert (
            load_notes(blob) == take_notes(articles[1], NO_FACTS.summary) != take_notes(articles[0], NO_FACTS.summary)
        )
        indexed = store.db.query("SELECT term, COUNT(*) FROM story_terms GROUP BY term, story HAVING COUNT(*) > 1")
        assert indexed == []  # the reprint's words were replaced, not added to
        kept, recount = stored_frequencies(store)
        assert kept == recount
        assert store.integrity() == []
