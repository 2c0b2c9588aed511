"""The store's schema versions: each older store is migrated and grows on as a new one would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from store_helpers import NO_FACTS, export_hash, frequencies_of, stored_frequencies

from newsfold.config import DedupSettings
from newsfold.errors import NewsfoldError
from newsfold.features import DIMENSIONS
from newsfold.store import open_store
from newsfold.store.copies import lead_keys
from newsfold.store.records import load_article
from newsfold.store.schema import LATEST, foreign_tables, migrate, version
from newsfold.tokens import TokenHasher


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
        bands = sorted(store.db.query("SELECT key, article FROM bands"))
        with store.db.writing():
            _back_to_version_6(store)
        assert _without_rowid(store) == set()
        terms = sorted(store.db.query("SELECT term, story FROM story_terms"))
    with open_store(path, NO_FACTS) as store:
        assert _without_rowid(store) == {"bands", "story_terms"}
        assert sorted(store.db.query("SELECT key, article FROM bands")) == bands and len(bands) > 64 * 10
        assert sorted(store.db.query("SELECT term, story FROM story_terms")) == terms and len(terms) > 100
        assert _plans(store) == [True, True]
        store.add(files[-4:])  # and it grows on as a store that was never migrated
        assert store.integrity() == []
        assert export_hash(store) == never_migrated


def test_a_version_7_store_indexes_the_openings_of_its_articles(store_target, tmp_path, sample_dir):
    files = sorted(str(p) for p in sample_dir.iterdir() if p.suffix in (".txt", ".html"))
    with open_store(str(tmp_path / "never-migrated.db"), NO_FACTS) as store:
        store.add(files[:-4])
        store.add(files[-4:])
        never_migrated = export_hash(store)
    with open_store(store_target, NO_FACTS) as store:
        store.add(files[:-4])
        bands = sorted(store.db.query("SELECT key, article FROM bands"))
        with store.db.writing():
            _back_to_version_7(store)
        whole_texts = store.db.query("SELECT COUNT(*) FROM bands")[0][0]
    with open_store(store_target, NO_FACTS) as store:
        assert sorted(store.db.query("SELECT key, article FROM bands")) == bands
        assert len(bands) - whole_texts == 16 * len(files[:-4])  # 16 bands of each article's opening
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


def _back_to_version_7(store) -> None:
    """Undo version 8: the bands of the articles' openings go."""
    rows = store.db.query("SELECT seq, record FROM articles ORDER BY seq")
    keys = lead_keys([TokenHasher()(load_article(record).text) for _, record in rows], DedupSettings())
    opening = [(int(key), seq) for (seq, _), row in zip(rows, keys, strict=True) for key in row if key != -1]
    store.db.executemany("DELETE FROM bands WHERE key = ? AND article = ?", opening)
    store.db.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")


def _back_to_version_6(store) -> None:
    """Undo versions 8 and 7 (SQLite): the bands and rare terms in tables with rowids and indexes."""
    _back_to_version_7(store)
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


def test_stores_opened_at_once_on_an_empty_database_make_its_tables_once(store_target):
    # On PostgreSQL the second writer's transaction, begun before it waited for the first,
    # still found no tables and made them again ("relation meta already exists", 8 of 10
    # tries of two adds at once in a helper's probe).
    import threading  # noqa: PLC0415

    from newsfold.store import connect  # noqa: PLC0415
    from newsfold.store.schema import version  # noqa: PLC0415

    failed: list[Exception] = []

    def open_one() -> None:
        try:  # opening too: on SQLite, switching a new file to WAL found it locked (1 run in 6)
            db = connect(store_target)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            failed.append(exc)
            return
        try:
            migrate(db)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            failed.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    db = connect(store_target)
    assert version(db) == LATEST
    db.close()


def test_a_database_with_another_programs_tables_gets_no_store(store_target):
    """From Python too: the command line looks at a SQLite file before it opens it, and did
    not look at PostgreSQL at all."""
    from newsfold.store import connect  # noqa: PLC0415
    from newsfold.store.schema import ForeignDatabase  # noqa: PLC0415

    db = connect(store_target)
    with db.writing():
        db.execute("CREATE TABLE orders (id INTEGER)")
        db.execute("INSERT INTO orders VALUES (7)")
    with pytest.raises(ForeignDatabase, match=r"^another program's database \(tables orders\), not a newsfold store$"):
        migrate(db)
    with db.reading():
        assert db.query("SELECT id FROM orders") == [(7,)]
        assert version(db) == 0  # no meta, nor any other table of newsfold's
        assert foreign_tables(db) == ["orders"]
    db.close()
