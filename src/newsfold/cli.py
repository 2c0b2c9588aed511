"""The command line: thin commands over library functions; data on stdout, logs on stderr."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from contextlib import ExitStack

import click

from newsfold import __version__
from newsfold.bundled import sample_corpus
from newsfold.config import Settings, SummarySettings
from newsfold.pipeline import fold
from newsfold.render import FORMATS, write

log = logging.getLogger("newsfold")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsfold")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def main(quiet: bool) -> None:
    """Fold news articles into events with attributed summaries."""
    logging.basicConfig(
        level=logging.ERROR if quiet else logging.WARNING,
        format="newsfold: %(levelname)s: %(message)s",
        stream=sys.stderr,
        force=True,  # each invocation logs to the stderr of its own moment (tests swap it)
    )


def _output_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option(
        "--out", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout."
    )(command)
    command = click.option(
        "--words", type=click.IntRange(5, 2000), default=40, show_default=True, help="Summary length budget."
    )(command)
    command = click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)(command)
    return command


@main.command("fold")
@click.argument("paths", nargs=-1, type=str)
@_output_options
def fold_command(paths: tuple[str, ...], fmt: str, words: int, out: str | None) -> None:
    """Fold PATHS (files, folders, or - for stdin) into events.

    With no PATHS, folds the bundled sample corpus.
    """
    _fold_and_write(list(paths) or [str(sample_corpus())], fmt, words, out)


@main.command("demo")
@_output_options
def demo_command(fmt: str, words: int, out: str | None) -> None:
    """Fold the bundled sample corpus (original writing about invented events)."""
    _fold_and_write([str(sample_corpus())], fmt, words, out)


def _fold_and_write(paths: list[str], fmt: str, words: int, out: str | None) -> None:
    settings = Settings(summary=SummarySettings(words=words))
    with ExitStack() as stack:
        progress = _progress_bar(stack)
        result = fold(paths, settings, on_article=(lambda _: progress.update(1)) if progress else None)
    if not result.articles:
        log.error("no article could be folded (%d inputs rejected)", len(result.rejected))
        sys.exit(1)
    if out:
        with open(out, "w", encoding="utf-8") as stream:
            write(result, stream, fmt)
    else:
        write(result, sys.stdout, fmt)


def _progress_bar(stack: ExitStack):  # type: ignore[no-untyped-def]
    """A bar on stderr when a person is watching it, else None."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm  # noqa: PLC0415

    return stack.enter_context(tqdm(desc="reading", unit=" inputs", file=sys.stderr, leave=False))


if __name__ == "__main__":
    main()
