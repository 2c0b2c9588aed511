"""The store, on SQLite and on a real PostgreSQL server: the same behaviour from both."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from store_helpers import NO_FACTS, export_hash, memberships, stored_frequencies

from newsfold.pipeline import fold, read_articles
from newsfold.store import copies as copies_module
from newsfold.store import open_store
from newsfold.store.articles import NewArticles
from newsfold.store.records import dump_article
from newsfold.summarize import load_notes, take_notes


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


def test_a_batch_goes_in_without_savepoints_and_its_copies_take_over_as_canonical_within_it(
    store_target, sample_dir, monkeypatch
):
    calls, original = [], NewArticles.store

    def recording(self, todo, *, guarded):
        calls.append(guarded)
        return original(self, todo, guarded=guarded)

    monkeypatch.setattr(NewArticles, "store", recording)
    with open_store(store_target, NO_FACTS) as store:
        store.add([str(sample_dir)])
        stored = store.fold()
    assert calls == [False]  # one batch, never redone article by article
    # reprints longer than the wire copy stored just before them, in the same batch
    canonical = {s.id: s.canonical for s in stored.stories}
    assert canonical["s-01_meridian-flood-wire"] == "02_observer-flood-reprint"
    assert canonical["s-08_meridian-vote-wire"] == "09_observer-vote-update"
    batch = fold([str(sample_dir)], NO_FACTS)
    assert {(frozenset(s.articles), s.canonical) for s in stored.stories} == {
        (frozenset(s.articles), s.canonical) for s in batch.stories
    }


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


def test_a_reprint_of_only_the_opening_of_a_stored_story_joins_it(store_target, sample_dir, tmp_path):
    # As fold finds it (test_dedup): by the bands of the openings, which the store indexes too
    articles, _ = read_articles([str(sample_dir)], NO_FACTS)
    feed = tmp_path / "openings.jsonl"
    long = [a for a in articles if a.words >= 350]
    feed.write_text(
        "".join(json.dumps({"id": f"{a.id}-opening", "text": " ".join(a.text.split()[:40])}) + "\n" for a in long)
    )
    with open_store(store_target, NO_FACTS) as store:
        store.add([str(sample_dir)])
        assert store.add([str(feed)]).new == len(long)
        story = dict(store.db.query("SELECT id, story FROM articles"))
        assert store.integrity() == []
    assert len(long) >= 10 and all(story[f"{a.id}-opening"] == story[a.id] for a in long)


def _copies_of_the_flood_wire(tmp_path, sample_dir) -> list[str]:
    """Three feeds of 4 copies each of the sample's flood wire story, each with an edit of its own."""
    wire = (sample_dir / "01_meridian-flood-wire.txt").read_text(encoding="utf-8")
    words = wire.split(" ")
    feeds = []
    for batch in range(3):
        feed = tmp_path / f"copies{batch}.jsonl"
        lines = []
        for k in range(4):
            edited = list(words)
            edited[20 * k + 5 * batch] += "s"  # a copy with a light edit of its own
            lines.append(json.dumps({"id": f"copy{batch}-{k}", "text": " ".join(edited)}))
        feed.write_text("\n".join(lines) + "\n")
        feeds.append(str(feed))
    return feeds


def test_a_story_reprinted_more_often_than_a_band_counts_is_still_found(monkeypatch, tmp_path, sample_dir):
    # A band counts only its earliest MAX_OWNERS articles (2,000 copies of a story took 14 s to
    # add, 4,000 took 46 s: every copy counted every other); here 3, for 12 copies of one wire
    # story beside the sample, in the store and in later batches.
    monkeypatch.setattr(copies_module, "MAX_OWNERS", 3)
    with open_store(str(tmp_path / "news.db"), NO_FACTS) as store:
        store.add([str(sample_dir)])
        for feed in _copies_of_the_flood_wire(tmp_path, sample_dir):
            store.add([feed])
        story = dict(store.db.query("SELECT id, story FROM articles"))
        assert store.integrity() == []
    copies = {story[f"copy{batch}-{k}"] for batch in range(3) for k in range(4)}
    assert copies == {story["01_meridian-flood-wire"]}
    assert len(set(story.values())) == 13  # the sample's 13 stories, and no new one


