"""The command line, in-process with CliRunner, plus smoke tests of the installed programs."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfold import __version__
from newsfold.bundled import sample_corpus
from newsfold.cli import main

STORY = "LONDON (Reuters) - The port of Lindqvist closed on Friday after dockworkers walked out over pay.\n"


def run(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def test_fold_without_paths_folds_the_bundled_sample_as_text():
    result = run("fold")
    assert result.exit_code == 0
    assert result.stdout.startswith("5 events from 17 articles")
    assert "[1] " in result.stdout and "Story 1" in result.stdout


def test_demo_is_the_sample_fold():
    assert run("demo", "--format", "json").stdout == run("fold", "--format", "json").stdout


def test_json_contract(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    result = run("fold", str(tmp_path), "--format", "json")
    data = json.loads(result.stdout)
    assert data["newsfold"] == __version__
    assert list(data) == ["newsfold", "articles", "stories", "events", "rejected"]
    article = data["articles"][0]
    assert set(article) == {"id", "path", "title", "source", "published", "url", "words", "story", "text"}
    assert (article["id"], article["source"], article["story"]) == ("a", "Reuters", data["stories"][0]["id"])
    assert set(data["stories"][0]) >= {"id", "canonical", "articles", "similarity"}
    event = data["events"][0]
    assert set(event) >= {"id", "title", "date", "stories", "articles", "headline", "summary", "brief"}
    for product in ("headline", "summary", "brief"):
        assert event[product]["sentences"][0]["sources"] == ["a"]
        assert event[product]["text"] == " ".join(s["text"] for s in event[product]["sentences"])
    assert event["title"] == event["headline"]["text"]


def test_text_and_markdown_show_headline_summary_and_brief():
    markdown = run("fold", "--format", "markdown").stdout
    data = json.loads(run("fold", "--format", "json").stdout)
    for event in data["events"]:
        assert f"{event['headline']['text']}\n" in markdown
        assert event["summary"]["sentences"][0]["text"] in markdown
        if event["brief"]["text"] != event["summary"]["text"]:
            assert "**Brief.** " + event["brief"]["sentences"][0]["text"] in markdown


HOSTILE = [
    "<script>alert(1)</script> and <img src=x onerror=alert(2)>",
    "[a link](http://example.invalid) ![an image](x.png) <http://auto.link>",
    "# Storm | hits *the* _coast_ `code` ~~struck~~ AT&T &copy;",
    "1. a list? 12) another; - a bullet; > a quote; \\ a backslash",
]


@pytest.mark.parametrize(
    "text",
    [*HOSTILE, "- starts a list", "1999. The year", "> starts a quotation", "+ plus", "---", "## Two", "a __b__ c _d_"],
)
def test_markdown_text_reads_as_the_same_words_in_a_markdown_renderer(text):
    markdown_it = pytest.importorskip("markdown_it")
    import html

    from newsfold.render import markdown_text

    rendered = markdown_it.MarkdownIt("commonmark").render(markdown_text(text))
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n")
    assert html.unescape(rendered[3:-5]) == text


def test_markdown_text_leaves_ordinary_news_text_as_it_was():
    from newsfold.render import markdown_text

    for text in (
        "6.8 metres at 9 a.m. - up from 2.9 on Sunday (a record).",
        "-5 degrees; +3% in Q3",
        "#MeToo",
        "AT&T",
        "01_meridian-wire",
    ):
        assert markdown_text(text) == text


def test_markdown_output_keeps_hostile_titles_and_outlets_as_text(tmp_path):
    # Titles, outlets and ids came out raw: a title "<script>..." was HTML in the Markdown,
    # "[a link](...)" a link, "Daily *Star*" broke the italics of its line.
    markdown_it = pytest.importorskip("markdown_it")
    records = [
        {"id": f"a{n}", "title": title, "source": "Daily *Star* <b>", "text": STORY, "published": "2025-03-07"}
        for n, title in enumerate(HOSTILE)
    ]
    data = tmp_path / "hostile.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = run("fold", str(data), "--format", "markdown", "--no-extract")
    assert result.exit_code == 0
    page = markdown_it.MarkdownIt("commonmark").render(result.stdout)
    assert not any(tag in page for tag in ("<script", "<img", "<a ", "<b>", "<code>", "<h1>Storm"))
    assert "Daily *Star* &lt;b&gt;" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markdown_and_out_file(tmp_path):
    out = tmp_path / "report.md"
    result = run("fold", "--format", "markdown", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# newsfold: 5 events") and "\n## 1. " in text


def test_words_sets_the_budget():
    data = json.loads(run("fold", "--format", "json", "--words", "25").stdout)
    assert all(len(e["summary"]["text"].split()) <= 25 for e in data["events"])


def test_rejections_are_reported_and_the_run_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_text("")
    result = run("fold", str(tmp_path), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["rejected"] == [
        {"path": str(tmp_path / "empty.txt"), "line": None, "reason": "empty file"}
    ]
    assert "empty.txt: empty file" in result.stderr


def test_exit_1_when_nothing_could_be_folded(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("fold", str(tmp_path))
    assert result.exit_code == 1
    assert "no article could be folded" in result.stderr


def test_exit_2_on_usage_errors():
    assert run("fold", "--format", "pdf").exit_code == 2
    assert run("fold", "--words", "0").exit_code == 2
    assert run("nonsense").exit_code == 2
    # A summary's sentences have at least 10 words: 5 to 9 could never give one.
    assert run("fold", "--words", "9").exit_code == 2
    # Two budgets for one summary: --bytes had silently won.
    both = run("summarize", "-", "--words", "20", "--bytes", "100", input=STORY)
    assert both.exit_code == 2 and "--words and --bytes are two budgets" in both.stderr


def test_stdin(tmp_path):
    result = run("fold", "-", "--format", "json", input=STORY)
    assert json.loads(result.stdout)["articles"][0]["id"] == "stdin"


def test_installed_console_script_and_module_run():
    scripts = Path(sys.executable).parent
    version = subprocess.run([scripts / "newsfold", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"newsfold, version {__version__}"
    folded = subprocess.run(
        [sys.executable, "-m", "newsfold", "fold", "--format", "json"], capture_output=True, text=True, check=True
    )
    assert len(json.loads(folded.stdout)["articles"]) == 17


def test_store_commands_add_list_show_export_and_report_rejections(tmp_path, sample_dir):
    db = str(tmp_path / "news.db")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "nul.txt").write_bytes(b"\x00\x00")
    added = run("add", str(sample_dir), str(tmp_path / "bad"), "--db", db)
    assert added.exit_code == 0
    assert "17 new articles, 0 already stored, 1 rejected; 5 events re-summarised" in added.stderr

    listed = run("events", "--db", db).stdout.splitlines()
    assert len(listed) == 5
    latest = listed[0].split("\t")
    assert latest[1:4] == ["2025-03-14", "1", "1"]  # the shipwreck, reported on 14 March by one outlet
    assert len(run("events", "--db", db, "--since", "2025-03-10").stdout.splitlines()) == 3

    shown = run("show", latest[0], "--db", db, "--no-extract")
    assert shown.exit_code == 0 and latest[4] in shown.stdout
    assert run("show", "e-nosuchevent", "--db", db).exit_code == 1

    records = [json.loads(line) for line in run("export", "--db", db, "--format", "jsonl").stdout.splitlines()]
    kinds = [r["type"] for r in records]
    assert kinds.count("article") == 17 and kinds.count("event") == 5 and kinds.count("rejected") == 1
    folded = json.loads(run("fold", str(sample_dir), "--format", "json", "--no-extract").stdout)
    exported = json.loads(run("export", "--db", db).stdout)
    assert list(exported) == list(folded)
    assert set(exported["events"][0]) == set(folded["events"][0])
    assert run("rejected", "--db", db).stdout.startswith(str(tmp_path / "bad" / "nul.txt"))


def test_what_is_new_in_markdown_escapes_what_the_articles_bring(tmp_path):
    # A probe: "show --since --format markdown" wrote the sentences and ids raw.
    text = (
        "The regional council said the <script>alert('x')</script> warning page and a "
        "[donation link](javascript:alert(1)) had been removed from its website on Tuesday after the flood."
    )
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "k3_*bold*", "text": text, "published": "2025-04-02"}) + "\n")
    db = str(tmp_path / "news.db")
    assert run("add", str(feed), "--db", db).exit_code == 0
    event = run("events", "--db", db).stdout.split("\t")[0]
    shown = run("show", event, "--db", db, "--since", "2025-04-01", "--format", "markdown").stdout
    assert "<script>" not in shown and "[donation link](" not in shown and "*bold*" not in shown
    assert "\\<script\\>" in shown and "\\[donation link\\]" in shown and "k3\\_\\*bold\\*" in shown


def test_a_store_file_that_is_not_a_database_is_named_in_one_line_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Shopping list: bread, milk, and the Tuesday papers.\n")
    result = run("events", "--db", str(path))
    assert result.exit_code == 1
    assert f"{path} is not a newsfold store (SQLite: file is not a database)" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text() == "Shopping list: bread, milk, and the Tuesday papers.\n"


def test_every_warning_about_an_unreadable_page_names_it(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "scripts.html").write_text("<html><head><script>var a = 1;</script></head><body></body></html>")
    (tmp_path / "feed.html").write_text("<?xml version='1.0'?><rss><channel><title>x</title></channel></rss>")
    result = run("fold", str(tmp_path), "--no-extract")
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert len(lines) == 2
    assert all("scripts.html" in line or "feed.html" in line for line in lines)


def test_quiet_libraries_stay_quiet_when_first_imported_after_the_command_began(tmp_path):
    # A helper's probe: trafilatura, imported only when a page is read, set htmldate's level
    # back, and "newsfold: ERROR: parsed tree length: 0, wrong data type or not valid HTML"
    # came through -q, naming no input. In a fresh process, as the command runs.
    story = (sample_corpus() / "12_meridian-strike-wire.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    page = tmp_path / "fragment.html"
    page.write_text(f"<div>\n{story}</div>", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "newsfold", "-q", "fold", "--no-extract", str(page)], capture_output=True, text=True
    )
    assert done.returncode == 0 and "Dock and Harbour Workers" in done.stdout
    assert done.stderr == ""


def test_an_error_no_input_should_cause_is_one_rejection_naming_its_input(tmp_path, monkeypatch):
    # stands for a library failing on markup nobody foresaw (as a codec's UnicodeError once did)
    import newsfold.pipeline  # noqa: PLC0415

    real = newsfold.pipeline.clean_article

    def failing_on_one_page(raw):
        if raw.path.endswith("odd.html"):
            raise UnicodeError("undefined encoding")
        return real(raw)

    monkeypatch.setattr(newsfold.pipeline, "clean_article", failing_on_one_page)
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "odd.html").write_text(f"<html><body><p>{STORY}</p></body></html>")
    result = run("fold", str(tmp_path), "--format", "json", "--no-extract")
    assert result.exit_code == 0
    folded = json.loads(result.stdout)
    assert [a["id"] for a in folded["articles"]] == ["good"]
    assert folded["rejected"] == [
        {
            "path": str(tmp_path / "odd.html"),
            "line": None,
            "reason": "could not be cleaned: UnicodeError: undefined encoding (a newsfold bug: please report it)",
        }
    ]


def test_a_text_of_no_words_is_rejected(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "bang.txt").write_text("!!!\n")
    (tmp_path / "figures.txt").write_text("123 456 789.\n\n-- 42 --\n")
    result = run("fold", str(tmp_path), "--format", "json", "--no-extract")
    assert result.exit_code == 0
    folded = json.loads(result.stdout)
    assert [a["id"] for a in folded["articles"]] == ["good"]
    reason = "no words in the text (only figures, punctuation or symbols)"
    assert folded["rejected"] == [
        {"path": str(tmp_path / name), "line": None, "reason": reason} for name in ("bang.txt", "figures.txt")
    ]


def test_a_publication_date_at_the_end_of_the_calendar_is_dropped_and_the_fold_goes_on(tmp_path):
    text = "Officials in Dunmarrow said the Sallow River will crest tomorrow, flooding the old town."
    records = [
        {"id": "end", "published": "9999-12-31", "text": text},
        {"id": "start", "published": "0001-01-01", "text": text},
    ]
    (tmp_path / "odd.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result = run("fold", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [(a["id"], a["published"]) for a in json.loads(result.stdout)["articles"]] == [
        ("end", None),
        ("start", None),
    ]


def test_control_characters_never_reach_the_output(tmp_path):
    # a terminal would run these: set its title, clear the screen, turn the text red
    record = {
        "id": "esc",
        "title": "Sallow River \x1b]0;pwned\x07floods\x1b[2J Dunmarrow\x9b31m",
        "source": "The\nDunmarrow\x1b[5m Post",
        "text": "Officials in Dunmarrow said the river \x1b[31mburst\x1b[0m its banks overnight, flooding the town.",
    }
    (tmp_path / "esc.jsonl").write_text(json.dumps(record) + "\n")
    for fmt in ("text", "markdown", "json"):
        result = run("fold", str(tmp_path), "--format", fmt, "--no-extract")
        assert result.exit_code == 0
        assert not any(ch in result.stdout for ch in "\x1b\x07\x9b"), fmt
    article = json.loads(result.stdout)["articles"][0]
    assert (article["title"], article["source"]) == (
        "Sallow River ]0;pwnedfloods[2J Dunmarrow›31m",
        "The Dunmarrow[5m Post",
    )


def test_a_store_name_that_would_keep_nothing_is_refused(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    for db, message in [
        ("", "an empty name is no store file"),  # SQLite: a temporary file, gone at exit
        (":memory:", ":memory: is no store file"),
        (str(tmp_path), f"cannot open the store {tmp_path}: not a regular file"),
    ]:
        result = run("add", str(tmp_path / "good.txt"), "--db", db)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {message}")


def test_an_output_in_a_folder_that_does_not_exist_is_refused_before_the_work(tmp_path):
    result = run("fold", "--no-extract", "--out", str(tmp_path / "missing" / "events.txt"))
    assert result.exit_code == 2
    assert f"no folder {tmp_path / 'missing'} to write" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_output_that_cannot_be_written_is_named_in_one_line():
    result = run("fold", "--no-extract", "--out", "/dev/full")
    assert result.exit_code == 1
    assert result.stderr == "Error: cannot write /dev/full: No space left on device\n"


def test_a_full_disk_under_stdout_is_one_line_for_every_command_that_lists(tmp_path, sample_dir):
    # A probe: events, rejected and show --since wrote a traceback before the line
    db = str(tmp_path / "news.db")
    assert (
        run("add", str(sample_dir / "15_courier-shipwreck.txt"), str(tmp_path / "missing.txt"), "--db", db).exit_code
        == 0
    )
    (event,) = [line.split("\t")[0] for line in run("events", "--db", db).stdout.splitlines()]
    for command in (["events"], ["rejected"], ["show", event, "--since", "2020-01-01"], ["show", event]):
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "newsfold", *command, "--db", db], stdout=full, stderr=subprocess.PIPE, text=True
            )
        assert done.returncode == 1, command
        assert done.stderr == "Error: cannot write the output: No space left on device\n", command


def test_a_reader_that_stops_reading_ends_the_command_quietly():
    command = [sys.executable, "-m", "newsfold", "fold", "--no-extract", "--format", "json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout.read(10) == b'{"newsfold'
        process.stdout.close()  # as `| head -c 10` does; the fold's JSON is larger than a pipe holds
        assert process.stderr.read() == b""


def test_add_of_nothing_usable_exits_1_and_of_articles_already_stored_0(tmp_path):
    db = str(tmp_path / "store.db")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_text(STORY)
    assert run("add", str(tmp_path / "empty.txt"), "--db", db).exit_code == 1
    assert run("add", str(tmp_path / "good.txt"), "--db", db).exit_code == 0
    again = run("add", str(tmp_path / "good.txt"), str(tmp_path / "empty.txt"), "--db", db)
    assert again.exit_code == 0
    assert again.stderr.endswith("0 new articles, 1 already stored, 1 rejected; 0 events re-summarised\n")


def test_add_exits_1_naming_an_event_whose_summaries_could_not_be_built_and_the_next_add_builds_it(
    tmp_path, sample_dir, monkeypatch
):
    from newsfold.store import rebuild  # noqa: PLC0415

    db = str(tmp_path / "news.db")
    build = rebuild.build

    def failing_for_the_plant(job, settings):
        if any("desal" in story for story, _ in job.members):
            raise RuntimeError("the solver gave up")
        return build(job, settings)

    monkeypatch.setattr(rebuild, "build", failing_for_the_plant)
    failed = run("add", str(sample_dir), "--db", db)
    assert failed.exit_code == 1
    assert "could not be summarised (RuntimeError: the solver gave up)" in failed.stderr
    assert failed.stderr.endswith(
        "17 new articles, 0 already stored, 0 rejected; 4 events re-summarised, 1 could not be (named above)\n"
    )
    monkeypatch.setattr(rebuild, "build", build)
    again = run("add", str(sample_dir), "--db", db)
    assert again.exit_code == 0
    assert again.stderr.endswith("0 new articles, 17 already stored, 0 rejected; 1 events re-summarised\n")


def test_events_not_summarised_yet_say_so(tmp_path, sample_dir):
    db = str(tmp_path / "news.db")
    assert run("add", str(sample_dir), "--db", db).exit_code == 0
    summarised = run("events", "--db", db).stdout.splitlines()
    with sqlite3.connect(db) as connection:  # as an add killed before its summaries leaves them
        connection.execute("UPDATE events SET stale = 1, record = NULL")
    pending = run("events", "--db", db).stdout.splitlines()
    assert len(pending) == len(summarised) == 5
    assert {line.split("\t")[4] for line in pending} == {"(not summarised yet: the next add summarises it)"}


def test_a_sound_store_that_cannot_be_opened_here_is_not_called_broken(tmp_path, sample_dir):
    db = tmp_path / "news.db"
    assert run("add", str(sample_dir), "--db", str(db)).exit_code == 0
    (tmp_path / "news.db-wal").mkdir()  # as a read-only folder does, this keeps SQLite from its log
    result = run("add", str(sample_dir), "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot open the store {db} (SQLite: unable to open database file)")
    assert "not a newsfold store" not in result.stderr
    # A command that only reads reads it as it is.
    assert len(run("events", "--db", str(db)).stdout.splitlines()) == 5


def test_rejected_lists_one_line_per_input_whatever_its_name_holds(tmp_path):
    db = str(tmp_path / "news.db")
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "empty\nx\ty.txt").write_text("")
    (odd / "good.txt").write_text(STORY)
    assert run("add", str(odd), "--db", db).exit_code == 0
    rows = run("rejected", "--db", db).stdout.splitlines()
    assert [row.split("\t") for row in rows] == [[f"{odd}/empty\\nx\\ty.txt", "", "empty file"]]


def test_a_store_that_fills_its_disk_is_named_and_keeps_what_was_added(tmp_path, sample_dir, monkeypatch):
    from newsfold.store.sqlite import SQLiteDatabase  # noqa: PLC0415

    db = str(tmp_path / "news.db")
    assert run("add", str(sample_dir), "--db", db).exit_code == 0
    opened = SQLiteDatabase.__init__

    def full_disk(self, path, **options):  # SQLite's own "disk full" error, when the file may not grow
        opened(self, path, **options)
        pages = self.connection.execute("PRAGMA page_count").fetchone()[0]
        self.connection.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(SQLiteDatabase, "__init__", full_disk)
    (tmp_path / "new.txt").write_text(STORY * 40)
    result = run("add", str(tmp_path / "new.txt"), "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the store {db} failed: database or disk is full; the batches added")
    monkeypatch.undo()
    assert len(run("events", "--db", db).stdout.splitlines()) == 5


def test_a_store_url_is_named_without_its_password():
    from newsfold.store import shown  # noqa: PLC0415

    assert shown("postgresql://ana:s3cr%40t@db.example:5433/news?sslmode=require") == (
        "postgresql://ana@db.example:5433/news?sslmode=require"
    )
    assert shown("postgres://db.example/news?password=s3cret&sslmode=require") == (
        "postgres://db.example/news?sslmode=require"
    )
    assert shown("postgresql:///news") == "postgresql:///news"
    assert shown("stores/news.db") == "stores/news.db"
    # A helper's probe: libpq takes a password holding "#", "?" or "/", which a URL parser
    # reads as the end of the authority (the password was shown whole), and "[" made the
    # parser raise (a traceback, with the URL in it).
    for password in ("se#cret", "se?cret", "se/cret", "se[cret", "se@cret"):
        assert shown(f"postgresql://ana:{password}@db.example/news") == "postgresql://ana@db.example/news"
    assert shown("postgresql://ana:s3cret@[::1") == "postgresql://ana@[::1"
    # A review: libpq reads a key's name percent-encoded, and takes a key's passphrase too.
    assert shown("postgresql://ana@db.example/news?passwor%64=s3cret") == "postgresql://ana@db.example/news"
    assert shown("postgresql://ana@db.example/news?sslpassword=s3cret&sslmode=require") == (
        "postgresql://ana@db.example/news?sslmode=require"
    )


@pytest.mark.parametrize(
    ("url", "shown_as"),
    [
        ("postgresql://ana:s3cret@[::1", "postgresql://ana@[::1"),  # libpq quotes the URL it refuses
        ("postgresql://ana:s3%zzcret@db.example/news", "postgresql://ana@db.example/news"),  # or the password
    ],
)
def test_a_store_url_libpq_cannot_read_is_named_without_its_password(url, shown_as):
    pytest.importorskip("psycopg")
    result = run("events", "--db", url)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot open the PostgreSQL store {shown_as}: ")
    assert result.stderr.count("\n") == 1 and "cret" not in result.stderr


def test_a_publication_date_that_cannot_be_read_is_named_with_its_line_and_quiet_silences_it(tmp_path):
    dates = ["2025-03-10", "when the tide turns", "1741564800", "2025/03/10"]
    feed = tmp_path / "feed.jsonl"
    records = [{"text": f"{STORY} Update {k}.", "published": date} for k, date in enumerate(dates)]
    feed.write_text("".join(json.dumps(record) + "\n" for record in records))
    said = run("fold", str(feed), "--format", "json", "--no-extract")
    assert said.stderr.splitlines() == [
        f"newsfold: WARNING: {feed}:2: publication date 'when the tide turns' not understood (a day of the years 1600"
        " to 2199); the text's own is taken, if any"
    ]
    published = [a["published"] for a in json.loads(said.stdout)["articles"]]
    assert published == ["2025-03-10", None, "2025-03-10", "2025-03-10"]  # 1741564800: 2025-03-10 00:00 UTC
    assert run("-q", "fold", str(feed), "--no-extract").stderr == ""


MILL_FIRE = (
    "Fire crews in Tarrow fought a blaze at the Brannock paper mill through Tuesday night, and the town's mayor said"
    " no one was hurt.\n\nThe fire started in a storage hall of the Brannock mill shortly after nine in the evening,"
    " according to the Tarrow fire brigade.\n\nSmoke from the paper mill drifted over the river, and residents of the"
    " Tarrow old town were told to keep their windows shut.\n",
    "A fire destroyed a storage hall at the Brannock paper mill in Tarrow on Tuesday night, the fire brigade said on"
    " Wednesday.\n\nAbout 60 firefighters worked through the night to stop the blaze at the Brannock mill from"
    " spreading to the main building.\n\nThe mill's owner, Hallam Papers, said production would stop for at least a"
    " week while engineers checked the machines.\n",
)


def test_articles_that_name_no_outlet_are_each_an_unnamed_source_of_their_own(tmp_path):
    # Before, they were one outlet called "unknown", which carried both stories.
    for name, text in zip("ab", MILL_FIRE, strict=True):
        (tmp_path / f"{name}.txt").write_text(text)
    (event,) = json.loads(run("fold", str(tmp_path), "--format", "json").stdout)["events"]
    assert [(s["name"], s["articles"]) for s in event["sources"]] == [(None, ["a"]), (None, ["b"])]
    assert event["sources"][1]["unique"][0].startswith("About 60 firefighters")
    text = run("fold", str(tmp_path)).stdout
    assert "an unnamed outlet [2]: About 60 firefighters worked through the night" in text


def test_fold_and_add_at_a_terminal_show_their_bar_and_work(tmp_path, sample_dir):
    # tqdm raises when a bar of no total is tested for truth: at a terminal, every fold and
    # add ended in a TypeError (tests, with stderr a pipe, never drew a bar).
    import fcntl  # noqa: PLC0415
    import os  # noqa: PLC0415
    import pty  # noqa: PLC0415
    import struct  # noqa: PLC0415
    import termios  # noqa: PLC0415
    import threading  # noqa: PLC0415

    def read_all(fd: int, into: list[bytes]) -> None:
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the terminal's other end is closed
                return
            if not chunk:
                return
            into.append(chunk)

    store = str(tmp_path / "news.db")
    for command in (["fold", str(sample_dir), "--no-extract"], ["add", str(sample_dir), "--db", store]):
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # else 0 columns wide
        shown: list[bytes] = []
        reader = threading.Thread(target=read_all, args=(leader, shown), daemon=True)
        reader.start()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "newsfold", *command], stdout=subprocess.PIPE, stderr=follower, timeout=300
            )
        finally:
            os.close(follower)
            reader.join(timeout=10)
            os.close(leader)
        said = b"".join(shown).decode(errors="replace")
        assert done.returncode == 0, said
        assert "reading" in said and "Traceback" not in said


def test_ctrl_c_during_add_ends_it_quietly_with_status_130_and_keeps_what_was_committed(tmp_path, sample_dir):
    # Ctrl-C reaches every process of the command. Workers used to die mid-job with their own
    # tracebacks, which could leave the pool's shutdown waiting for ever.
    import os  # noqa: PLC0415
    import signal  # noqa: PLC0415
    import time  # noqa: PLC0415

    texts = [p.read_text() for p in sorted(sample_dir.glob("*vote*.txt"))]
    feed = tmp_path / "feed.jsonl"
    with feed.open("w") as out:
        for k in range(6000):
            out.write(json.dumps({"text": f"{texts[k % len(texts)]}\n\nCorrection {k}: figures revised."}) + "\n")
    db = tmp_path / "news.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "newsfold", "add", str(feed), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job is
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:  # until a batch is committed
        if db.exists() and _count(db, "articles"):
            break
        time.sleep(0.2)
    assert process.poll() is None, "add ended before it could be interrupted: give it more to do"
    os.killpg(process.pid, signal.SIGINT)
    _, said = process.communicate(timeout=60)
    assert process.returncode == 130, said.decode()
    assert said.decode().endswith("Interrupted.\n") and b"Traceback" not in said
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert _count(db, "articles") % 500 == 0  # whole batches only


def test_a_worker_process_that_dies_ends_add_in_one_line_and_the_next_add_summarises_what_was_stored(tmp_path):
    # A worker killed mid-build (by the kernel, for lack of memory, say) breaks the pool; add
    # used to go on storing a feed with no summaries. sitecustomize runs in every process of
    # the command, its workers too, and kills the worker that builds the harbour's event.
    import os  # noqa: PLC0415

    from newsfold.parallel import pool_size  # noqa: PLC0415

    if pool_size(0) < 2:
        pytest.skip("one core: add builds every summary in its own process, with no worker to kill")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import multiprocessing, os\n"
        "import newsfold.store.early as early\n"
        "build_event = early.build_event\n"
        "def killed_for_the_harbour(rows, noted, settings):\n"
        "    if multiprocessing.parent_process() and any('Quillon' in row[1] for row in rows):\n"
        "        os._exit(1)\n"
        "    return build_event(rows, noted, settings)\n"
        "early.build_event = killed_for_the_harbour\n"
    )
    syllables = "ba ce di fo gu ha ke li mo nu pa re si to vu za".split()
    names = [a + b + c for a in syllables for b in syllables[3:] for c in syllables[7:]][::7][:150]
    feed = tmp_path / "feed.jsonl"
    with feed.open("w") as out:  # 150 small events, so that the summaries are built in workers
        for k, name in enumerate(names):
            text = " ".join(
                f"The council of {name.title()} said the {name} road would open in week {w}." for w in range(6)
            )
            out.write(json.dumps({"id": f"council-{k}", "text": text}) + "\n")
        harbour = "The harbour of Quillon reopened on Monday after the storm, the port authority said."
        out.write(json.dumps({"id": "harbour", "text": f"{harbour} Ferries will run again from Tuesday."}) + "\n")
    db = tmp_path / "news.db"
    command = [sys.executable, "-m", "newsfold", "add", str(feed), "--db", str(db), "--batch", "50"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))}
    killed = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert killed.returncode == 1, killed.stderr
    assert killed.stderr.startswith("Error: a worker process died (") and "Traceback" not in killed.stderr
    assert killed.stderr.endswith("; the batches stored before stay\n")
    assert _count(db, "articles") == 151
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT COUNT(*) FROM events WHERE stale = 1").fetchone()[0] >= 1
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "0 new articles, 151 already stored, 0 rejected;" in again.stderr
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT COUNT(*) FROM events WHERE stale = 1").fetchone()[0] == 0


def test_ctrl_c_while_the_command_line_loads_ends_it_without_a_traceback():
    # Loading numpy, scipy and the pipeline takes about half a second: Ctrl-C then printed
    # a traceback and the process died of the signal.
    import os  # noqa: PLC0415
    import signal  # noqa: PLC0415
    import time  # noqa: PLC0415

    scripts = Path(sys.executable).parent
    for command in ([scripts / "newsfold", "fold"], [sys.executable, "-m", "newsfold", "fold"]):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(0.15)  # Python is up (its own Ctrl-C handling is in place), newsfold not yet loaded
        os.killpg(process.pid, signal.SIGINT)
        _, said = process.communicate(timeout=60)
        assert process.returncode == 130, said.decode()
        assert said.decode().endswith("Interrupted.\n") and b"Traceback" not in said


def test_add_from_a_live_feed_stores_and_summarises_what_has_come_when_the_feed_pauses(tmp_path, sample_dir):
    # `tail -f feed.jsonl | newsfold add -`: inputs were stored 50 at a time and summarised only
    # when the input ended, so a quiet feed showed nothing for hours.
    records = _records(sample_dir)
    first = records[:2]  # the flood wire story and its reprint: one event
    db = tmp_path / "news.db"
    with _live_add(db) as process:
        _send(process, first)
        assert _wait_for_summaries(db, process) == 1
        assert _count(db, "articles") == 2
        # A burst of more than one chunk of inputs starts the worker processes, and then each
        # pause must still be stored as it comes: the main thread waited on the input's lock.
        burst = [json.dumps({"text": f"{json.loads(r)['text']}\n\nCorrection {k}."}) for k, r in enumerate(records * 6)]
        _send(process, burst)
        assert _wait_for_articles(db, process, 2 + len(burst)) == 2 + len(burst)
        for k, record in enumerate(records[2:5], start=3 + len(burst)):
            _send(process, [record])
            assert _wait_for_articles(db, process, k) == k
        _send(process, records[5:])
        process.stdin.close()
        assert process.wait(timeout=300) == 0, process.stderr.read()
        said = process.stderr.read()
    assert said.startswith(f"{len(records) + len(burst)} new articles, 0 already stored, 0 rejected")
    assert _count(db, "articles") == len(records) + len(burst)
    assert _summarised(db) == _count(db, "events")  # all summarised, at the end


def test_ctrl_c_while_a_live_feed_is_quiet_ends_add_with_status_130(tmp_path, sample_dir):
    # The feed is read on a thread that waits for input; Python's shutdown used to wait for
    # stdin's lock and abort ("Fatal Python error: _enter_buffered_busy", status -6).
    import os  # noqa: PLC0415
    import signal  # noqa: PLC0415

    db = tmp_path / "news.db"
    with _live_add(db, start_new_session=True) as process:
        _send(process, _records(sample_dir)[:1])
        assert _wait_for_summaries(db, process) == 1
        os.killpg(process.pid, signal.SIGINT)
        assert process.wait(timeout=60) == 130
        assert process.stderr.read() == "Interrupted.\n"
    assert _count(db, "articles") == 1


def _records(sample_dir: Path) -> list[str]:
    """The sample's text articles as JSON Lines records."""
    return [json.dumps({"id": p.stem, "text": p.read_text(errors="replace")}) for p in sorted(sample_dir.glob("*.txt"))]


