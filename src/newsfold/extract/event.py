"""Extract the facts of one event from its stories."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from newsfold.extract import ner
from newsfold.extract.agreement import about, claims, conflicts
from newsfold.extract.entities import alias_index, display, key, merge, spelled_apart
from newsfold.extract.figures import Found, find_figures
from newsfold.extract.passages import NUMBER, Carriers, passages, triples, word_triples, words
from newsfold.extract.quotes import QuoteReader
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

    versions = _Versions(articles)
    has_number = lru_cache(maxsize=None)(lambda article, digits: _has_number(articles[article], digits))

    def replaced(sentence: str, article: str, wanted: set[str]) -> bool:
        """Whether ``article`` writes its own number where ``sentence`` writes one it lacks
        (``wanted``: the sentence's numbers; an update's toll): it carries the words, not the
        statement. Leaving a number out (an update added "(March 13)") is no replacement."""
        if all(has_number(article, n) for n in wanted):
            return False
        return bool(versions.numbers_near(article, sentence) - wanted)

    quotes, figures = _Quotes(), _Figures()
    timeline: dict[tuple[str, str], TimelineEntry] = {}
    sentences: list[tuple[str, str, tuple[str, ...]]] = []
    sentence_figures: list[list[Found]] = []  # those of each sentence, for claims
    reader, story = QuoteReader(), None
    for k, passage in enumerate(reading):
        if passage.story != story:
            reader, story = QuoteReader(), passage.story
        for q in reader.read(passage.text, found_mentions[k] if found_mentions is not None else None):
            quotes.add(Quote(canonical(q.speaker), q.role, q.text, q.kind, carried(q.text, passage.article)))
        for sentence in split_sentences(passage.text):
            # Copies carrying the sentence's words but another number (an update's toll) do not state it.
            holding = carried(sentence, passage.article)
            wanted = set(NUMBER.findall(sentence))
            where = tuple(a for a in holding if a == passage.article or not replaced(sentence, a, wanted))
            sentences.append((sentence, passage.story, where))
            date = published[passage.article]
            dated = find_dates(sentence, date)
            sentence_figures.append(find_figures(sentence, date, dated))
            for f in sentence_figures[-1]:
                number = NUMBER.search(f.text)
                digits = number.group(0) if number else ""
                holders = tuple(a for a in holding if has_number(a, digits))
                figure = Figure(
                    f.value, f.unit, f.text, f.measures, f.period, holders or holding, sentence, f.context, f.when
                )
                figures.add(figure)
            for d in dated:
                entry_key = (d.date, " ".join(words(sentence)))
                if entry_key not in timeline:
                    timeline[entry_key] = TimelineEntry(d.date, sentence, where, d.expression)
    consensus, unique, by_story = claims(sentences, sentence_figures)
    agreement = Agreement(consensus, unique, conflicts(figures.items, story_of, published))
    return Facts(
        entities=entities,
        quotes=tuple(quotes.items),
        figures=tuple(figures.items),
        timeline=tuple(sorted(timeline.values(), key=lambda e: (e.date, e.text))),
        agreement=agreement,
        sources=_sources(members, story_of, by_story),
    )


class _Versions:
    """Each article's sentences, read on demand, to find its version of a sentence."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self.articles = articles
        self._sentences: dict[str, list[tuple[frozenset[tuple[str, ...]], set[str]]]] = {}

    def numbers_near(self, article: str, sentence: str) -> set[str]:
        """The numbers of the article's sentence sharing the most word triples with ``sentence``."""
        if article not in self._sentences:
            self._sentences[article] = [
                (triples(s), set(NUMBER.findall(s)))
                for p in self.articles[article].paragraphs
                for s in split_sentences(p)
            ]
        wanted = triples(sentence)
        best = max(self._sentences[article], key=lambda version: len(version[0] & wanted), default=None)
        return best[1] if best is not None and best[0] & wanted else set()


