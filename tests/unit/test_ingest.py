"""Ingest: files, folders, JSON Lines, stdin, and every kind of bad input."""

import codecs
import io
import json
import logging
import os
import sys
import threading
from pathlib import Path

import pytest

from newsfold.config import IngestSettings
from newsfold.ingest import read_inputs
from newsfold.types import RawArticle, Rejection

STORY = "PORTMERE (Meridian Wire) — Dockworkers walked out on Friday. The port is closed.\n"


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, Rejection)]


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden_and_other_types(tmp_path, caplog):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(STORY)
    (tmp_path / "a.htm").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / "notes.md").write_text(STORY)
    (tmp_path / "b" / "page.html.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "b" / "index").write_text(STORY)
    (tmp_path / "b" / "index.php?id=10").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "README").write_text("About this folder.")  # no article, and not counted as one (a review)
    (tmp_path / "LICENSE").write_text("Do as you please.")
    with caplog.at_level(logging.WARNING):
        articles, rejected = split(read_inputs([str(tmp_path)]))
    assert [(a.id, a.format) for a in articles] == [("a", "html"), ("2", "text")]
    assert rejected == []
    # Skipped in silence before (a mirror of .html.gz pages read as nothing at all), the files
    # that may hold articles are counted; a README is not.
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path}: 3 files not read (.gz 1, .php 1, no suffix 1): articles are read from .txt, .html and"
        " .jsonl files; decompress archives first (a file named on the command line is read whatever its name)"
    ]


def test_a_named_file_whose_name_says_nothing_is_json_lines_when_it_opens_as_json_lines(tmp_path):
    # `newsfold add <(zcat feed.jsonl.gz)` stored the feed as one article of raw JSON.
    records = [{"id": "r1", "text": STORY}, {"id": "r2", "text": STORY.replace("Friday", "Monday")}]
    feed = tmp_path / "feed"
    feed.write_text("\n" + "\n".join(json.dumps(r) for r in records) + "\n")
    articles, rejected = split(read_inputs([str(feed)]))
    assert [a.id for a in articles] == ["r1", "r2"] and rejected == []
    # A pipe that is not JSON Lines is one document, all of it (read once: it cannot be read again).
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(STORY * 3))
    writer.start()
    articles, rejected = split(read_inputs([str(fifo)]))
    writer.join()
    assert [(a.id, a.content) for a in articles] == [("pipe", STORY * 3)] and rejected == []


def test_jsonl_records_get_their_own_ids_or_stem_and_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": "x1", "text": STORY, "title": "Strike", "source": "Wire", "published": "2025-03-07", "url": "u"},
        {"text": STORY},
    ]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n\n")
    articles, rejected = split(read_inputs([str(path)]))
    assert [a.id for a in articles] == ["x1", "feed:2"]
    assert (articles[0].title, articles[0].source, articles[0].published, articles[0].url) == (
        "Strike",
        "Wire",
        "2025-03-07",
        "u",
    )
    assert articles[1].line == 2 and rejected == []


def test_malformed_jsonl_lines_are_rejected_one_by_one_and_the_rest_is_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"id": "ok1", "text": "One fine story about the port strike today."}\n'
        b'{"id": "broken", "text": "unterminated\n'
        b'["not", "an", "object"]\n'
        b'{"id": "notext", "title": "headline only"}\n'
        b'{"id": "ok2", "text": "Another fine story about the flood."}\n'
        b'{"id": "blank", "text": "  "}\n'
    )
    articles, rejected = split(read_inputs([str(path)]))
    assert [a.id for a in articles] == ["ok1", "ok2"]
    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [
        (2, "not valid JSON"),
        (3, "a JSON Lines record must be an object"),
        (4, "record has no 'text'"),
        (6, "record's 'text' is empty"),
    ]
    assert all(r.path == str(path) for r in rejected)


