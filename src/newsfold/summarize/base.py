"""What every summariser shares: candidate sentences, budgeted selection, source order.

A summariser only scores; :func:`select` picks the best-scoring sentences that fit the word
budget and restores their order in the stories (as sumy's summarisers do).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

from newsfold.sentences import split_sentences
from newsfold.types import Article

MIN_WORDS = 8
MAX_WORDS = 60


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence of a story's canonical article that may enter a summary."""

    text: str
    story: int
    position: int
    words: int


def candidates(canonicals: Sequence[Article], *, per_story: int | None = None) -> list[Candidate]:
    """Sentences that can stand alone in a summary, from each story's canonical article.

    Args:
        canonicals: one article per story, in story order.
        per_story: keep at most this many sentences from each story (the lead carries most
            of a news story; this bounds the work for very large events).
    """
    found: list[Candidate] = []
    for story, article in enumerate(canonicals):
        sentences = (s for paragraph in article.paragraphs for s in split_sentences(paragraph))
        for position, sentence in enumerate(islice(sentences, per_story)):
            words = len(sentence.split())
            if _usable(sentence, words):
                found.append(Candidate(sentence, story, position, words))
    return found


def _usable(sentence: str, words: int) -> bool:
    if not MIN_WORDS <= words <= MAX_WORDS or sentence.endswith("?"):
        return False
    if not (sentence[:1].isupper() or sentence[:1] in "“\"‘'"):
        return False
    if not sentence.rstrip("”’\"')").endswith((".", "!")):
        return False
    return _quotes_balanced(sentence)


def _quotes_balanced(sentence: str) -> bool:
    return sentence.count("“") == sentence.count("”") and sentence.count('"') % 2 == 0


def word_cost(candidate: Candidate) -> int:
    return candidate.words


def byte_cost(candidate: Candidate) -> int:
    """Bytes of the sentence plus the space that joins it to the next."""
    return len(candidate.text.encode("utf-8")) + 1


def select(
    pool: Sequence[Candidate],
    budget: int,
    gain: Callable[[int, Sequence[int]], float],
    cost: Callable[[Candidate], int] = word_cost,
) -> list[int]:
    """Greedily add the sentence with the best gain that still fits the budget.

    Args:
        pool: candidate sentences.
        budget: the summary's maximum size, in the unit of ``cost``.
        gain: score of candidate ``k`` given the indices already chosen (0 or less: skip).
        cost: size of a sentence (words by default; see :func:`byte_cost`).

    Returns:
        Indices into ``pool`` of the chosen sentences, in story order then position order.
    """
    chosen: list[int] = []
    used = 0
    remaining = [k for k, c in enumerate(pool) if cost(c) <= budget]
    while remaining:
        scores = {k: gain(k, chosen) for k in remaining}
        best = max(remaining, key=lambda k: (scores[k], -pool[k].story, -pool[k].position))
        if scores[best] <= 0:
            break
        chosen.append(best)
        used += cost(pool[best])
        remaining = [k for k in remaining if k != best and used + cost(pool[k]) <= budget]
    return sorted(chosen, key=lambda k: (pool[k].story, pool[k].position))