def test_a_band_s_earliest_articles_are_read_one_key_at_a_time(store_target, tmp_path, sample_dir):
    # Each key's earliest articles, as reading them all and keeping the earliest gives (which a
    # live feed's small batches did for every copy stored, however many).
    with open_store(store_target, NO_FACTS) as store:
        store.add([str(sample_dir), *_copies_of_the_flood_wire(tmp_path, sample_dir)])
        every: dict[int, list[int]] = {}
        for key, article in store.db.query("SELECT key, article FROM bands"):
            every.setdefault(key, []).append(article)
        keys = sorted(every)[::7] + [12345]  # and one no article has
        for most in (3, 100):
            expected = {key: sorted(every[key])[:most] for key in keys if key in every}
            found = copies_module.band_owners(store.db, keys, most)
            assert {key: sorted(articles) for key, articles in found.items()} == expected
        assert max(len(articles) for articles in every.values()) > 3  # some key has more to leave out


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


def test_an_article_of_no_content_words_is_stored_in_an_event_of_its_own(store_target, sample_dir):
    # stop words only: its story has no grouping terms, an empty row among the new stories
    articles, _ = read_articles([str(sample_dir)], NO_FACTS)
    empty = replace(articles[0], id="zz-empty", paragraphs=("They said it would be so.",), title=None, url=None)
    with open_store(store_target, NO_FACTS) as store:
        report = store.add_articles([*articles, empty])
        assert (report.new, report.rejected) == (18, 0)
        assert store.integrity() == []
        stored = store.fold()
    batch = fold([str(sample_dir)], NO_FACTS)
    assert memberships(stored.events) == sorted([*memberships(batch.events), ("zz-empty",)])


def test_an_article_that_fails_before_its_rows_are_written_leaves_nothing_behind(
    store_target, sample_dir, tmp_path, monkeypatch
):
    """Its story and event rows, already prepared, must not be written with the next article's."""
    articles, _ = read_articles([str(sample_dir)], NO_FACTS)
    failing = "14_herald-strike"  # a story of its own: a story row and an event row wait for it
    original = dump_article

    def dump(article):
        if article.id == failing:
            raise ValueError("cannot be written")
        return original(article)

    monkeypatch.setattr("newsfold.store.articles.dump_article", dump)
    with open_store(store_target, NO_FACTS) as store:
        report = store.add_articles(articles)
        assert (report.new, report.rejected) == (16, 1)
        assert store.db.query("SELECT id FROM stories WHERE id NOT IN (SELECT story FROM articles)") == []
        assert store.integrity() == []
        stored = store.fold()
    with open_store(str(tmp_path / "without.db"), NO_FACTS) as store:
        store.add_articles([a for a in articles if a.id != failing])
        without = store.fold()
    assert memberships(stored.events) == memberships(without.events)