def test_a_field_that_is_a_list_or_an_object_is_left_out_with_a_warning_naming_its_line(tmp_path, caplog):
    # A probe: '"published": [2020, 1, 1]' and '"title": ["a", "b"]' were dropped in silence
    path = tmp_path / "feed.jsonl"
    record = {"id": {"n": 1}, "text": STORY, "title": ["Port", "strike"], "published": [2020, 1, 1], "source": 7}
    path.write_text(json.dumps(record) + "\n")
    with caplog.at_level(logging.WARNING):
        (article,), _ = split(read_inputs([str(path)]))
    assert (article.id, article.title, article.published, article.source) == ("feed:1", None, None, "7")
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}:1: 'id' is an object, not text: left out",
        f"{path}:1: 'title' is a list, not text: left out",
        f"{path}:1: 'published' is a list, not text: left out",
    ]


def test_overlong_jsonl_record_is_skipped_without_reading_it_into_memory(tmp_path):
    path = tmp_path / "feed.jsonl"
    big = json.dumps({"id": "big", "text": "word " * 1000})
    path.write_text(big + "\n" + json.dumps({"id": "small", "text": STORY}) + "\n")
    articles, rejected = split(read_inputs([str(path)], IngestSettings(max_line_bytes=1000)))
    assert [a.id for a in articles] == ["small"]
    assert rejected[0].line == 1 and "longer than" in rejected[0].reason


def test_a_line_twenty_times_the_limit_ends_the_file_which_is_not_json_lines(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(
        json.dumps({"id": "first", "text": STORY}).encode()
        + b"\n"
        + b"x" * 25_000
        + b"\n"
        + json.dumps({"id": "after", "text": STORY}).encode()
        + b"\n"
    )
    articles, rejected = split(read_inputs([str(path)], IngestSettings(max_line_bytes=1000)))
    assert [a.id for a in articles] == ["first"]
    assert [(r.line, r.reason) for r in rejected] == [
        (2, "a line runs past 20,000 bytes: not JSON Lines; the rest is not read")
    ]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_jsonl_name_for_a_device_that_never_ends_a_line_is_read_only_so_far(tmp_path):
    endless = tmp_path / "zeros.jsonl"
    endless.symlink_to("/dev/zero")
    found = []
    reader = threading.Thread(
        target=lambda: found.extend(read_inputs([str(endless)], IngestSettings(max_line_bytes=1000))),
        daemon=True,
    )
    reader.start()
    reader.join(timeout=60)
    assert not reader.is_alive(), "reading /dev/zero as JSON Lines did not end"
    assert [(type(r), r.line) for r in found] == [(Rejection, 1)]


def test_empty_file_is_rejected(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    # A helper's probe: an empty .jsonl was named nowhere ("no article could be folded").
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n")
    _, rejected = split(read_inputs([str(tmp_path)]))
    assert sorted((Path(r.path).name, r.reason) for r in rejected) == [
        ("blank.jsonl", "empty file"),
        ("blank.txt", "empty file"),
        ("empty.jsonl", "empty file"),
        ("empty.txt", "empty file"),
    ]


def test_binary_file_is_rejected_with_its_kind(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    png = tmp_path / "chart.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    _, rejected = split(read_inputs([str(tmp_path / "photo.txt"), str(png)]))
    assert [r.reason for r in rejected] == ["binary file (a PNG image), not text"] * 2


def test_undecodable_bytes_fall_back_to_cp1252(tmp_path):
    (tmp_path / "old.txt").write_bytes("The minister’s plan costs €3.5 million.".encode("cp1252"))
    articles, _ = split(read_inputs([str(tmp_path)]))
    assert articles[0].content == "The minister’s plan costs €3.5 million."


def test_huge_text_file_is_rejected_by_size_without_being_read(tmp_path):
    path = tmp_path / "dump.txt"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # a 50 MB file (sparse: costs no disk)
    _, rejected = split(read_inputs([str(path)]))
    assert "too large for one article (52.4 MB" in rejected[0].reason


def test_missing_vanished_and_unreadable_inputs_are_rejected(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # listed, but vanished
    (tmp_path / "folder.txt").mkdir()  # a name that cannot be read as a file
    (tmp_path / "ok.txt").write_text(STORY)
    articles, rejected = split(read_inputs([str(tmp_path), str(tmp_path / "absent.txt")]))
    assert [a.id for a in articles] == ["ok"]
    reasons = {os.path.basename(r.path): r.reason for r in rejected}
    assert reasons["gone.txt"].startswith("cannot be read: No such file")
    assert reasons["absent.txt"] == "no such file or folder"


def test_unreadable_file_is_rejected(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(STORY)
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: simulate the error instead
        pytest.skip("running as root: permissions are not enforced")
    _, rejected = split(read_inputs([str(path)]))
    assert rejected[0].reason.startswith("cannot be read: Permission denied")


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(STORY.encode()))))
    articles, _ = split(read_inputs(["-"]))
    assert [(a.id, a.path, a.format) for a in articles] == [("stdin", "<stdin>", "text")]
    feed = (json.dumps({"text": STORY}) + "\n" + json.dumps({"text": STORY}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(feed))))
    articles, _ = split(read_inputs(["-"]))
    assert [a.id for a in articles] == ["stdin:1", "stdin:2"]


def test_stdin_named_twice_is_read_once_and_not_called_empty(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(STORY.encode()))))
    (tmp_path / "a.txt").write_text(STORY)
    articles, rejected = split(read_inputs(["-", str(tmp_path / "a.txt"), "-"]))
    assert [a.path for a in articles] == ["<stdin>", str(tmp_path / "a.txt")]
    assert rejected == []


