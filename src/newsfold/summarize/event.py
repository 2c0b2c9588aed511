"""An event's three summaries: a headline, a summary and a brief, every sentence attributed.

The summary and the brief are the candidate sentences that best cover the event's concepts
(:mod:`newsfold.summarize.concepts`, :mod:`newsfold.summarize.coverage`) within their
budgets. The summary holds at least one story's opening sentence, which states the event,
and opens with it: that of the story the most outlets carried, when several outlets carried
one (a wire report picked up by others is the event's main account) and its opening fits;
the other sentences follow in story order (stories come in the order they
were reported) then sentence order. The
headline is the first title short enough (largest story first), else the most central
sentence short enough.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsfold.config import SummarySettings
from newsfold.summarize.attribution import Attributor, normalise_for_match
from newsfold.summarize.candidates import Candidate
from newsfold.summarize.concepts import Concept, concept_weights, concepts
from newsfold.summarize.coverage import best_cover
from newsfold.summarize.headline import can_head, opening_clause
from newsfold.summarize.notes import StoryNotes, take_notes
from newsfold.types import Article, Story, Summary, SummarySentence

LARGE_EVENT = 20
LEAD_SENTENCES_OF_LARGE = 10
"""Events of over LARGE_EVENT stories draw candidates from each story's first 10 sentences."""


@dataclass(frozen=True, slots=True)
class EventSummaries:
    headline: Summary
    summary: Summary
    brief: Summary


def summarize_event(
    stories: Sequence[Story],
    articles: dict[str, Article],
    settings: SummarySettings | None = None,
    notes: Mapping[str, StoryNotes] | None = None,
) -> EventSummaries:
    """The headline, summary and brief of one event.

    Args:
        stories: the event's stories, in the order the summaries should follow.
        articles: id -> article, holding at least every member of ``stories``.
        settings: budgets and the summariser's switches (defaults when None).
        notes: story id -> notes taken before on its canonical article with these settings
            (:mod:`newsfold.summarize.notes`); those of the other stories are taken here.
    """
    settings = settings or SummarySettings()
    per_story = settings.story_sentences
    if len(stories) > LARGE_EVENT:
        per_story = min(per_story or LEAD_SENTENCES_OF_LARGE, LEAD_SENTENCES_OF_LARGE)
    selector = _Selector(
        _notes(stories, articles, settings, notes), per_story, settings, main=_widest(stories, articles)
    )
    attribute = _Attribution(stories, articles)
    if settings.max_bytes is None:
        summary = selector.choose(settings.words, fill=settings.fill)
    else:
        summary = selector.choose(settings.max_bytes + 1, by_bytes=True)  # the last sentence needs no space
    brief = selector.choose(settings.brief_words, exact=settings.exact and settings.exact_brief)
    return EventSummaries(
        headline=_headline(stories, articles, selector, summary, attribute, settings.headline_words),
        summary=attribute(summary),
        brief=attribute(brief),
    )


def summarize_update(
    stories: Sequence[Story],
    articles: dict[str, Article],
    earlier: Sequence[Article],
    settings: SummarySettings | None = None,
) -> Summary:
    """What ``stories`` add to what the ``earlier`` articles already said (an update summary).

    The summary of the new stories in which a concept (word pair) the earlier articles
    stated counts for nothing, so only sentences with something new are chosen.
    """
    settings = settings or SummarySettings()
    known = frozenset().union(*(concepts(p) for a in earlier for p in a.paragraphs))
    notes = _notes(stories, articles, settings)
    selector = _Selector(notes, settings.story_sentences, replace(settings, open_with_lede=False), known)
    return _Attribution(stories, articles)(selector.choose(settings.words))


def _notes(
    stories: Sequence[Story],
    articles: dict[str, Article],
    settings: SummarySettings,
    taken: Mapping[str, StoryNotes] | None = None,
) -> list[StoryNotes]:
    taken = taken or {}
    return [taken.get(s.id) or take_notes(articles[s.canonical], settings) for s in stories]


def _widest(stories: Sequence[Story], articles: dict[str, Article]) -> set[int]:
    """The stories carried by the most outlets, when that is more than one; else all of them.
    An article that names no outlet counts as one of its own (it may come from anywhere); an
    outlet's updates of its own story are one outlet."""
    outlets = [len({articles[a].outlet for a in s.articles}) for s in stories]
    most = max(outlets, default=0)
    return {j for j, n in enumerate(outlets) if n == most}  # when most is 1, every story


