"""The command line: thin commands over library functions; data on stdout, logs on stderr."""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TextIO

import click

from newsfold import __version__, logs
from newsfold.bundled import sample_corpus
from newsfold.config import ExtractSettings, IngestSettings, Settings, SummarySettings
from newsfold.errors import NewsfoldError, said
from newsfold.ingest.files import SUPPORTED, printable
from newsfold.pipeline import fold, read_articles, summarize_articles
from newsfold.progress import progress_bar
from newsfold.render import FORMATS, escaper, summary_record, write, write_jsonl
from newsfold.store import DEFAULT, Store, database_errors, is_url, open_store, scrubbed, shown
from newsfold.store import sqlite as sqlite_backend
from newsfold.store.schema import ForeignDatabase, VersionError
from newsfold.store.store import BATCH
from newsfold.summarize.candidates import MIN_WORDS
from newsfold.types import Fold, Summary

EVERY_CORE = 0
"""``Settings.workers`` for the commands that build many events (``fold``, ``add``): this
process is the command line's own, whose main module is import-safe for worker processes."""

log = logging.getLogger("newsfold")


class _Commands(click.Group):
    """Errors newsfold reports on purpose end the command with their message (and exit status
    1), not a traceback (a store's own errors: see :func:`_store`); Ctrl-C ends it with status 130."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # Ctrl-C: what was committed stays; the shell's status for it
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except NewsfoldError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsfold")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def main(quiet: bool) -> None:
    """Fold news articles into events with attributed summaries."""
    logs.configure(logging.ERROR if quiet else logging.WARNING)


def _in_a_folder(_ctx: click.Context, _param: click.Parameter, out: str | None) -> str | None:
    """--out is checked before the work: its folder must be there."""
    if out is not None and not Path(out).parent.is_dir():
        raise click.BadParameter(f"no folder {Path(out).parent} to write {out} in")
    return out


OUT = click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    callback=_in_a_folder,
    help="Write here, not stdout.",
)


def _output_options(command: Callable[..., None]) -> Callable[..., None]:
    command = OUT(command)
    command = click.option(
        "--words",
        type=click.IntRange(MIN_WORDS, 2000),
        default=40,
        show_default=True,
        help="Summary length budget (a summary's sentences have at least 10 words).",
    )(command)
    command = click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)(command)
    command = click.option(
        "--extract/--no-extract",
        default=True,
        show_default=True,
        help="Entities, quotes, figures, timeline and agreement for every event.",
    )(command)
    return command


@main.command("fold")
@click.argument("paths", nargs=-1, type=str)
@_output_options
def fold_command(paths: tuple[str, ...], fmt: str, words: int, out: str | None, extract: bool) -> None:
    """Fold PATHS (files, folders, or - for stdin) into events.

    With no PATHS, folds the bundled sample corpus.
    """
    _not_over(out, paths, "an input")
    _fold_and_write(list(paths) or [str(sample_corpus())], fmt, words, out, extract)


@main.command("demo")
@_output_options
def demo_command(fmt: str, words: int, out: str | None, extract: bool) -> None:
    """Fold the bundled sample corpus (original writing about invented events)."""
    _fold_and_write([str(sample_corpus())], fmt, words, out, extract)


@main.command("summarize")
@click.argument("paths", nargs=-1, type=str, required=True)
@click.option("--bytes", "max_bytes", type=click.IntRange(20, 20000), help="Budget in bytes (instead of words).")
@_output_options
def summarize_command(
    paths: tuple[str, ...], words: int, max_bytes: int | None, fmt: str, out: str | None, extract: bool
) -> None:
    """Summarise PATHS as one event (copies are still recognised and counted once)."""
    _not_over(out, paths, "an input")
    if max_bytes is not None and click.get_current_context().get_parameter_source("words").name == "COMMANDLINE":
        raise click.UsageError("--words and --bytes are two budgets for one summary: give one of them")
    settings = Settings(
        summary=SummarySettings(words=words, max_bytes=max_bytes), extract=ExtractSettings(enabled=extract)
    )
    articles, rejected = read_articles(list(paths), settings)
    _write(summarize_articles(articles, rejected, settings), fmt, out)


@main.group("eval")
def eval_group() -> None:
    """Score newsfold against human references, side by side with peers."""


@eval_group.command("summaries")
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option("--words", type=click.IntRange(5, 2000), default=100, show_default=True, help="Budget and cut-off.")
@click.option("--peers", type=click.Path(exists=True, file_okay=False), help="Stored summaries <cluster>.<System>.")
@click.option("--task", help="Only clusters whose 'task' field is this (DUC 2003 mixes tasks).")
@click.option("--json", "as_json", is_flag=True, help="Per-cluster scores as JSON.")
@click.option("--ablation", is_flag=True, help="Also score newsfold with each of its parts changed.")
def eval_summaries_command(
    data: str, words: int, peers: str | None, task: str | None, as_json: bool, ablation: bool
) -> None:
    """Summarise each cluster of DATA (cluster JSON Lines) and score it with ROUGE.

    Peers in the same run: Lead, sumy's LexRank, TextRank and LSA (when installed), and the
    stored summaries in --peers.
    """
    from newsfold.eval.report import run_summary_eval  # noqa: PLC0415

    run_summary_eval(
        Path(data), words=words, peers=Path(peers) if peers else None, task=task, as_json=as_json, ablation=ablation
    )


def _a_store(_ctx: click.Context, _param: click.Parameter, db: str) -> str:
    """--db is a SQLite file or a PostgreSQL URL; another URL ("mysql://...") is neither, and
    was taken for the name of a file that `add` would make."""
    if "://" in db and not is_url(db):
        raise click.BadParameter(f"{shown(db)} is no store: a store is a SQLite file or a postgresql:// URL")
    return db


def _db_option(command: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "--db",
        default=DEFAULT,
        show_default=True,
        envvar="NEWSFOLD_DB",
        callback=_a_store,
        help="SQLite file, or a postgresql:// URL.",
    )(command)


def _finite(_ctx: click.Context, _param: click.Parameter, seconds: float) -> float:
    if not math.isfinite(seconds):  # "nan" passes a range's comparisons, and turned pauses off
        raise click.BadParameter(f"{seconds} is not a number of seconds")
    return seconds


@main.command("add")
@click.argument("paths", nargs=-1, type=str, required=True)
@_db_option
@click.option(
    "--batch", type=click.IntRange(1, 100_000), default=BATCH, show_default=True, help="Inputs per transaction."
)
@click.option(
    "--pause",
    type=click.FloatRange(0.1, 3600),
    callback=_finite,
    default=IngestSettings().pause,
    show_default=True,
    help="Seconds without input (a live feed on stdin) after which what has come is stored and summarised.",
)
def add_command(paths: tuple[str, ...], db: str, batch: int, pause: float) -> None:
    """Add PATHS (files, folders, or - for stdin) to the store; changed events are re-summarised.

    Exit status 1 when inputs were rejected and none could be used, or when an event's
    summaries could not be built (what was added stays stored; the next add tries again)."""
    kept = "the batches added before it stay stored; add again to go on"
    settings = Settings(ingest=IngestSettings(pause=pause), workers=EVERY_CORE)
    with _store(db, settings, kept, create=True) as store, ExitStack() as stack:
        report = store.add(list(paths), batch=batch, on_item=_counter(stack))
    if log.isEnabledFor(logging.WARNING):  # not with --quiet: only errors then
        click.echo(
            f"{report.new} new articles, {report.known} already stored, {report.rejected} rejected; "
            f"{report.events} events re-summarised"
            + (f", {report.unsummarised} could not be (named above)" if report.unsummarised else ""),
            err=True,
        )
    if (report.rejected and not (report.new or report.known)) or report.unsummarised:
        sys.exit(1)  # as fold: not one input could be used; or a summary is missing


@main.command("events")
@_db_option
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Only events with an article dated on or after this (a new story or an update).",
)
def events_command(db: str, since: dt.datetime | None) -> None:
    """List the stored events, latest first: id, date, stories, articles, headline."""
    with _store(db) as store, _output(None):
        for row in store.events(since.date() if since else None):
            date = row.date.isoformat() if row.date else "undated"
            title = row.title or "(not summarised yet: the next add summarises it)"
            click.echo(f"{row.id}\t{date}\t{row.stories}\t{row.articles}\t{title}")


@main.command("show")
@click.argument("event")
@_db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="What articles since this date add (an update summary)."
)
@click.option(
    "--extract/--no-extract", default=True, show_default=True, help="Entities, quotes, figures, timeline, agreement."
)
def show_command(event: str, db: str, fmt: str, since: dt.datetime | None, extract: bool) -> None:
    """Show one stored event; with --since, only what is new since that date."""
    with _store(db) as store:
        if not store.has_event(event):
            raise click.ClickException(f"no event {printable(event)} in {shown(db)}")
        if since:
            update = store.update(event, since.date())
            with _output(None):
                _write_update(event, since.date(), update, fmt)
            return
        result = store.fold([event], extract=extract)
    with _output(None) as stream:
        write(result, stream, fmt)


@main.command("export")
@_db_option
@click.option("--format", "fmt", type=click.Choice(("json", "jsonl")), default="json", show_default=True)
@click.option(
    "--extract/--no-extract", default=False, show_default=True, help="Also extract facts for every event (slow)."
)
@OUT
def export_command(db: str, fmt: str, extract: bool, out: str | None) -> None:
    """Everything in the store, in the JSON contract of `fold` (jsonl: one record per line)."""
    _not_over(out, [db], "the store")
    with _store(db) as store:
        result = store.fold(extract=extract)
    with _output(out) as stream:
        if fmt == "json":
            write(result, stream, "json")
        else:
            write_jsonl(result, stream)


@main.command("rejected")
@_db_option
def rejected_command(db: str) -> None:
    """Inputs the store refused, with the reason: path, line, reason."""
    with _store(db) as store, _output(None):
        for r in store.rejected():
            click.echo(f"{_cell(r.path)}\t{r.line or ''}\t{_cell(r.reason)}")


@contextmanager
def _store(db: str, settings: Settings | None = None, kept: str = "", *, create: bool = False) -> Iterator[Store]:
    """The store at ``db``; a SQLite file that is not there is made only when ``create`` (a
    mistyped name must not read as an empty store, nor leave one behind), and the commands
    that do not (they only read) can read one on a read-only mount. An error of its database
    ends the command with one line that names the store; ``kept``, once the store is open,
    says what of the work is safe."""
    if not create and not is_url(db) and not os.path.lexists(db):
        raise click.ClickException(f"no store {db}: `newsfold add PATHS --db {db}` makes one")
    foreign = None if is_url(db) or not os.path.isfile(db) else sqlite_backend.foreign_tables(db)
    if foreign:  # looked at before SQLite opens the file, which would set it to WAL
        raise click.ClickException(f"{shown(db)} is {ForeignDatabase(foreign)}")
    if foreign is not None and not create:
        raise click.ClickException(f"{shown(db)} holds no newsfold store: `newsfold add PATHS --db {db}` makes one")
    try:
        opened = open_store(db, settings, read_only=not create)
    except ForeignDatabase as exc:  # a mistyped --db must not write into an application's database
        raise click.ClickException(f"{shown(db)} is {exc}") from exc
    except (VersionError, *database_errors()) as exc:
        raise click.ClickException(f"cannot open the store {shown(db)}: {scrubbed(said(exc), db)}") from exc
    try:
        with opened as store:
            yield store
    except database_errors() as exc:
        message = said(exc)
        if message == "database is locked":  # SQLite waited as long as it may for another writer
            message += f" (another writer has held it for over {sqlite_backend.BUSY_SECONDS:g} s)"
        raise click.ClickException(f"the store {shown(db)} failed: {message}" + (f"; {kept}" if kept else "")) from exc


def _cell(text: str) -> str:
    """A field of tab-separated output: a tab, line end or other control character in it (a
    file name may hold them; a store written before paths were made printable may too) is
    written as its escape, so that every row stays one line of three columns."""
    return printable(text)


def _write_update(event: str, since: dt.date, update: Summary, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps({"event": event, "since": since.isoformat(), "update": summary_record(update)}))
        return
    esc = escaper(fmt == "markdown")
    click.echo(f"{'## ' if fmt == 'markdown' else ''}What is new in {esc(event)} since {since.isoformat()}")
    for sentence in update.sentences or ():
        click.echo(f"- {esc(sentence.text)} [{', '.join(map(esc, sentence.sources))}]")
    if not update.sentences:
        click.echo("Nothing new.")


def _fold_and_write(paths: list[str], fmt: str, words: int, out: str | None, extract: bool = True) -> None:
    settings = Settings(
        summary=SummarySettings(words=words), extract=ExtractSettings(enabled=extract), workers=EVERY_CORE
    )
    with ExitStack() as stack:
        result = fold(paths, settings, on_article=_counter(stack))
    _write(result, fmt, out)


def _write(result: Fold, fmt: str, out: str | None) -> None:
    if not result.articles:
        log.error("no article could be folded (%d inputs rejected)", len(result.rejected))
        sys.exit(1)
    with _output(out) as stream:
        write(result, stream, fmt)


@contextmanager
def _output(out: str | None) -> Iterator[TextIO]:
    """The file named by --out, or stdout. One that cannot be written (a full disk, a path that
    cannot be made) ends the command with one line naming it; a reader that stopped reading
    (``| head``) is left to click, which ends the command quietly."""
    try:
        if out:
            with open(out, "w", encoding="utf-8") as stream:
                yield stream
        elif sys.stdout is None:  # started with stdout closed (`newsfold fold >&-`)
            raise click.ClickException("the standard output is closed: give --out FILE")
        else:
            yield sys.stdout
            sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise click.ClickException(f"cannot write {out or 'the output'}: {exc.strerror or exc}") from exc


def _not_over(out: str | None, reads: Iterable[str], what: str) -> None:
    """--out must not name a file the command reads: ``export --db news.db --out news.db``
    wrote the JSON over the store, and ``fold story.txt --out story.txt`` over the story; nor
    one a folder it reads would hold as an article, which the next run would fold in."""
    if out is None:
        return
    for path in reads:
        if path == "-" and os.path.exists(out) and _is_stdin(out):  # `fold - --out in.txt < in.txt`
            raise click.UsageError(f"--out {shown(out)} is the standard input: it would be written over")
        if path == "-" or is_url(path) or not os.path.exists(path):
            continue
        if os.path.exists(out) and os.path.samefile(out, path):
            raise click.UsageError(f"--out {shown(out)} is {what}: it would be written over")
        inside = Path(path).is_dir() and Path(out).resolve().is_relative_to(Path(path).resolve())
        if inside and Path(out).suffix.lower() in SUPPORTED:
            raise click.UsageError(
                f"--out {shown(out)} is in {shown(path)}, which is read: the next run would fold it in"
            )


def _is_stdin(path: str) -> bool:
    """Whether ``path`` is the file the standard input reads (a pipe or a terminal is none)."""
    try:
        read = os.fstat(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or not a file (a test's stream)
        return False
    return stat.S_ISREG(read.st_mode) and os.path.samestat(read, os.stat(path))


def _counter(stack: ExitStack) -> Callable[[str], None] | None:
    """A callback that counts inputs on a bar on stderr when a person is watching it, else
    None. (A bar with no total may not be tested for truth: tqdm raises.)"""
    bar = progress_bar("reading", " inputs")
    if bar is None:
        return None
    stack.enter_context(bar)
    return lambda _path: bar.update(1)


if __name__ == "__main__":
    main()
