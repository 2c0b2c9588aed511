"""The default summariser: words that many independent stories share make a sentence central.

Each word's weight is the share of the event's stories that use it (copies count once,
because only canonical articles are read). A sentence scores the summed weight of its
distinct content words over the square root of their number (so neither a long list nor a
short generic line wins), times a lead prior: news states the event in its first sentences.
After a sentence is chosen its words' weights are squared, so the next choice says something
new (the SumBasic update).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from newsfold.summarize.attribution import Attributor
from newsfold.summarize.base import Candidate, byte_cost, candidates, select
from newsfold.tokens import TokenHasher
from newsfold.types import Article, Story, Summary, SummarySentence

LEAD_PRIOR = 1.0
"""A story's sentence k is weighted 1 + LEAD_PRIOR / (k + 1)."""
LARGE_EVENT = 20
"""Events with more stories than this draw candidates from each story's first sentences only."""


class SupportSummarizer:
    """Stage object around :func:`summarize_event`."""

    name = "summarize"

    def __init__(self, *, words: int = 40) -> None:
        self.words = words

    def __call__(self, stories: Sequence[Story], articles: dict[str, Article]) -> Summary:
        return summarize_event(stories, articles, words=self.words)

    def __repr__(self) -> str:
        return f"SupportSummarizer(words={self.words})"


def summarize_event(
    stories: Sequence[Story],
    articles: dict[str, Article],
    *,
    words: int = 40,
    max_bytes: int | None = None,
    hasher: TokenHasher | None = None,
    stops: np.ndarray | None = None,
    tokens: Mapping[str, np.ndarray] | None = None,
) -> Summary:
    """Summarise one event in at most ``words`` words.

    Args:
        stories: the event's stories.
        articles: id -> article, holding at least every member of ``stories``.
        words: the word budget.
        max_bytes: a budget in bytes instead (UTF-8, spaces between sentences counted).
        hasher: word-id hasher to reuse across events.
        stops: sorted ids of stop words.
        tokens: article id -> word ids, when the caller has them already.

    Returns:
        A Summary whose sentences each list every article that states them.
    """
    hasher = hasher or TokenHasher()
    if stops is None:
        from newsfold.features import stop_ids  # noqa: PLC0415

        stops = stop_ids()
    canonicals = [articles[s.canonical] for s in stories]
    per_story = 10 if len(stories) > LARGE_EVENT else None
    pool = candidates(canonicals, per_story=per_story)
    if not pool:
        return Summary()
    stop_set = set(stops.tolist())
    vocab = [list(set(hasher(c.text).tolist()) - stop_set) for c in pool]
    ids = [tokens[a.id] if tokens is not None else hasher(a.text) for a in canonicals]
    weights = _story_support(ids, stop_set)

    said_after: dict[int, set[int]] = {}  # words already said, by number of sentences chosen

    def gain(k: int, chosen: Sequence[int]) -> float:
        if not vocab[k]:
            return 0.0
        said = said_after.get(len(chosen))
        if said is None:
            said = said_after[len(chosen)] = {w for c in chosen for w in vocab[c]}
        values = [weights.get(w, 0.0) ** (2 if w in said else 1) for w in vocab[k]]
        return sum(values) / len(values) ** 0.5 * (1 + LEAD_PRIOR / (1 + pool[k].position))

    if max_bytes is None:
        chosen = [pool[k] for k in select(pool, words, gain)]
    else:
        chosen = [pool[k] for k in select(pool, max_bytes + 1, gain, byte_cost)]
    return _attributed(chosen, stories, articles)


def _story_support(canonical_ids: Sequence[np.ndarray], stops: set[int]) -> dict[int, float]:
    """Each content word's share of the stories that use it."""
    counts: dict[int, int] = {}
    for ids in canonical_ids:
        for word in set(ids.tolist()) - stops:
            counts[word] = counts.get(word, 0) + 1
    return {word: n / len(canonical_ids) for word, n in counts.items()}


def _attributed(chosen: Sequence[Candidate], stories: Sequence[Story], articles: dict[str, Article]) -> Summary:
    attributor = Attributor(articles, [a for s in stories for a in s.articles])
    return Summary(
        tuple(
            SummarySentence(
                c.text,
                attributor.sources(c.text, stories[c.story].articles) or (stories[c.story].canonical,),
            )
            for c in chosen
        )
    )