def _live_add(db: Path, **popen: object) -> subprocess.Popen[str]:
    """``newsfold add -`` reading a pipe that this test writes to, with a short pause."""
    command = [sys.executable, "-m", "newsfold", "add", "-", "--db", str(db), "--pause", "0.5"]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def _send(process: subprocess.Popen[str], records: list[str]) -> None:
    process.stdin.write("".join(f"{r}\n" for r in records))
    process.stdin.flush()


def _wait_for_summaries(db: Path, process: subprocess.Popen[str]) -> int:
    """The events summarised in ``db`` once there are any, the add still reading its input."""
    import time  # noqa: PLC0415

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _summarised(db):
        time.sleep(0.2)
    assert process.poll() is None  # still waiting for more input
    return _summarised(db)


def _wait_for_articles(db: Path, process: subprocess.Popen[str], wanted: int) -> int:
    """The articles in ``db`` once there are ``wanted`` (or a minute has passed), the add still
    reading its input."""
    import time  # noqa: PLC0415

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _count(db, "articles") < wanted:
        time.sleep(0.2)
    assert process.poll() is None  # still waiting for more input
    return _count(db, "articles")


def _summarised(db: Path) -> int:
    query = "SELECT COUNT(*) FROM events WHERE stale = 0 AND record IS NOT NULL"
    with closing(sqlite3.connect(db, timeout=30)) as connection:
        try:
            return connection.execute(query).fetchone()[0]
        except sqlite3.OperationalError:  # not made yet
            return 0


