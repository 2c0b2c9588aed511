"""Which articles state a sentence: the same sentence, or nearly the same.

"The same" is equal up to punctuation, case and honorifics ("Mr. Kim met U.S. envoys." =
"Kim met US envoys"). "Nearly the same" is a sentence of the article whose words differ by a
light edit, as syndicated copies do ("the capital" / "the Calvennan capital"): at least 90%
word-sequence similarity (difflib's ratio), writing every number of the sentence as shown
(a compression may leave out a parenthesis: "(€388 million)") and the same negations, and
writing no other word in place of one of the sentence's but another form of it ("needs" for
"needed", "told reporters" for "said") or another article. An update's "at least 23 people
were killed" does not state "at least 14 people were killed", nor a correction's "had not
held" the "had held" it corrects, nor a copy's "voted to reject" the "voted to accept", nor
its "seven" the "five". Words a copy only adds are a light edit, even when they turn it
round ("voted to reject rather than accept"): a limit of this test, which a syndicated copy's
edits rarely meet.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

from newsfold.sentences import split_sentences
from newsfold.summarize.concepts import stem
from newsfold.tokens import HONORIFICS, WORD
from newsfold.types import Article

_HONORIFICS = frozenset(HONORIFICS)
_INITIALISM = re.compile(r"(?<![\w.])((?:[a-z]\.){2,})")
_TWO_INITIALS = re.compile(r"[a-z]\.[a-z]\.")
"""Found in every initialism: most texts without one are spared the slower pattern."""

NEARLY = 0.9
ARTICLES = frozenset({"a", "an", "the"})
SAYING = frozenset("say says said tell tells told add adds added".split())
"""Verbs of saying, which copies exchange ("said" / "told reporters" / "says" in an update)."""
NEGATIONS = frozenset("not no never nor neither none nobody nothing without t".split())
"""Words that turn a statement round ("t" is what is left of "n't" once normalised)."""


def normalise_for_match(text: str) -> str:
    """Lower-case words separated by single spaces, without honorifics and punctuation.

    ``"Mr. Kim met U.S. envoys."`` and ``"Kim met US envoys"`` normalise alike.
    """
    text = text.lower()
    if _TWO_INITIALS.search(text):
        text = _INITIALISM.sub(lambda m: m.group(1).replace(".", ""), text)
    return " ".join([w for w in WORD.findall(text) if w not in _HONORIFICS])


class Attributor:
    """Finds the articles that state a sentence; normalises each article once, lazily."""

    def __init__(self, articles: Mapping[str, Article], order: Sequence[str]) -> None:
        self.articles = articles
        self.order = tuple(order)
        self._texts: dict[str, str] = {}
        self._sentences: dict[str, list[list[str]]] = {}

    def sources(self, sentence: str, copies: Sequence[str] = (), shown: str | None = None) -> tuple[str, ...]:
        """Ids, in this attributor's order, of the articles stating ``sentence``.

        Args:
            sentence: the sentence.
            copies: articles also credited when they hold nearly the same sentence: the
                copies of the sentence's own story, where light edits happen. (Checking
                every article of a large event for near matches would cost far more.)
            shown: what a summary shows of the sentence (its compression), when not all of
                it: a near match must write the numbers of this.
        """
        needle = normalise_for_match(sentence)
        words = needle.split()
        found = {a for a in self.order if f" {needle} " in self._text(a)}
        rest = set(copies) - found
        nearby = [a for a in self.order if a in rest]
        if nearby:  # near matches to look for: what they must write, taken once
            facts = Counter(_numbers(normalise_for_match(shown).split() if shown else words)), _negations(words)
            found |= {a for a in nearby if any(_nearly(words, facts, other) for other in self._sentences_of(a))}
        return tuple(a for a in self.order if a in found)

    def _text(self, article: str) -> str:
        if article not in self._texts:
            self._texts[article] = f" {normalise_for_match(self.articles[article].text)} "
        return self._texts[article]

    def _sentences_of(self, article: str) -> list[list[str]]:
        if article not in self._sentences:
            self._sentences[article] = [
                normalise_for_match(s).split()
                for paragraph in self.articles[article].paragraphs
                for s in split_sentences(paragraph)
            ]
        return self._sentences[article]


def _nearly(words: list[str], facts: tuple[Counter[str], list[str]], other: list[str]) -> bool:
    """Whether ``other`` says nearly what ``words`` say, writing the numbers and negations of
    ``facts`` (see the module)."""
    longer = max(len(words), len(other))
    if not longer or abs(len(words) - len(other)) > 0.2 * longer:
        return False
    shared = len(set(words) & set(other))
    if shared < NEARLY * len(set(words)) - 1:
        return False  # cheap bound before the quadratic comparison
    numbers, negations = facts
    if numbers - Counter(_numbers(other)) or negations != _negations(other):
        return False
    matcher = SequenceMatcher(None, words, other, autojunk=False)
    return matcher.ratio() >= NEARLY and all(_still_said(block) for block in _replaced(matcher, words, other))


def _replaced(matcher: SequenceMatcher[str], words: list[str], other: list[str]) -> list[tuple[list[str], list[str]]]:
    """The stretches of ``words`` that ``other`` writes otherwise, each with what it writes
    (insertions and deletions aside)."""
    return [(words[a1:a2], other[b1:b2]) for op, a1, a2, b1, b2 in matcher.get_opcodes() if op == "replace"]


def _still_said(block: tuple[list[str], list[str]]) -> bool:
    """Whether what a copy writes in place of some of the sentence's words still says them:
    one side's words are all in the other in some form ("needs" for "needed", "told
    reporters" for "said" or the other way round: words added or left out), articles aside.
    "seven" for "five", "reject" for "accept" and "Thursday" for "Wednesday" say something else."""
    ours, theirs = ([_lemma(w) for w in side if w not in ARTICLES] for side in block)
    return set(ours) <= set(theirs) or set(theirs) <= set(ours)


def _lemma(word: str) -> str:
    return "say" if word in SAYING else stem(word)


def _numbers(words: list[str]) -> list[str]:
    return [w for w in words if any(c.isdigit() for c in w)]


def _negations(words: list[str]) -> list[str]:
    return sorted(w for w in words if w in NEGATIONS)
