"""Extract the facts of one event from its stories."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from newsfold.extract import ner
from newsfold.extract.agreement import claims, conflicts, content
from newsfold.extract.entities import alias_index, display, key, merge, spelled_apart
from newsfold.extract.figures import find_figures
from newsfold.extract.passages import Carriers, passages, words
from newsfold.extract.quotes import Attributor
from newsfold.extract.timeline import find_dates
from newsfold.sentences import split_sentences
from newsfold.types import Agreement, Article, Facts, Figure, Quote, SourceReport, Story, TimelineEntry

SOURCE_UNIQUE = 3
"""Unique claims listed per source."""


def extract_event(
    stories: Sequence[Story], articles: Mapping[str, Article], *, model: str | None = ner.DEFAULT_MODEL
) -> Facts:
    """Entities, quotes, figures, timeline, agreement and sources of one event.

    Args:
        stories: the event's stories.
        articles: at least every article of those stories, by id.
        model: the spaCy model for entities; None (or a model that is not installed) leaves
            entities empty and names speakers as written.
    """
    members = [articles[a] for s in stories for a in s.articles]
    story_of = {a: s.id for s in stories for a in s.articles}
    published = {a.id: a.published for a in members}
    carriers = Carriers(members)
    carried = lru_cache(maxsize=None)(lambda text, article: carriers(text, also=(article,)))
    reading = passages(stories, articles)

    found_mentions = list(ner.mentions([p.text for p in reading], model)) if model and ner.available(model) else None
    entities = ()
    if found_mentions is not None:
        pairs = zip(reading, found_mentions, strict=True)
        found = merge((m, carried(p.text, p.article)) for p, ms in pairs for m in ms)
        entities = tuple(spelled_apart(found, {a.id: a.text for a in members}))
    names = alias_index(entities)

    def canonical(speaker: str | None) -> str | None:
        return None if speaker is None else names.get(key(speaker), display(speaker))

    quotes: dict[tuple[str, ...], Quote] = {}
    figures: list[Figure] = []
    timeline: dict[tuple[str, str], TimelineEntry] = {}
    sentences: list[tuple[str, str, tuple[str, ...]]] = []
    attributor, story = Attributor(), None
    for k, passage in enumerate(reading):
        if passage.story != story:
            attributor, story = Attributor(), passage.story
        for q in attributor.read(passage.text, found_mentions[k] if found_mentions is not None else None):
            _add_quote(quotes, Quote(canonical(q.speaker), q.role, q.text, q.kind, carried(q.text, passage.article)))
        for sentence in split_sentences(passage.text):
            where = carried(sentence, passage.article)
            sentences.append((sentence, passage.story, where))
            date = published[passage.article]
            for f in find_figures(sentence, date):
                number = re.search(r"\d[\d,.]*\d|\d", f.text)
                digits = number.group(0) if number else ""
                holders = tuple(a for a in where if _has_number(articles[a], f.value, digits))
                figure = Figure(
                    f.value, f.unit, f.text, f.measures, f.period, holders or where, sentence, f.context, f.when
                )
                _add_figure(figures, figure)
            for d in find_dates(sentence, date):
                entry_key = (d.date, " ".join(words(sentence)))
                if entry_key not in timeline:
                    timeline[entry_key] = TimelineEntry(d.date, sentence, where, d.expression)
    consensus, unique, by_story = claims(sentences)
    agreement = Agreement(consensus, unique, conflicts(figures, story_of, published))
    return Facts(
        entities=entities,
        quotes=tuple(quotes.values()),
        figures=tuple(figures),
        timeline=tuple(sorted(timeline.values(), key=lambda e: (e.date, e.text))),
        agreement=agreement,
        sources=_sources(members, story_of, by_story),
    )


def _add_quote(quotes: dict[tuple[str, ...], Quote], quote: Quote) -> None:
    """Add a quote, or merge it with one of the same words (a copy, or another outlet's)."""
    k = tuple(words(quote.text))
    for other_key, other in quotes.items():
        shorter, longer = sorted((k, other_key), key=len)
        if other.kind == quote.kind and _contains(longer, shorter):
            merged = tuple(dict.fromkeys(other.articles + quote.articles))
            keep = other if len(other_key) >= len(k) else quote
            speaker = other.speaker or quote.speaker
            quotes[other_key] = Quote(speaker, keep.role or other.role or quote.role, keep.text, keep.kind, merged)
            return
    quotes[k] = quote


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    if n == 0:
        return False
    if n < 6:
        return longer == shorter
    grams = {longer[i : i + 3] for i in range(len(longer) - 2)}
    own = [shorter[i : i + 3] for i in range(n - 2)]
    return sum(g in grams for g in own) >= 0.8 * len(own)


def _add_figure(figures: list[Figure], figure: Figure) -> None:
    """Add a figure, or merge it with the same value and unit said of the same thing."""
    for k, other in enumerate(figures):
        if other.value == figure.value and other.unit == figure.unit and (
            _about(other) & _about(figure) or other.sentence == figure.sentence
        ):
            figures[k] = Figure(
                other.value, other.unit, other.text, other.measures, other.period or figure.period,
                tuple(dict.fromkeys(other.articles + figure.articles)), other.sentence, other.context,
                other.when or figure.when,
            )
            return
    figures.append(figure)


def _about(figure: Figure) -> frozenset[str]:
    return content(figure.measures) | content(figure.context)


def _has_number(article: Article, value: float, digits: str) -> bool:
    return not digits or digits in article.text


def _sources(members: Sequence[Article], story_of: Mapping[str, str], by_story: Mapping[str, list[str]]):  # noqa: ANN202
    outlets: dict[str, list[str]] = {}
    for article in members:
        outlets.setdefault(article.source or "unknown", []).append(article.id)
    reports = []
    for name, ids in outlets.items():
        own_stories = {story_of[a] for a in ids}
        others = {story_of[a] for a in story_of if a not in ids}
        unique = [t for s in sorted(own_stories - others) for t in by_story.get(s, [])][:SOURCE_UNIQUE]
        reports.append(SourceReport(name, tuple(ids), tuple(unique)))
    reports.sort(key=lambda r: (-len(r.articles), r.name))
    return tuple(reports)