def _count(db: Path, table: str) -> int:
    with closing(sqlite3.connect(db, timeout=30)) as connection:
        try:
            return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        except sqlite3.OperationalError:  # not made yet
            return 0


@pytest.mark.parametrize("command", [["events"], ["export"], ["rejected"], ["show", "e-1234567890"]])
def test_reading_a_store_that_is_not_there_says_so_and_makes_none(tmp_path, command):
    # Before, a mistyped name read as an empty store (exit 0) and left a new empty file.
    db = tmp_path / "typo.db"
    result = run(*command, "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == f"Error: no store {db}: `newsfold add PATHS --db {db}` makes one\n"
    assert not db.exists()


@pytest.mark.parametrize("command", [["events"], ["export"], ["rejected"], ["show", "e-1234567890"]])
def test_reading_an_empty_file_or_another_programs_database_makes_no_store_in_it(tmp_path, command):
    # A probe: "events --db empty.db" made a store's tables in the empty file (exit 0).
    empty = tmp_path / "empty.db"
    empty.touch()
    result = run(*command, "--db", str(empty))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {empty} holds no newsfold store: `newsfold add PATHS --db {empty}` makes one\n"
    assert empty.stat().st_size == 0
    _refused_as_another_programs(tmp_path, command)


def test_add_makes_no_store_in_another_programs_database(tmp_path):
    # A probe: "add --db app.db" wrote newsfold's nine tables into the application's database
    # and set it to WAL (exit 0)
    (tmp_path / "story.txt").write_text(STORY)
    _refused_as_another_programs(tmp_path, ["add", str(tmp_path / "story.txt")])


def _refused_as_another_programs(tmp_path: Path, command: list[str]) -> None:
    """``command`` refuses two databases of other programs, leaving them as they were: one
    whose tables are none of newsfold's, and one with a table named as newsfold's ``meta`` is
    (a probe: read as a store, it failed with "table meta already exists" and was set to WAL)."""
    for name, tables in (("notes.db", ["notes"]), ("app.db", ["meta", "users"])):
        db = tmp_path / name
        with closing(sqlite3.connect(db)) as connection:
            for table in tables:
                connection.execute(f"CREATE TABLE {table} (key TEXT, value TEXT)")
            connection.execute(f"INSERT INTO {tables[0]} VALUES ('owner', 'the shop')")
            connection.commit()
        before = db.read_bytes()
        result = run(*command, "--db", str(db))
        assert result.exit_code == 1
        named = ", ".join(tables)
        assert result.stderr == f"Error: {db} is another program's database (tables {named}), not a newsfold store\n"
        assert db.read_bytes() == before  # not even its journal mode
    assert {p.name for p in tmp_path.iterdir()} <= {"empty.db", "notes.db", "app.db", "story.txt"}  # no journal


def test_a_store_whose_schema_version_is_damaged_or_newer_is_named_in_one_line(tmp_path, sample_dir):
    from newsfold.store.schema import LATEST  # noqa: PLC0415

    db = tmp_path / "news.db"
    assert run("add", str(sample_dir / "15_courier-shipwreck.txt"), "--db", str(db)).exit_code == 0
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("UPDATE meta SET value = 'abc' WHERE key = 'schema_version'")
        connection.commit()
    for command in (["events"], ["add", str(sample_dir / "14_herald-strike.txt")]):
        result = run(*command, "--db", str(db))
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: cannot open the store {db}: its schema version is 'abc', not a number: the store is damaged\n"
        )
    # one from a newer newsfold is named too (the message said "this store" without naming it)
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        connection.commit()
    result = run("events", "--db", str(db))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: cannot open the store {db}: this store has schema version 99, newer than this newsfold knows"
        f" ({LATEST}): upgrade newsfold\n",
    )