class _Quotes:
    """Quotes so far, found again cheaply: a quote repeated by a copy or another outlet is merged
    into the one holding its words (80 % of its word triples; short quotes must be equal)."""

    def __init__(self) -> None:
        self.items: list[Quote] = []
        self._keys: list[tuple[str, ...]] = []
        self._by_triple: dict[tuple[str, ...], set[int]] = {}

    def add(self, quote: Quote) -> None:
        k = tuple(words(quote.text))
        for i in self._candidates(k):
            other, other_key = self.items[i], self._keys[i]
            shorter, longer = sorted((k, other_key), key=len)
            if other.kind == quote.kind and _contains(longer, shorter):
                keep = other if len(other_key) >= len(k) else quote
                articles = tuple(dict.fromkeys(other.articles + quote.articles))
                role = keep.role or other.role or quote.role
                self.items[i] = Quote(other.speaker or quote.speaker, role, keep.text, keep.kind, articles)
                if keep is quote:
                    self._index(i, k)
                return
        self.items.append(quote)
        self._keys.append(k)
        self._index(len(self.items) - 1, k)

    def _candidates(self, k: tuple[str, ...]) -> list[int]:
        found: set[int] = set()
        for t in word_triples(k):
            found |= self._by_triple.get(t, set())
        return sorted(found)

    def _index(self, i: int, k: tuple[str, ...]) -> None:
        self._keys[i] = k
        for t in word_triples(k):
            self._by_triple.setdefault(t, set()).add(i)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    if n == 0:
        return False
    if n < 6:
        return longer == shorter
    grams = set(word_triples(longer))
    own = word_triples(shorter)
    return sum(g in grams for g in own) >= 0.8 * len(own)


class _Figures:
    """Figures so far; the same value and unit said of the same thing (a shared word of what it
    measures, or the same sentence) is one figure with every article that states it."""

    def __init__(self) -> None:
        self.items: list[Figure] = []
        self._by_amount: dict[tuple[float, str | None], list[int]] = {}

    def add(self, figure: Figure) -> None:
        same = self._by_amount.setdefault((figure.value, figure.unit), [])
        for k in same:
            other = self.items[k]
            if about(other) & about(figure) or other.sentence == figure.sentence:
                self.items[k] = Figure(
                    other.value,
                    other.unit,
                    other.text,
                    other.measures,
                    other.period or figure.period,
                    tuple(dict.fromkeys(other.articles + figure.articles)),
                    other.sentence,
                    other.context,
                    other.when or figure.when,
                )
                return
        same.append(len(self.items))
        self.items.append(figure)


def _has_number(article: Article, digits: str) -> bool:
    """Whether the article writes this number (not just a longer one containing it)."""
    if not digits:
        return True
    number = re.escape(digits)  # first, so that the search looks for it as a literal (lookbehinds after)
    return re.search(rf"{number}(?<![\d.]{number})(?<!\d,{number})(?!\d|[,.]\d)", article.text) is not None


def _sources(
    members: Sequence[Article], story_of: Mapping[str, str], by_story: Mapping[str, list[str]]
) -> tuple[SourceReport, ...]:
    """Each outlet, its articles, and the first claims of stories only it carried. An article
    that names no outlet is one of its own, unnamed: two such articles may come from two."""
    outlets: dict[tuple[str | None, str], list[str]] = {}
    for article in members:
        outlets.setdefault(article.outlet, []).append(article.id)
    reports = []
    for (name, _), ids in outlets.items():
        own = set(ids)
        own_stories = {story_of[a] for a in ids}
        others = {story_of[a] for a in story_of if a not in own}
        unique = [t for s in sorted(own_stories - others) for t in by_story.get(s, [])][:SOURCE_UNIQUE]
        reports.append(SourceReport(name, tuple(ids), tuple(unique)))
    reports.sort(key=lambda r: (-len(r.articles), r.name is None, r.name or ""))
    return tuple(reports)
