"""Run the stages in order: ingest, clean, dedupe, group, summarise.

Every stage is a plain function over plain data; this module only wires them together, so
each can also be called alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import statistics
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import repeat

import numpy as np

from newsfold.clean import clean_article
from newsfold.cluster import group_stories
from newsfold.config import ExtractSettings, Settings, SummarySettings
from newsfold.dedup import find_stories
from newsfold.errors import said
from newsfold.extract import extract_event
from newsfold.features import story_vectors
from newsfold.ingest import read_inputs
from newsfold.parallel import Workers, workers_for
from newsfold.summarize import StoryNotes, summarize_event
from newsfold.tokens import TokenHasher
from newsfold.types import Article, Event, Fold, RawArticle, Rejection, Story

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
Timings = dict[str, float]


@contextmanager
def timed(timings: Timings | None, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started


def fold(
    paths: Iterable[str],
    settings: Settings | None = None,
    *,
    on_article: Progress | None = None,
    timings: Timings | None = None,
) -> Fold:
    """Read inputs and fold them into stories and events.

    Args:
        paths: files, folders or ``-``.
        settings: all stage settings.
        on_article: called with each input's path as it is read (for progress bars).
        timings: if given, receives the seconds spent in each stage.
    """
    settings = settings or Settings()
    with timed(timings, "ingest+clean"):
        articles, rejected = read_articles(paths, settings, on_article=on_article)
    return fold_articles(articles, rejected, settings, timings=timings)


def cleaned_inputs(
    paths: Iterable[str], settings: Settings, *, on_article: Progress | None = None
) -> Iterator[Article | Rejection]:
    """Ingest and clean, one input at a time; an unusable input is a rejection, never an exception."""
    for item in read_inputs(paths, settings.ingest):
        if on_article:
            on_article(item.path)
        yield cleaned(item)


def cleaned(item: RawArticle | Rejection) -> Article | Rejection:
    """A raw input cleaned (a rejection stays one; cleaning may reject an input too).

    An error cleaning should never raise (a library's, on markup nobody foresaw) becomes a
    rejection that names it: one page must not end a run of thousands.
    """
    if isinstance(item, Rejection):
        return item
    try:
        return clean_article(item)
    except MemoryError:  # the machine's state, not the page's
        raise
    except Exception as exc:  # noqa: BLE001 - named in the rejection, and the run goes on
        detail = said(exc)[:200]
        reason = f"could not be cleaned: {type(exc).__name__}: {detail} (a newsfold bug: please report it)"
        return Rejection(item.path, reason, item.line)


def read_articles(
    paths: Iterable[str], settings: Settings, *, on_article: Progress | None = None
) -> tuple[list[Article], list[Rejection]]:
    """Ingest and clean; unusable inputs come back as rejections, never as exceptions."""
    articles: list[Article] = []
    rejected: list[Rejection] = []
    for item in cleaned_inputs(paths, settings, on_article=on_article):
        if isinstance(item, Rejection):
            log.warning("skipped %s%s: %s", item.path, f":{item.line}" if item.line else "", item.reason)
            rejected.append(item)
            continue
        articles.append(item)
    return articles, rejected


def unique_ids(articles: Sequence[Article]) -> list[Article]:
    """Two articles with one id (same file name in two folders) get "~2", "~3" suffixes."""
    seen: set[str] = set()
    out = []
    for article in articles:
        n, candidate = 1, article.id
        while candidate in seen:
            n += 1
            candidate = f"{article.id}~{n}"
        seen.add(candidate)
        out.append(article if candidate == article.id else replace(article, id=candidate))
    return out


def fold_articles(
    articles: Sequence[Article],
    rejected: Sequence[Rejection] = (),
    settings: Settings | None = None,
    *,
    timings: Timings | None = None,
) -> Fold:
    """Fold cleaned articles: copies into stories, stories into events, events summarised."""
    settings = settings or Settings()
    articles, tokens, stories = find_copies(articles, settings, timings)
    with timed(timings, "group"):
        groups = group_events(stories, articles, tokens, settings)
    by_id = {a.id: a for a in articles}
    with timed(timings, "summarize"), Workers(workers_for(len(groups), settings.workers)) as workers:
        members = [[stories[k] for k in group] for group in groups]
        own = [{a: by_id[a] for s in group for a in s.articles} for group in members]  # what each event needs
        events = list(workers.map(make_event, members, own, repeat(settings.summary)))
    if settings.extract.enabled:
        with timed(timings, "extract"):
            story_by_id = {s.id: s for s in stories}
            events = [with_facts(e, [story_by_id[s] for s in e.stories], by_id, settings.extract) for e in events]
    events.sort(key=lambda e: (-len(e.articles), -(e.date.toordinal() if e.date else 0), e.id))
    return Fold(tuple(articles), stories, tuple(events), tuple(rejected))


def find_copies(
    articles: Sequence[Article], settings: Settings, timings: Timings | None = None
) -> tuple[list[Article], list[np.ndarray], tuple[Story, ...]]:
    """Articles with unique ids, their word ids, and their stories (copies grouped)."""
    articles = unique_ids(articles)
    hasher = TokenHasher()
    with timed(timings, "tokenize"):
        tokens = [hasher(a.text) for a in articles]
    with timed(timings, "dedup"):
        stories = find_stories(articles, tokens, settings.dedup)
    return articles, tokens, stories


def summarize_articles(
    articles: Sequence[Article], rejected: Sequence[Rejection] = (), settings: Settings | None = None
) -> Fold:
    """Take all articles as one event: copies are still recognised, nothing is grouped."""
    settings = settings or Settings()
    articles, _, stories = find_copies(articles, settings)
    if not stories:
        return Fold(tuple(articles), (), (), tuple(rejected))
    by_id = {a.id: a for a in articles}
    event = make_event(stories, by_id, settings.summary)
    if settings.extract.enabled:
        event = with_facts(event, stories, by_id, settings.extract)
    return Fold(tuple(articles), stories, (event,), tuple(rejected))


def group_events(
    stories: Sequence[Story], articles: Sequence[Article], tokens: Sequence[np.ndarray], settings: Settings
) -> list[list[int]]:
    """Story indices grouped into events, from the canonical articles' words and dates."""
    position = {a.id: k for k, a in enumerate(articles)}
    by_id = {a.id: a for a in articles}
    vectors = story_vectors(
        [tokens[position[s.canonical]] for s in stories],
        min_df=settings.cluster.min_df,
    )
    days = np.array([_story_day(s, by_id) for s in stories], dtype=np.float64)
    days[np.isinf(days)] = np.nan  # unknown dates: no time decay
    return group_stories(vectors, days, settings.cluster)


def _story_day(story: Story, articles: dict[str, Article]) -> float:
    """The story's first publication date as a day number; +inf when no copy is dated."""
    dates = [articles[a].published for a in story.articles if articles[a].published]
    return float(min(dates).toordinal()) if dates else float("inf")


def make_event(
    stories: Sequence[Story],
    articles: dict[str, Article],
    settings: SummarySettings,
    notes: Mapping[str, StoryNotes] | None = None,
) -> Event:
    """Build one event: its articles, date, headline, summary and brief (from the summariser's
    ``notes`` on its stories where given, see :func:`newsfold.summarize.summarize_event`).

    Stories are put in the order they were first reported (undated last), so that the
    summaries, which keep story order, read in time order.
    """
    stories = sorted(stories, key=lambda s: (_story_day(s, articles), s.id))
    members = tuple(a for s in stories for a in s.articles)
    summaries = summarize_event(stories, articles, settings, notes)
    digest = hashlib.sha1("\n".join(sorted(s.id for s in stories)).encode()).hexdigest()[:10]
    return Event(
        id=f"e-{digest}",
        title=summaries.headline.text,
        date=event_date([articles[a] for a in members]),
        stories=tuple(s.id for s in stories),
        articles=members,
        headline=summaries.headline,
        summary=summaries.summary,
        brief=summaries.brief,
    )


def with_facts(
    event: Event, stories: Sequence[Story], articles: dict[str, Article], settings: ExtractSettings
) -> Event:
    """The event (made of ``stories``) with its entities, quotes, figures, timeline, agreement and sources."""
    return replace(event, facts=extract_event(stories, articles, model=settings.model))


def event_date(articles: Sequence[Article]) -> dt.date | None:
    """The median publication date (the earlier one for an even count), or None."""
    dates = sorted(a.published for a in articles if a.published)
    return statistics.median_low(dates) if dates else None