def test_quiet_add_writes_nothing_but_errors_and_a_record_cut_short_is_called_so(tmp_path, sample_dir):
    # A probe: -q still printed add's "N new articles" line, and a JSON Lines record cut off
    # inside its text was "Invalid control character" (its line end), not what it is.
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "broken", "text": "Flood waters rose overnight in\n')
    db = str(tmp_path / "news.db")
    quiet = run("-q", "add", str(sample_dir / "15_courier-shipwreck.txt"), "--db", db)
    assert quiet.exit_code == 0 and quiet.stderr == ""
    said = run("add", str(feed), str(sample_dir / "15_courier-shipwreck.txt"), "--db", db).stderr
    assert f"rejected {feed}:1: not valid JSON: Unterminated string" in said
    assert "0 new articles, 1 already stored, 1 rejected" in said


def test_show_of_an_event_an_add_has_not_summarised_yet_says_so_and_gives_its_date(tmp_path, sample_dir):
    # As an interrupted add leaves it. Before: an empty headline, "date unknown" and "no
    # sentence fits the budget".
    from newsfold.config import Settings  # noqa: PLC0415
    from newsfold.pipeline import read_articles  # noqa: PLC0415
    from newsfold.store import open_store  # noqa: PLC0415

    db = str(tmp_path / "news.db")
    articles, _ = read_articles([str(sample_dir / "15_courier-shipwreck.txt")], Settings())
    with open_store(db) as store:
        store.add_articles(articles, refresh=False)
        (event,) = store.events()
    assert run("events", "--db", db).stdout == (
        f"{event.id}\t2025-03-14\t1\t1\t(not summarised yet: the next add summarises it)\n"
    )
    shown = run("show", event.id, "--db", db, "--no-extract").stdout
    assert "\n[1] (not summarised yet)\n    2025-03-14 · 1 article in 1 story" in shown
    assert "(no summary yet: the next add summarises this event)" in shown


