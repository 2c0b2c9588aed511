"""Find input files and read each into RawArticle records, streaming, never raising.

Every unusable input becomes a Rejection naming the path (and line for JSON Lines), so one
bad file never stops a run.
"""

from __future__ import annotations

import codecs
import enum
import json
import logging
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from pathlib import Path
from typing import BinaryIO, Literal, overload

from newsfold.config import IngestSettings
from newsfold.ingest.decode import DecodeError, binary_kind, decode, looks_utf16
from newsfold.ingest.pauses import Pause, with_pauses
from newsfold.types import RawArticle, Rejection

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
NOT_YET = frozenset({".json", ".xml", ".rss", ".atom", ".warc", ".arc"})
"""News containers newsfold does not read yet: named in a rejection, not skipped in silence
(nor, named on the command line, read as one text)."""

Item = RawArticle | Rejection

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""JSON may escape half of a UTF-16 pair ("\\ud800"): not a character, and not writable as UTF-8."""


@overload
def read_inputs(
    paths: Iterable[str], settings: IngestSettings | None = None, *, pauses: Literal[False] = False
) -> Iterator[Item]: ...
@overload
def read_inputs(
    paths: Iterable[str], settings: IngestSettings | None = None, *, pauses: bool
) -> Iterator[Item | Pause]: ...
def read_inputs(
    paths: Iterable[str], settings: IngestSettings | None = None, *, pauses: bool = False
) -> Iterator[Item | Pause]:
    """Yield a RawArticle or a Rejection for every article-sized input under ``paths``.

    Args:
        paths: files, folders (read recursively, in sorted order) or ``-`` for stdin (read
            once, however often it is named: a second read would find it empty).
        settings: size limits, and how long a pause in a live feed is.
        pauses: mark the pauses of stdin with PAUSE, when it is a live feed (a pipe or a
            terminal, not a file): see :func:`newsfold.ingest.pauses.with_pauses`.

    Yields:
        RawArticle for each usable document, Rejection for each unusable one.
    """
    settings = settings or IngestSettings()
    stdin_read = False
    files: set[tuple[int, int]] = set()  # (device, inode) of every file read
    for name in paths:
        if name == "-":
            if not stdin_read:
                items = _read_stdin(settings)
                if pauses and not _stdin_is_a_file():
                    yield from with_pauses(items, settings.pause, settings.longest_wait)
                else:
                    yield from items
            stdin_read = True
            continue
        path = Path(name)
        if path.is_dir():
            for found in _walk(path):
                if isinstance(found, Rejection):
                    yield found
                elif _first_time(found, files):
                    yield from read_file(found, settings)
        elif path.exists() or path.is_symlink():
            if _first_time(path, files):
                yield from read_file(path, settings, explicit=True)
        else:
            yield Rejection(shown(path), "no such file or folder")


def _first_time(path: Path, files: set[tuple[int, int]]) -> bool:
    """Whether the file at ``path`` is not among ``files`` (which it joins): a file named twice,
    inside a folder named too or reached again through a link, is one article, read once."""
    try:
        info = path.stat()
    except OSError:
        return True  # reading it will say what is wrong
    if not stat.S_ISREG(info.st_mode):
        return True  # a pipe or device: what it gives is not the same twice
    key = (info.st_dev, info.st_ino)
    if key in files:
        return False
    files.add(key)
    return True


def _walk(folder: Path) -> Iterator[Path | Rejection]:
    """The files of ``folder`` and its subfolders, in sorted order, following links to folders
    (each folder once, so a link loop ends); a folder that cannot be read is a rejection."""
    unreadable: list[OSError] = []
    seen: set[tuple[int, int]] = set()
    skipped: Counter[str] = Counter()
    for root, dirs, files in os.walk(folder, onerror=unreadable.append, followlinks=True):
        yield from _unreadable_folders(unreadable, root)
        try:
            here = os.stat(root)
        except OSError:
            continue
        if (here.st_dev, here.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((here.st_dev, here.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in SUPPORTED | NOT_YET:
                yield Path(root) / name
            elif (kind := _maybe_articles(name)) is not None:
                skipped[kind] += 1
    yield from _unreadable_folders(unreadable, folder)
    if skipped:
        commonest = sorted(skipped.items(), key=lambda kind_count: (-kind_count[1], kind_count[0]))[:5]
        kinds = ", ".join(f"{kind} {n:,}" for kind, n in commonest)
        log.warning(
            "%s: %s not read (%s): articles are read from .txt, .html and .jsonl files; decompress"
            " archives first (a file named on the command line is read whatever its name)",
            shown(folder),
            f"{skipped.total():,} file" + ("s" if skipped.total() > 1 else ""),
            kinds + (", ..." if len(skipped) > 5 else ""),
        )


PROJECT_FILES = frozenset("readme license licence copying notice authors changelog contributing makefile".split())
"""Files with no suffix that a folder of articles often holds beside them, and are none."""
ARCHIVE_SUFFIXES = frozenset({".gz", ".bz2", ".xz", ".zst", ".zip", ".tgz", ".tar", ".7z"})
PAGE_SUFFIXES = frozenset({".shtml", ".shtm", ".php", ".asp", ".aspx", ".jsp", ".cfm"})
"""Names a crawl or a site's mirror gives pages and feeds, which a folder's reading skips."""


def _maybe_articles(name: str) -> str | None:
    """The kind of a file found in a folder that is not read but may hold articles (a
    compressed page or feed, a page saved under its server's name, a file with no suffix),
    to be counted in a warning; None for others (a README, an image), skipped in silence."""
    suffix = Path(name.split("?", 1)[0]).suffix.lower()
    if not suffix:
        return None if name.lower() in PROJECT_FILES else "no suffix"
    return suffix if suffix in ARCHIVE_SUFFIXES | PAGE_SUFFIXES else None


def _unreadable_folders(errors: list[OSError], where: Path | str) -> Iterator[Rejection]:
    """A rejection for each folder os.walk could not read (taken off the list as it goes)."""
    while errors:
        error = errors.pop(0)
        yield Rejection(shown(error.filename or where), f"folder cannot be read: {error.strerror or error}")


def shown(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8
    (which Python carries as lone surrogates) become U+FFFD, control characters escapes."""
    return printable(os.fsencode(path).decode("utf-8", "replace"))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def printable(name: str) -> str:
    """A name (a path, an id) with each control character written as its escape ("\\n",
    "\\x1b", "\\u202e"): written raw to a terminal, "\x1b[2J" in a file name or a JSON id would
    clear the screen, "\x1b]0;..." set its title, and a right-to-left override (U+202E) turn
    the rest of its line round."""
    return _CONTROL.sub(lambda m: _ESCAPES.get(m.group(0)) or _escape(m.group(0)), name)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def read_file(path: Path, settings: IngestSettings, *, explicit: bool = False) -> Iterator[Item]:
    """Read one file by its suffix; an unknown suffix is read as plain text when named explicitly.
    Found in a folder, only regular files are read (not pipes or devices, which may never end)."""
    suffix = path.suffix.lower()
    if suffix in NOT_YET:
        yield Rejection(shown(path), f"{suffix} files are not read yet: give articles as .txt, .html or .jsonl")
        return
    if suffix not in SUPPORTED and not explicit:
        return
    try:
        if not explicit and not stat.S_ISREG(path.stat().st_mode):
            yield Rejection(shown(path), "not a regular file (a pipe, socket or device)")
            return
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, shown(path), shown(path.stem), settings)
            return
        if suffix not in SUPPORTED:  # named, but not by its kind: JSON Lines if it opens as stdin's do
            with path.open("rb") as stream:  # read once: it may be a pipe, `<(zcat feed.jsonl.gz)`
                if _first_byte(stream) == b"{":
                    yield from _read_jsonl(stream, shown(path), shown(path.stem), settings)
                else:
                    yield _read_document(path, settings, stream)
            return
        yield _read_document(path, settings)
    except OSError as exc:
        yield Rejection(shown(path), f"cannot be read: {exc.strerror or exc}")