def _pool(
    notes: Sequence[StoryNotes], per_story: int | None
) -> tuple[list[Candidate], list[tuple[Concept, ...]], list[set[Concept]]]:
    """The candidates of each story's first ``per_story`` sentences (all when None), the
    concepts of each, and those of each story's lead sentences among them."""
    pool: list[Candidate] = []
    covers: list[tuple[Concept, ...]] = []
    leads: list[set[Concept]] = []
    for story, note in enumerate(notes):
        leads.append(set())
        for c, cover, lead in zip(note.candidates, note.covers, note.leads, strict=True):
            if per_story is None or c.position < per_story:
                pool.append(Candidate(c.text, c.source, story, c.position, c.words))
                covers.append(cover)
                leads[-1].update(lead)
    return pool, covers, leads


class _Selector:
    """The event's candidates (see :func:`_pool`) with their concepts, ready to choose within any budget."""

    def __init__(
        self,
        notes: Sequence[StoryNotes],
        per_story: int | None,
        settings: SummarySettings,
        known: frozenset[Concept] = frozenset(),
        main: set[int] | None = None,
    ) -> None:
        """``main``: the stories whose opening the summary is to hold when one fits (None: any)."""
        pool, covers, leads = _pool(notes, per_story)
        weights = concept_weights(
            [n.concepts for n in notes], leads, min_support=settings.min_support, lead_bonus=settings.lead_bonus
        )
        weights = {c: w for c, w in weights.items() if c not in known}
        index = {concept: k for k, concept in enumerate(weights)}
        self.pool = pool
        self.index = index
        self.weights = np.fromiter(weights.values(), dtype=float, count=len(weights))
        self.covers = [sorted(index[c] for c in cover if c in index) for cover in covers]
        # Between equal covers, the earlier sentence of its story (far below any weight).
        self.prefer = [1e-3 / (1 + c.position) for c in pool]
        self.openings = [k for k, c in enumerate(pool) if c.position == 0] if settings.open_with_lede else []
        self.main_openings = [k for k in self.openings if main is None or pool[k].story in main]
        self.exact = settings.exact

    def choose(
        self,
        budget: int,
        *,
        by_bytes: bool = False,
        fill: bool = False,
        exact: bool | None = None,
        headline: bool = False,
    ) -> list[Candidate]:
        """The best cover within ``budget``, in story then sentence order after the first story
        opening among them (see :func:`_lede_first`). With ``fill``, one
        more sentence closes it: the one whose first words, as many as the budget has left,
        add the most concept weight; it runs past the budget, for a reader who stops there.
        ``exact`` overrides the settings' choice of solver. With ``headline``, only sentences
        that can head the event: see :func:`~newsfold.summarize.headline.can_head`."""
        costs = [c.bytes if by_bytes else c.words for c in self.pool]
        if headline:
            costs = [cost if can_head(c.text) else budget + 1 for c, cost in zip(self.pool, costs, strict=True)]
        main = [k for k in self.main_openings if costs[k] <= budget and self.covers[k]]  # that can be chosen
        chosen = best_cover(
            self.covers,
            self.weights,
            costs,
            budget,
            prefer=self.prefer,
            one_of=main or self.openings,
            exact=self.exact if exact is None else exact,
        )
        ordered = sorted((self.pool[k] for k in chosen), key=lambda c: (c.story, c.position))
        if self.openings:  # the summary is to open with a lede (not an update summary)
            ordered = _lede_first(ordered, {self.pool[k].story for k in main})
        left = budget - sum(costs[k] for k in chosen)
        if fill and not by_bytes and left > 0:
            ordered.extend(self._closing(chosen, left))
        return ordered

    def openings_by_weight(self) -> list[Candidate]:
        """The stories' opening sentences, the one covering the most concept weight first."""
        weight = {k: float(sum(self.weights[c] for c in self.covers[k])) for k in self.openings}
        return [self.pool[k] for k in sorted(self.openings, key=lambda k: (-weight[k], k))]

    def _closing(self, chosen: list[int], left: int) -> list[Candidate]:
        """The unchosen candidate whose first ``left`` words add the most concept weight."""
        covered = {c for k in chosen for c in self.covers[k]}

        def gain(k: int) -> float:
            start = concepts(" ".join(self.pool[k].text.split()[:left]))
            found = {self.index[c] for c in start if c in self.index} - covered
            return float(sum(self.weights[c] for c in found))

        taken = set(chosen)
        gains = {k: gain(k) for k in range(len(self.pool)) if k not in taken}
        best = max(gains, key=lambda k: (gains[k], self.prefer[k]), default=None)
        return [self.pool[best]] if best is not None and gains[best] > 0 else []