def test_a_full_disk_fails_the_whole_batch_with_its_own_message_and_keeps_earlier_adds(sample_dir, tmp_path):
    """SQLite ends the transaction itself on a full disk: no article may be called refused for
    it, and nothing may run on outside the transaction."""
    articles, _ = read_articles([str(sample_dir)], NO_FACTS)
    with open_store(str(tmp_path / "news.db"), NO_FACTS) as store:
        store.add_articles(articles[:8])
        before = export_hash(store)
        pages = store.db.query("PRAGMA page_count")[0][0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: SQLITE_FULL
        with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
            store.add_articles(articles[8:])
        store.db.execute("PRAGMA max_page_count = 1073741823")
        assert store.integrity() == []
        assert store.rejected() == []
        assert export_hash(store) == before
        assert store.add_articles(articles[8:]).new == len(articles) - 8  # room again: it goes on


def test_a_database_failure_that_leaves_the_transaction_open_still_fails_the_whole_batch(
    sample_dir, tmp_path, monkeypatch
):
    """PostgreSQL undoes only the statement on a full disk: the savepoint's rollback then works,
    but the failure is still the database's, not the article's, and must not be stored as a
    rejection of it."""
    articles, _ = read_articles([str(sample_dir)], NO_FACTS)
    original = dump_article

    def dump(article):
        if article.id == "14_herald-strike":
            raise sqlite3.OperationalError("disk I/O error")
        return original(article)

    monkeypatch.setattr("newsfold.store.articles.dump_article", dump)
    with open_store(str(tmp_path / "news.db"), NO_FACTS) as store:
        with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
            store.add_articles(articles)
        assert store.rejected() == []
        assert store.db.query("SELECT COUNT(*) FROM articles") == [(0,)]


def test_an_article_whose_row_is_too_big_for_an_index_is_its_own_refusal(store_target, sample_dir):
    # PostgreSQL refuses a 4,000-character id in an index (SQLSTATE 54000, an OperationalError
    # like a full disk): that is the article's trouble, and the rest of the batch is stored.
    import hashlib  # noqa: PLC0415

    articles, _ = read_articles([str(sample_dir)], NO_FACTS)
    noise = "".join(hashlib.sha256(str(k).encode()).hexdigest() for k in range(63))[:4000]  # incompressible
    with open_store(store_target, NO_FACTS) as store:
        report = store.add_articles([*articles[1:], replace(articles[0], id=noise)])
        assert store.integrity() == []
    assert report.new + report.rejected == len(articles)
    assert report.new >= len(articles) - 1


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


def test_stories_from_one_template_stay_apart_in_the_store_as_in_fold(store_target):
    # Two earnings briefs and two quake reports, each pair written from one template: as
    # copies by their 4-grams alone, they would be two stories. The second of each pair is
    # looked up among the stored ones, in a later batch.
    templates = Path(__file__).parents[1] / "fixtures" / "template_stories"
    articles, _ = read_articles([str(templates)], NO_FACTS)
    with open_store(store_target, NO_FACTS) as store:
        store.add_articles(articles[0::2])
        store.add_articles(articles[1::2])
        stored = {s.articles for s in store.fold().stories}
        assert store.integrity() == []
    assert stored == {s.articles for s in fold([str(templates)], NO_FACTS).stories} == {(a.id,) for a in articles}


def test_events_since_a_day_include_one_whose_story_was_updated_that_day(store_target, sample_dir):
    # A probe: the wire story of 12 March and its update of 13 March are one story, dated
    # 12 March; "events --since 13 March" left the event out, though the update is news.
    articles, _ = read_articles(
        [str(sample_dir / "08_meridian-vote-wire.txt"), str(sample_dir / "09_observer-vote-update.txt")], NO_FACTS
    )
    assert [a.published for a in articles] == [dt.date(2025, 3, 12), dt.date(2025, 3, 13)]
    with open_store(store_target, NO_FACTS) as store:
        store.add_articles(articles)
        (story,) = store.fold().stories
        assert len(story.articles) == 2
        assert [e.articles for e in store.events(since=dt.date(2025, 3, 13))] == [2]
        assert store.events(since=dt.date(2025, 3, 14)) == []


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


def test_lookups_split_into_many_small_queries_store_the_same(store_target, sample_dir, tmp_path, monkeypatch):
    """Long lookups (a batch's band keys, its rare terms) go to the database in pieces; every
    piece size must give the same stories, events and summaries."""
    import newsfold.store.postgres as postgres
    import newsfold.store.sqlite as sqlite

    articles, _ = read_articles([str(sample_dir)], NO_FACTS)
    whole = tmp_path / "whole.db"
    with open_store(str(whole), NO_FACTS) as store:
        store.add_articles(articles[:9])  # the second half is looked up among stored bands and terms
        store.add_articles(articles[9:])
        expected = store.fold()
    monkeypatch.setattr(sqlite, "MAX_PARAMS", 2)
    monkeypatch.setattr(postgres, "MAX_VALUES", 2)
    with open_store(store_target, NO_FACTS) as store:
        store.add_articles(articles[:9])
        store.add_articles(articles[9:])
        split = store.fold()
        assert store.integrity() == []
    assert {(frozenset(s.articles), s.canonical) for s in split.stories} == {
        (frozenset(s.articles), s.canonical) for s in expected.stories
    }
    assert memberships(split.events) == memberships(expected.events)
    assert sorted(e.summary.text for e in split.events) == sorted(e.summary.text for e in expected.events)


def test_an_input_rejected_once_and_stored_later_is_no_longer_listed_as_rejected(store_target, tmp_path):
    story = tmp_path / "flood.txt"
    story.write_text("")  # emptied by mistake
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x"}\n{"id": "y", "text": "Dockworkers at Portmere walked out over pay on Friday."}\n')
    with open_store(store_target, NO_FACTS) as store:
        store.add([str(story), str(feed)])
        assert [(Path(r.path).name, r.line, r.reason) for r in store.rejected()] == [
            ("feed.jsonl", 1, "record has no 'text'"),
            ("flood.txt", None, "empty file"),
        ]
        story.write_text("Officials in Dunmarrow said the Sallow River burst its banks overnight, flooding the town.")
        report = store.add([str(story), str(feed)])
        assert (report.new, report.known, report.rejected) == (1, 1, 1)
        assert [(Path(r.path).name, r.line) for r in store.rejected()] == [("feed.jsonl", 1)]


@pytest.mark.parametrize("first_failure", [1, 2])
def test_an_event_that_cannot_be_summarised_stays_stale_and_a_live_feed_goes_on(
    tmp_path, sample_dir, monkeypatch, caplog, first_failure
):
    # Summaries are rebuilt where a live feed pauses. One event whose build failed there ended
    # the whole add; caught, it still rolled back the other events built with it, at every pause.
    # Built at the first pause and failing at the second (first_failure 2), it was also counted
    # among the events summarised (a review).
    import logging  # noqa: PLC0415
    import os  # noqa: PLC0415
    import sys  # noqa: PLC0415
    import threading  # noqa: PLC0415
    import time  # noqa: PLC0415

    from newsfold.config import IngestSettings  # noqa: PLC0415
    from newsfold.store import rebuild  # noqa: PLC0415

    paths = sorted(sample_dir.glob("*.txt"))
    records = [json.dumps({"id": p.stem, "text": p.read_text(errors="replace")}) for p in paths]
    tried, build = [], rebuild.build

    def failing_for_the_plant(job, settings):
        if any("desal" in story for story, _ in job.members):
            tried.append(job.event)
            if len(tried) >= first_failure:
                raise RuntimeError("the solver gave up")
        return build(job, settings)

    monkeypatch.setattr(rebuild, "build", failing_for_the_plant)
    read, write = os.pipe()
    stdin = open(read, encoding="utf-8")  # noqa: SIM115 - closed below
    monkeypatch.setattr(sys, "stdin", stdin)

    def feed():
        with open(write, "w", encoding="utf-8") as out:
            for part in (records[:5], records[5:]):  # the plant's event fails at the first pause, then grows
                out.write("".join(f"{r}\n" for r in part))
                out.flush()
                time.sleep(1.5)

    writer = threading.Thread(target=feed)
    writer.start()
    settings = replace(NO_FACTS, ingest=IngestSettings(pause=0.3))
    try:
        with caplog.at_level(logging.WARNING), open_store(str(tmp_path / "news.db"), settings) as store:
            report = store.add(["-"])
            listed = store.events()
    finally:
        writer.join()
        stdin.close()
    (plant,) = set(tried)
    assert len(tried) == 2  # again once it gained an article, but not at every pause, nor at the end
    assert f"event {plant} could not be summarised (RuntimeError: the solver gave up)" in caplog.text
    assert (report.new, report.rejected, report.unsummarised) == (len(records), 0, 1)
    assert report.events == len(listed) - 1  # the others are summarised; the plant's is not counted
    untitled = [row.id for row in listed if not row.title]  # a failed rebuild keeps the summary before
    assert len(listed) > 1 and untitled == ([plant] if first_failure == 1 else [])