def test_reading_many_files_streams(tmp_path):
    for k in range(50):
        (tmp_path / f"{k:03}.txt").write_text(STORY)
    items = read_inputs([str(tmp_path)])
    first = next(items)  # a generator: nothing is read ahead
    assert first.id == "000"
    assert sum(1 for _ in items) == 49


def test_jsonl_lone_surrogates_become_replacement_characters_and_deep_nesting_is_one_bad_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "ok", "text": STORY})
    # json.dumps writes "\ud800" as the six characters of its escape, as a broken exporter would
    lone = json.dumps({"id": "half", "title": "Port \ud800 closed", "text": "Dockworkers \udc00 walked out. " * 3})
    path.write_text("\n".join([good, lone, "[" * 100_000 + "]" * 100_000, good.replace('"ok"', '"ok2"')]) + "\n")
    articles, rejected = split(read_inputs([str(path)]))
    assert [a.id for a in articles] == ["ok", "half", "ok2"]
    assert articles[1].title == "Port \ufffd closed"
    assert articles[1].content.startswith("Dockworkers \ufffd walked out.")
    articles[1].content.encode("utf-8")  # writable, as the store and the JSON output need
    assert [(r.line, r.reason) for r in rejected] == [(3, "not valid JSON: nested too deeply")]


def test_file_names_that_are_not_utf8_are_shown_with_replacement_characters(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as stream:
        stream.write(STORY.encode())
    open(os.path.join(folder, b"empty\xff.txt"), "wb").close()
    articles, rejected = split(read_inputs([str(tmp_path)]))
    assert [a.id for a in articles] == ["caf\ufffd"]
    assert articles[0].path.endswith("caf\ufffd.txt")
    assert [os.path.basename(r.path) for r in rejected] == ["empty\ufffd.txt"]
    for item in (*articles, *rejected):
        item.path.encode("utf-8")


def test_a_file_named_twice_or_reached_through_a_link_is_read_once(tmp_path):
    # Named alone after its folder, and linked from another folder: it was three articles,
    # three copies of one story (a helper's probe).
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    wire = tmp_path / "a" / "wire.txt"
    wire.write_text(STORY, encoding="utf-8")
    (tmp_path / "b" / "link.txt").symlink_to(wire)
    (tmp_path / "b" / "copy.txt").write_text(STORY, encoding="utf-8")  # another file: its own article
    articles, rejected = split(read_inputs([str(tmp_path / "a"), str(tmp_path / "b"), str(wire)]))
    assert sorted(a.id for a in articles) == ["copy", "wire"] and rejected == []


def test_control_characters_in_file_names_and_json_ids_are_shown_as_escapes(tmp_path):
    # Printed by fold's text output or `newsfold rejected`, "\x1b[2J" cleared the terminal.
    (tmp_path / "flood\x1b[2J.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty\x07.txt").write_text("", encoding="utf-8")
    record = {"id": "wire-1\x1b]0;title\x07", "text": STORY}
    # A helper's probe: a right-to-left override turned the rest of a listing's line round.
    turned = {"id": "wire-2\u202eelif", "text": STORY.replace("Friday", "Saturday")}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n" + json.dumps(turned) + "\n", encoding="utf-8")
    articles, rejected = split(read_inputs([str(tmp_path)]))
    assert sorted(a.id for a in articles) == ["flood\\x1b[2J", "wire-1\\x1b]0;title\\x07", "wire-2\\u202eelif"]
    assert [os.path.basename(r.path) for r in rejected] == ["empty\\x07.txt"]
    assert not any(ch in item.path for item in (*articles, *rejected) for ch in "\x1b\x07")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_pipes_and_devices_are_never_read_without_bound(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # in a folder: not read at all (no writer would ever come)
    (tmp_path / "ok.txt").write_text(STORY)
    articles, rejected = split(read_inputs([str(tmp_path), "/dev/zero"]))
    assert [a.id for a in articles] == ["ok"]
    reasons = {os.path.basename(r.path): r.reason for r in rejected}
    assert reasons["pipe.txt"] == "not a regular file (a pipe, socket or device)"
    # named on the command line (as `<(...)` would be), an endless one is read up to the limit
    assert reasons["zero"].startswith("too large for one article (over 5.0 MB")


@pytest.mark.parametrize("head", [b"\xef\xbb\xbf", b"\n\n", b"  \r\n"])
def test_stdin_json_lines_after_a_byte_order_mark_or_blank_lines(head):
    lines = [json.dumps({"id": f"a{k}", "text": STORY}).encode() for k in range(2)]
    stream = io.BufferedReader(io.BytesIO(head + b"\n".join(lines) + b"\n"))
    from newsfold.ingest.files import _read_stream

    articles, rejected = split(_read_stream(stream, "<stdin>", "stdin", IngestSettings()))
    assert ([a.id for a in articles], rejected) == (["a0", "a1"], [])


def test_news_containers_not_read_yet_are_named_not_skipped_in_silence(tmp_path):
    (tmp_path / "ok.txt").write_text(STORY)
    (tmp_path / "crawl.warc").write_text("WARC/1.0\r\nWARC-Type: response\r\n\r\n" + STORY)
    (tmp_path / "feed.rss").write_text("<rss><channel><item><description>x</description></item></channel></rss>")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # not news: skipped as before
    articles, rejected = split(read_inputs([str(tmp_path), str(tmp_path / "crawl.warc")]))
    assert [a.id for a in articles] == ["ok"]
    assert [(os.path.basename(r.path), r.reason) for r in rejected] == [
        ("crawl.warc", ".warc files are not read yet: give articles as .txt, .html or .jsonl"),
        ("feed.rss", ".rss files are not read yet: give articles as .txt, .html or .jsonl"),
    ]  # named again after its folder, crawl.warc is one input, named once


def test_stdin_json_lines_from_a_writer_that_sends_its_blank_lines_first():
    import threading
    import time

    from newsfold.ingest.files import _read_stream

    read_end, write_end = os.pipe()

    def writer():
        os.write(write_end, b"\xef\xbb\xbf\n")
        time.sleep(0.3)  # the reader peeks at the blank line alone
        os.write(write_end, (json.dumps({"id": "late", "text": STORY}) + "\n").encode())
        os.close(write_end)

    thread = threading.Thread(target=writer)
    thread.start()
    with os.fdopen(read_end, "rb") as stream:
        articles, rejected = split(_read_stream(stream, "<stdin>", "stdin", IngestSettings()))
    thread.join()
    assert ([a.id for a in articles], rejected) == (["late"], [])


def test_stdin_that_is_closed_or_cannot_be_read_is_one_rejection(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)  # what Python makes of a closed stdin (<&-)
    assert list(read_inputs(["-"])) == [Rejection("<stdin>", "stdin is closed")]
    unreadable = io.TextIOWrapper(io.BufferedWriter(io.FileIO(os.open(os.devnull, os.O_WRONLY), "w")))
    monkeypatch.setattr(sys, "stdin", unreadable)  # open for writing only
    (rejection,) = read_inputs(["-"])
    assert rejection.path == "<stdin>" and rejection.reason.startswith("cannot be read: ")


def test_html_on_stdin_is_known_by_its_tags_after_a_comment_and_a_long_style(monkeypatch):
    style = "<style>" + ".x { color: red; }\n" * 400 + "</style>"
    page = f"<!-- CMS --><head>{style}<title>Ferry fares rise</title></head><body><p>{STORY}</p></body>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(page.encode()))))
    (article,) = read_inputs(["-"])
    assert article.format == "html"


@pytest.mark.parametrize(
    ("data", "case"),
    [
        (codecs.BOM_UTF8 + f"<!doctype html><html><body><p>{STORY}</p></body></html>".encode(), "utf-8 bom"),
        (f"<!doctype html><html><body><p>{STORY}</p></body></html>".encode("utf-16"), "utf-16"),
        (f"<article><h1>Port closed</h1><p>{STORY}</p></article>".encode(), "fragment"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_html_on_stdin_is_known_after_a_byte_order_mark_in_utf16_and_as_a_fragment(monkeypatch, data, case):
    # All three were read as plain text: markup and form fields in the summary.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    (article,) = read_inputs(["-"])
    assert article.format == "html", case


def test_an_html_record_is_known_after_a_style_longer_than_2_kb(tmp_path):
    style = "<style>" + ".x { color: red; }\n" * 400 + "</style>"
    page = f"{style}<html><body><p>{STORY}</p></body></html>"
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": page}) + "\n")
    (article,) = read_inputs([str(tmp_path / "feed.jsonl")])
    assert article.format == "html"


def test_an_xml_declaration_names_the_encoding_of_a_page(tmp_path):
    page = (
        '<?xml version="1.0" encoding="windows-1251"?><html><body>'
        "<p>Москва объявила новые меры поддержки для семей с детьми и пенсионеров по всей стране.</p></body></html>"
    )
    (tmp_path / "ru.xhtml").write_bytes(page.encode("cp1251"))
    (article,) = read_inputs([str(tmp_path / "ru.xhtml")])
    assert article.content == page


def test_links_to_folders_are_followed_and_a_link_loop_ends(tmp_path):
    (tmp_path / "corpus" / "wire").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "corpus" / "wire" / "flood.txt").write_text(STORY)
    (tmp_path / "elsewhere" / "strike.txt").write_text(STORY.replace("Dockworkers", "Crane drivers"))
    (tmp_path / "corpus" / "more").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "corpus" / "wire" / "back").symlink_to(tmp_path / "corpus")  # a loop
    articles, rejected = split(read_inputs([str(tmp_path / "corpus")]))
    assert sorted(Path(a.path).relative_to(tmp_path / "corpus").as_posix() for a in articles) == [
        "more/strike.txt",
        "wire/flood.txt",
    ]
    assert rejected == []


def test_a_subfolder_that_cannot_be_read_is_named(tmp_path, monkeypatch):
    (tmp_path / "open").mkdir()
    (tmp_path / "locked").mkdir()
    (tmp_path / "open" / "a.txt").write_text(STORY)
    (tmp_path / "locked" / "b.txt").write_text(STORY)
    scandir = os.scandir

    def refusing(path):  # as a folder of another user's, mode 700, refuses us (root reads all)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    articles, rejected = split(read_inputs([str(tmp_path)]))
    assert [a.id for a in articles] == ["a"]
    assert rejected == [Rejection(str(tmp_path / "locked"), "folder cannot be read: Permission denied")]


@pytest.mark.parametrize(
    ("value", "kind"), [("5", "a number"), ('["a"]', "a list"), ("{}", "an object"), ("true", "true or false")]
)
def test_a_record_whose_text_is_not_a_string_says_what_it_is(tmp_path, value, kind):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": ' + value + "}\n")
    _, rejected = split(read_inputs([str(path)]))
    assert rejected == [Rejection(str(path), f"'text' must be a string, not {kind}", 1)]


@pytest.mark.parametrize(("encoding", "first"), [("utf-16", ""), ("utf-16-le", ""), ("utf-16-le", "\n")])
def test_json_lines_in_utf16_are_refused_whole_by_name(tmp_path, encoding, first):
    # Split on the byte "\n", UTF-16 lines came apart mid-character: the first was refused,
    # the others read by luck as UTF-16-BE (all of them, after a blank first line).
    path = tmp_path / "feed.jsonl"
    path.write_bytes((first + "".join(json.dumps({"text": STORY}) + "\n" for _ in range(3))).encode(encoding))
    articles, rejected = split(read_inputs([str(path)]))
    assert articles == []
    assert rejected == [Rejection(str(path), "JSON Lines must be UTF-8, and this is UTF-16: convert it first", 1)]


def test_a_compressed_file_named_as_json_lines_is_one_rejection(tmp_path):
    # A probe: a gzip archive of 3,000 records named feed.jsonl gave 456 rejections, one per
    # stretch between its newline bytes (each a row of a store's rejected list)
    import gzip  # noqa: PLC0415

    records = "".join(json.dumps({"id": f"r{k}", "text": STORY}) + "\n" for k in range(3000))
    archive = tmp_path / "feed.jsonl"
    archive.write_bytes(gzip.compress(records.encode()))
    _, rejected = split(read_inputs([str(archive)]))
    assert rejected == [Rejection(str(archive), "not JSON Lines: binary file (a gzip archive)", 1)]
    # control characters or a NUL byte in one record are that record's fault, not the file's:
    # a short file (a review: 171 bytes, refused whole for its share of control characters)
    for bad in (b'{"text": "bad\x00"}\n', b'{"id": "b", "text": "' + b"\x1b[0m" * 10 + b'"}\n'):
        small = tmp_path / "small.jsonl"
        small.write_bytes(bad + json.dumps({"id": "good", "text": STORY}).encode() + b"\n")
        articles, rejected = split(read_inputs([str(small)]))
        assert [a.id for a in articles] == ["good"] and [r.line for r in rejected] == [1]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        # Plain text that opens with something in angle brackets stays text.
        ("<Title page removed by the wire service>\n\nThe port closed on Friday.", False),
        ("<Script of the mayor's address follows>\n\nThe mayor spoke for an hour.", False),
        ("<B>ULLETIN</B> The port closed on Friday.", False),
        # Fragments of pages are markup, after comments and a non-breaking space too.
        ("<!-- wp:paragraph -->\n<p>The port closed on Friday.</p>\n<!-- /wp:paragraph -->", True),
        ("\u00a0<p>The port closed on Friday.</p>", True),
        ("<article><h1>Port closed</h1><p>The port closed on Friday.</p></article>", True),
    ],
)
def test_a_record_is_markup_when_it_opens_with_a_closed_block_not_with_any_angle_bracket(tmp_path, text, html):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": text}) + "\n")
    (article,) = read_inputs([str(tmp_path / "feed.jsonl")])
    assert (article.format == "html") is html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        # A helper's probe: a page saved as ".txt" was folded as words, its markup in the
        # summary ("falling volumes.</p> <p>“We want a deal...").
        ("<!doctype html><html><head><title>Port closed</title></head><body><p>The port closed.</p>", True),
        ("<p>The port closed on Friday.</p>\n<p>Dockworkers walked out over pay.</p>", True),
        ("<Title page removed by the wire service>\n\nThe port closed on Friday.", False),
        ("The port closed on Friday, the <b>union</b> said.", False),
    ],
)
def test_a_text_file_holding_a_page_is_read_as_one(tmp_path, text, html):
    (tmp_path / "story.txt").write_text(text)
    (article,) = read_inputs([str(tmp_path / "story.txt")])
    assert (article.format == "html") is html


def test_only_stdin_is_read_for_pauses_not_the_files_named_beside_it(monkeypatch, tmp_path):
    import time  # noqa: PLC0415

    from newsfold.ingest import files  # noqa: PLC0415
    from newsfold.ingest.pauses import PAUSE  # noqa: PLC0415

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(STORY)
    read = files.read_file

    def slow(path, settings, **kwargs):  # a network disk, say: slower than a live feed's pause
        time.sleep(0.4)
        return read(path, settings, **kwargs)

    monkeypatch.setattr(files, "read_file", slow)
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(json.dumps({"text": STORY}).encode())))
    )
    items = list(read_inputs(["-", str(tmp_path)], IngestSettings(pause=0.1), pauses=True))
    assert PAUSE not in items
    assert [i.id for i in items] == ["stdin:1", "a", "b", "c"]