def _lede_first(ordered: list[Candidate], main: set[int]) -> list[Candidate]:
    """The first story opening among the sentences goes first, of a ``main`` story if there is
    one: it states the event, and a sentence from further into a story ("The motion, tabled by
    the opposition, ...") read before it leans on what the reader has not been told."""
    openings = [c for c in ordered if c.position == 0]
    opening = next((c for c in openings if c.story in main), openings[0] if openings else None)
    if opening is None:
        return ordered
    return [opening, *(c for c in ordered if c is not opening)]


class _Attribution:
    """Turns chosen candidates into summary sentences naming every article that states them."""

    def __init__(self, stories: Sequence[Story], articles: dict[str, Article]) -> None:
        self.stories = stories
        self.attributor = Attributor(articles, [a for s in stories for a in s.articles])
        self._sources: dict[Candidate, tuple[str, ...]] = {}  # headline, summary and brief share sentences

    def __call__(self, chosen: Sequence[Candidate]) -> Summary:
        return Summary(tuple(SummarySentence(c.text, self.sources(c)) for c in chosen))

    def sources(self, candidate: Candidate) -> tuple[str, ...]:
        if candidate not in self._sources:
            # Articles stating the uncompressed sentence state its compression too.
            story = self.stories[candidate.story]
            shown = candidate.text if candidate.text != candidate.source else None
            found = self.attributor.sources(candidate.source, story.articles, shown) or (story.canonical,)
            self._sources[candidate] = found
        return self._sources[candidate]


def _headline(
    stories: Sequence[Story],
    articles: dict[str, Article],
    selector: _Selector,
    summary: Sequence[Candidate],
    attribute: _Attribution,
    limit: int,
) -> Summary:
    """The first title that fits, largest story first; else the summary's opening sentence or
    its first clause (:func:`~newsfold.summarize.headline.opening_clause`), or another story
    opening's, the one covering most first; else the most central sentence that fits; else
    the first title or summary sentence cut to ``limit`` words."""
    members = [a for story in sorted(stories, key=lambda s: -len(s.articles)) for a in story.articles]
    titles = [articles[a].title for a in members if articles[a].title]
    fitting = [t for t in titles if len(t.split()) <= limit]
    if fitting:
        return _titled(fitting[0], members, articles)
    for opening in [*summary[:1], *selector.openings_by_weight()]:
        if clause := opening_clause(opening.text, limit):
            sentence = attribute([opening]).sentences[0]
            return Summary((SummarySentence(clause, sentence.sources),))
    central = selector.choose(limit, headline=True)[:1]
    if central:
        sentence = attribute(central).sentences[0]
        return Summary((SummarySentence(sentence.text.rstrip("."), sentence.sources),))
    if titles:
        return _titled(titles[0], members, articles, limit)
    if summary:
        sentence = attribute(summary[:1]).sentences[0]
        return Summary((SummarySentence(_shorten(sentence.text, limit), sentence.sources),))
    first = articles[stories[0].canonical]
    opening = first.paragraphs[0] if first.paragraphs else first.id
    return Summary((SummarySentence(_shorten(opening, limit), (first.id,)),))


def _titled(title: str, members: Sequence[str], articles: dict[str, Article], limit: int = 0) -> Summary:
    """A title as the headline, credited to every article carrying it (cut when ``limit``)."""
    same = normalise_for_match(title)
    sources = tuple(a for a in members if normalise_for_match(articles[a].title or "") == same)
    return Summary((SummarySentence(_shorten(title, limit) if limit else title.rstrip("."), sources),))


def _shorten(sentence: str, limit: int) -> str:
    """At most ``limit`` words; an ellipsis marks a cut. A headline has no closing period."""
    words = sentence.split()
    if len(words) <= limit:
        return sentence.rstrip(".")
    return " ".join(words[:limit]).rstrip(",;:") + "…"