def _read_document(path: Path, settings: IngestSettings, opened: BinaryIO | None = None) -> Item:
    """One document from ``path`` (from ``opened``, its stream, when it is open already)."""
    limit = settings.max_article_bytes
    size = path.stat().st_size
    data = b""
    if size <= limit:
        with nullcontext(opened) if opened else path.open("rb") as stream:
            data = stream.read(limit + 1)  # no more: a pipe or a device has no size to check first
    if size > limit or len(data) > limit:
        shown_size = f"{size / 1e6:.1f} MB" if size > limit else f"over {limit / 1e6:.1f} MB"
        return Rejection(
            shown(path),
            f"too large for one article ({shown_size}, limit {limit / 1e6:.1f} MB); put many articles in a .jsonl file",
        )
    return _document(data, shown(path), shown(path.stem), _format_of(path.suffix.lower()))


def _document(data: bytes, path: str, article_id: str, fmt: str | None, line: int | None = None) -> Item:
    """One document's bytes decoded; ``fmt`` None: told from the text (HTML or plain text)."""
    if not data.strip():
        return Rejection(path, "empty file" if line is None else "empty record", line)
    try:
        text = decode(data)
    except DecodeError as exc:
        return Rejection(path, str(exc), line)
    if not text.strip():
        return Rejection(path, "no text after decoding", line)
    fmt = fmt or ("html" if looks_like_html(text) else "text")
    return RawArticle(id=article_id, path=path, content=text, format=fmt, line=line)