def test_an_add_that_waits_too_long_for_another_writer_says_so(tmp_path, sample_dir, monkeypatch):
    db = tmp_path / "news.db"
    assert run("add", str(sample_dir / "15_courier-shipwreck.txt"), "--db", str(db)).exit_code == 0
    monkeypatch.setattr("newsfold.store.sqlite.BUSY_SECONDS", 0.2)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another add's transaction
    try:
        result = run("add", str(sample_dir), "--db", str(db))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: the store {db} failed: database is locked (another writer has held it for over 0.2 s)"
    )


def test_a_store_that_cannot_be_opened_says_nothing_of_batches_kept(tmp_path):
    db = tmp_path / "other.db"
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("CREATE TABLE articles (x)")  # another program's database
    (tmp_path / "a.txt").write_text(STORY)
    result = run("add", str(tmp_path / "a.txt"), "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {db} is another program's database (tables articles), not a newsfold store\n"


def test_a_postgresql_store_that_cannot_be_reached_is_named_on_one_line_without_its_password():
    pytest.importorskip("psycopg")
    result = run("events", "--db", "postgresql://ana:s3cret@127.0.0.1:1/news")  # nothing listens on port 1
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot open the PostgreSQL store postgresql://ana@127.0.0.1:1/news: ")
    assert result.stderr.count("\n") == 1 and "s3cret" not in result.stderr


def test_a_postgresql_database_of_another_program_is_refused_and_left_as_it_was(postgres_target, tmp_path):
    # Only SQLite files were looked at: `add --db postgresql://...` wrote newsfold's tables
    # beside an application's.
    import psycopg  # noqa: PLC0415

    with psycopg.connect(postgres_target, autocommit=True) as connection:
        connection.execute("CREATE TABLE customers (name TEXT)")
        connection.execute("CREATE VIEW vip AS SELECT name FROM customers")
        connection.execute("INSERT INTO customers VALUES ('the shop')")
    (tmp_path / "story.txt").write_text(STORY)
    for command in (["add", str(tmp_path / "story.txt")], ["events"]):
        result = run(*command, "--db", postgres_target)
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: {postgres_target} is another program's database (tables customers, vip), not a newsfold store\n"
        )
    with psycopg.connect(postgres_target) as connection:
        tables = connection.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        assert sorted(name for (name,) in tables) == ["customers", "vip"]
        assert connection.execute("SELECT name FROM customers").fetchall() == [("the shop",)]


