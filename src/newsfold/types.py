"""The plain data that flows between newsfold's stages.

Every type is a frozen dataclass: stages return new objects and never mutate their input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One input document as read from disk or stdin, decoded but not cleaned.

    ``format`` is ``"text"`` or ``"html"``. ``title``, ``source``, ``published`` and ``url``
    carry what the container itself said (a JSON Lines record); they win over what cleaning
    finds in the text.
    """

    id: str
    path: str
    content: str
    format: str = "text"
    line: int | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be used, with a reason a person understands."""

    path: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: main text as paragraphs, plus metadata."""

    id: str
    path: str
    paragraphs: tuple[str, ...]
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None
    author: str | None = None
    line: int | None = None

    @property
    def text(self) -> str:
        """The cleaned text, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def outlet(self) -> tuple[str | None, str]:
        """Who published it, to tell outlets apart: (its source, ""); an article that names no
        outlet is one of its own, (None, its id): two such articles may come from two."""
        return (self.source, "") if self.source else (None, self.id)


@dataclass(frozen=True, slots=True)
class Story:
    """Copies of one piece of writing: a canonical article and its reprints and updates.

    ``similarity`` maps each member to its shingle Jaccard similarity with the canonical
    article; ``containment`` to the share of the member's shingles found in the canonical.
    """

    id: str
    canonical: str
    articles: tuple[str, ...]
    similarity: Mapping[str, float] = field(default_factory=dict)
    containment: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One extracted sentence and every article that states it."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    sentences: tuple[SummarySentence, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, with every name it goes by in the event."""

    name: str
    type: str  # PERSON, ORG or PLACE
    aliases: tuple[str, ...]
    mentions: Mapping[str, int]  # article id -> mentions in that article


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker: quoted (``direct``) or paraphrased (``reported``)."""

    speaker: str | None
    role: str | None
    text: str
    kind: str  # direct or reported
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as written, what it measures, and the period it refers to."""

    value: float
    unit: str | None
    text: str
    measures: str
    period: str | None
    articles: tuple[str, ...]
    sentence: str = ""
    context: str = ""
    when: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated statement: ``date`` is YYYY, YYYY-MM or YYYY-MM-DD (its precision)."""

    date: str
    text: str
    articles: tuple[str, ...]
    expression: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    text: str
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Figures about one measured thing that differ: in one period (``differs``) or across
    periods (``changes over time``)."""

    measures: str
    kind: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class Agreement:
    consensus: tuple[Claim, ...] = ()
    unique: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceReport:
    """An outlet that covered the event and what only it reported. ``name`` is None for an
    article that names no outlet (each such article is a report of its own)."""

    name: str | None
    articles: tuple[str, ...]
    unique: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """Who, what, how much and when for one event; every item names its articles."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    agreement: Agreement = Agreement()
    sources: tuple[SourceReport, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """Stories about one real-world happening: a date, and a headline, summary and brief.

    ``title`` is the headline's text.
    """

    id: str
    title: str
    date: dt.date | None
    stories: tuple[str, ...]
    articles: tuple[str, ...]
    headline: Summary = Summary()
    summary: Summary = Summary()
    brief: Summary = Summary()
    extras: Mapping[str, object] = field(default_factory=dict)
    facts: Facts | None = None
    """Entities, quotes, figures, timeline, agreement and sources (None: not extracted)."""


@dataclass(frozen=True, slots=True)
class Fold:
    """The result of folding a pile of inputs: everything a renderer needs."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    events: tuple[Event, ...]
    rejected: tuple[Rejection, ...]