def _format_of(suffix: str) -> str | None:
    """HTML when a file's suffix says so, else None: to be told from its text. A page saved
    as ".txt" is a page (its markup was folded as words: "falling volumes.</p> <p>“We...")."""
    return "html" if suffix in HTML_SUFFIXES else None


_BLOCK = re.compile(
    r"<(?P<name>p|div|article|section|main|header|footer|nav|aside|h[1-6]|table|ul|ol|figure|blockquote|center|time)"
    r"[\s>]"
)
"""A block of a page that a fragment of one opens with ("<article><p>..."); it counts only when
its closing tag follows, as a line of text like "<Title page removed>" has none."""
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)


def looks_like_html(text: str) -> bool:
    """Markup, not text: after any byte-order mark, white space and comments, it opens with a
    doctype, <html> or an XML declaration, or with a block element that is closed later, or
    with a tag and has an <html>, <head> or <body> early on (after a long <style>)."""
    head = text[:65_536].lstrip("\ufeff\u00a0 \t\r\n").lower()
    while head.startswith("<!--") and (comment := _COMMENT.match(head)):
        head = head[comment.end() :]
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    if (block := _BLOCK.match(head)) and f"</{block['name']}>" in head:
        return True
    return head.startswith("<") and any(tag in head for tag in ("<html", "<head", "<body"))


def _read_stdin(settings: IngestSettings) -> Iterator[Item]:
    if sys.stdin is None:  # started with stdin closed (<&-)
        yield Rejection("<stdin>", "stdin is closed")
        return
    try:
        with _stdin_bytes() as stream:
            yield from _read_stream(stream, "<stdin>", "stdin", settings)
    except OSError as exc:  # open for writing only, say
        yield Rejection("<stdin>", f"cannot be read: {exc.strerror or exc}")