def test_out_never_writes_over_what_the_command_reads(tmp_path, sample_dir):
    # `export --out` naming the store wrote the JSON over it (the store was lost), and `fold
    # --out` naming an input wrote the events over the article.
    db = tmp_path / "news.db"
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    assert run("add", str(story), "--db", str(db)).exit_code == 0
    stored, written = db.read_bytes(), story.read_text()
    same_store = tmp_path / "." / "news.db"  # the same file, named otherwise
    for command, reads, what in (
        (["export", "--db", str(db), "--out", str(same_store)], same_store, "the store"),
        (["fold", str(story), "--out", str(story)], story, "an input"),
        (["summarize", str(sample_dir), str(story), "--out", str(story)], story, "an input"),
    ):
        result = run(*command)
        assert result.exit_code == 2
        assert f"--out {reads} is {what}: it would be written over" in result.stderr
    assert db.read_bytes() == stored and story.read_text() == written
    assert run("events", "--db", str(db)).exit_code == 0
    # A review: written into a folder it reads, the next run folded the events in as an article.
    result = run("fold", str(tmp_path), "--out", str(tmp_path / "events.txt"))
    assert result.exit_code == 2
    assert (
        f"--out {tmp_path / 'events.txt'} is in {tmp_path}, which is read: the next run would fold it in"
        in result.stderr
    )
    assert not (tmp_path / "events.txt").exists()
    assert run("fold", str(tmp_path), "--out", str(tmp_path / "events.json"), "--format", "json").exit_code == 0


def test_a_command_started_with_stdout_or_stderr_closed_writes_what_it_can(tmp_path):
    # A helper's probe: `fold --out f >&-` ended in a traceback and wrote nothing (HiGHS's
    # guard flushed a stdout that was None), `add >&-` stored every event unsummarised, and
    # `add 2>&-` (the progress bar asked a None stderr) stored nothing.
    story = tmp_path / "story.txt"
    story.write_text(STORY)

    def closed(stream: str, *args: str) -> subprocess.CompletedProcess:
        script = f'exec "$0" -m newsfold "$@" {stream}>&-'
        return subprocess.run(["sh", "-c", script, sys.executable, *args], capture_output=True, text=True)

    out = tmp_path / "events.txt"
    assert closed("", "fold", str(story), "--out", str(out)).returncode == 0
    assert "Lindqvist" in out.read_text()
    refused = closed("", "fold", str(story))
    assert (refused.returncode, refused.stderr) == (1, "Error: the standard output is closed: give --out FILE\n")
    for stream in ("", "2"):
        db = str(tmp_path / f"news{stream}.db")
        assert closed(stream, "add", str(story), "--db", db).returncode == 0
        listed = run("events", "--db", db).stdout.splitlines()
        assert len(listed) == 1 and listed[0].endswith(
            "\tThe port of Lindqvist closed after dockworkers walked out over pay"
        )