def _stdin_is_a_file() -> bool:
    """Whether stdin is a regular file (``< feed.jsonl``): all there, with no pauses to wait for."""
    try:
        return stat.S_ISREG(os.fstat(sys.stdin.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):  # closed, or a test's stream
        return False


def _stdin_bytes() -> AbstractContextManager[BinaryIO]:
    """Stdin's bytes, through a reader of their own when stdin is a file descriptor. A live feed
    is read on a thread that may still be waiting for input when the program ends (Ctrl-C, an
    error), and Python's shutdown would then wait for ``sys.stdin``'s lock and abort."""
    try:
        return open(sys.stdin.fileno(), "rb", closefd=False)  # noqa: SIM115 - the caller's to close
    except (OSError, ValueError):  # no descriptor: a test's stream, say
        return nullcontext(sys.stdin.buffer)


def _read_stream(stream: BinaryIO, path: str, stem: str, settings: IngestSettings) -> Iterator[Item]:
    """Stdin: JSON Lines when it opens with '{' (after any byte-order mark and blank lines),
    else one document (text or HTML)."""
    if _first_byte(stream) == b"{":
        yield from _read_jsonl(stream, path, stem, settings)
        return
    data = stream.read(settings.max_article_bytes + 1)
    if len(data) > settings.max_article_bytes:
        yield Rejection(path, "too large for one article; send JSON Lines for many articles")
        return
    yield _document(data, path, stem, None)


def _first_byte(stream: BinaryIO) -> bytes:
    """The first byte after a UTF-8 byte-order mark and blank lines, which are read past (a slow
    writer may send them alone); nothing is read beyond it."""
    if not hasattr(stream, "peek"):
        return b""
    head = stream.peek(1).removeprefix(codecs.BOM_UTF8)
    while head and not head.lstrip():
        stream.read(len(stream.peek(1)))  # only what the peek showed: all of it blank
        head = stream.peek(1)
    return head.removeprefix(codecs.BOM_UTF8).lstrip()[:1]


class _Overlong(enum.Enum):
    RECORD = enum.auto()
    ENDLESS = enum.auto()


SKIPPED_LINE_LIMITS = 20
"""An overlong record is skipped to its end, but a line twenty times the limit (100 MB) is no
record: the file is not JSON Lines (a dump, or a device that never ends a line), and the rest
of it is not read."""


def _read_jsonl(stream: BinaryIO, path: str, stem: str, settings: IngestSettings) -> Iterator[Item]:
    limit = settings.max_line_bytes
    head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
    if looks_utf16(head):  # its lines would split mid-character
        yield Rejection(path, "JSON Lines must be UTF-8, and this is UTF-16: convert it first", 1)
        return
    if kind := binary_kind(head):  # one rejection for the file, not one per stretch between newline bytes
        yield Rejection(path, f"not JSON Lines: binary file ({kind})", 1)
        return
    read = False  # a record, or a line too long to be one
    for number, raw in enumerate(_lines(stream, limit), start=1):
        if raw is _Overlong.RECORD:
            yield Rejection(path, f"record longer than {limit:,} bytes", number)
        elif raw is _Overlong.ENDLESS:
            longest = SKIPPED_LINE_LIMITS * limit
            yield Rejection(path, f"a line runs past {longest:,} bytes: not JSON Lines; the rest is not read", number)
            return
        elif raw.strip():
            yield _record(raw, path, f"{stem}:{number}", number)
        else:
            continue  # a blank line
        read = True
    if not read:
        yield Rejection(path, "empty file")  # as an empty .txt is named


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | _Overlong]:
    """Yield lines of at most ``limit`` bytes, RECORD for each longer one (skipped whole), and
    ENDLESS, last, for one that goes on past SKIPPED_LINE_LIMITS times the limit."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            skipped = len(line)
            while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
                skipped += len(rest)
                if skipped > SKIPPED_LINE_LIMITS * limit:
                    yield _Overlong.ENDLESS
                    return
            yield _Overlong.RECORD
            continue
        yield line


def _record(raw: bytes, path: str, default_id: str, line: int) -> Item:
    try:
        record = json.loads(decode(raw).rstrip("\r\n"))  # a record cut short: "Unterminated string", not its line end
    except (DecodeError, ValueError) as exc:
        return Rejection(path, f"not valid JSON: {_short(exc)}", line)
    except RecursionError:
        return Rejection(path, "not valid JSON: nested too deeply", line)
    if not isinstance(record, dict):
        return Rejection(path, "a JSON Lines record must be an object", line)
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        return Rejection(path, f"'text' must be a string, not {_json_kind(text)}", line)
    if text is None:
        return Rejection(path, "record has no 'text'", line)
    if not text.strip():
        return Rejection(path, "record's 'text' is empty", line)
    text = _LONE_SURROGATE.sub("\ufffd", text)
    fmt = "html" if looks_like_html(text) else "text"
    field = partial(_field, record, f"{path}:{line}")
    return RawArticle(
        id=printable(field("id") or default_id),
        path=path,
        content=text,
        format=fmt,
        line=line,
        title=field("title"),
        source=field("source"),
        published=field("published") or field("date"),
        url=field("url"),
    )


def _json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def _field(record: dict[str, object], where: str, key: str) -> str | None:
    """A field as text (a number as written); None, said in a warning naming ``where``, for a
    list or an object."""
    value = record.get(key)
    if isinstance(value, (dict, list)):
        log.warning("%s: %r is %s, not text: left out", where, key, _json_kind(value))
        return None
    if value is None:
        return None
    text = _LONE_SURROGATE.sub("\ufffd", str(value)).strip()
    return text or None


def _short(exc: Exception) -> str:
    message = str(exc)
    return message if len(message) <= 120 else message[:117] + "..."