@pytest.fixture
def read_only_mount(tmp_path):
    """A folder that is a tmpfs mount, to be made read-only (root and mount(8) needed)."""
    folder = tmp_path / "mount"
    folder.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(folder)], capture_output=True).returncode
    ):
        pytest.skip("cannot mount a tmpfs here")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_store_on_a_read_only_mount_can_be_read(read_only_mount):
    # A helper's probe: events, show, export and rejected refused it ("SQLite must be able to
    # make s.db-wal beside it"); a reader need not write.
    db = str(read_only_mount / "news.db")
    story = read_only_mount / "story.txt"
    story.write_text(STORY)
    assert run("add", str(story), "--db", db).exit_code == 0
    listed = run("events", "--db", db).stdout
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    assert run("events", "--db", db).stdout == listed
    assert run("export", "--db", db).exit_code == 0
    assert run("rejected", "--db", db).exit_code == 0
    event = listed.split("\t")[0]
    assert "Lindqvist" in run("show", event, "--db", db, "--no-extract").stdout
    added = run("add", str(story), "--db", db)  # a writer is told why it cannot
    assert added.exit_code == 1 and "SQLite must be able to make" in added.stderr


@pytest.mark.parametrize("out", ["story.txt", "/dev/stdin"])
def test_out_never_writes_over_the_file_the_standard_input_reads(tmp_path, out):
    # A helper's probe: `summarize - --out in.txt < in.txt` wrote the summary over the article.
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    with story.open() as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "newsfold", "summarize", "-", "--out", out],
            stdin=stdin,
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
    assert done.returncode == 2
    assert f"--out {out} is the standard input: it would be written over" in done.stderr
    assert story.read_text() == STORY
    # From a pipe, --out may name any file.
    piped = subprocess.run(
        [sys.executable, "-m", "newsfold", "summarize", "-", "--out", "summary.txt"],
        input=STORY,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert piped.returncode == 0 and (tmp_path / "summary.txt").exists()


@pytest.mark.parametrize(
    ("options", "said"),
    [
        # taken for a file's name: "no store mysql://x: `newsfold add PATHS --db mysql://x` makes one"
        (["events", "--db", "mysql://ana:pw@db/news"], "mysql://ana@db/news is no store: a store is a SQLite file"),
        # "nan" passed the range's comparisons and turned a live feed's pauses off
        (["add", "-", "--pause", "nan"], "nan is not a number of seconds"),
    ],
)
def test_a_store_that_is_no_store_and_a_pause_that_is_no_number_are_usage_errors(options, said):
    result = run(*options)
    assert result.exit_code == 2 and said in result.stderr


def test_an_event_without_a_summary_says_why(tmp_path, sample_dir):
    # "no sentence fits the budget" was said also of an event none of whose sentences can be one.
    wire = sample_dir / "01_meridian-flood-wire.txt"
    assert "(no summary: no sentence fits the budget)" in run("summarize", str(wire), "--words", "10").stdout
    notes = tmp_path / "notes.txt"
    notes.write_text("Flood update\n\nRiver falling.\n\nRoads open.\n\nMore soon?\n")
    said = run("summarize", str(notes), "--no-extract").stdout
    assert "(no summary: no sentence stands alone: 10 to 60 words, a statement that opens with a capital" in said
