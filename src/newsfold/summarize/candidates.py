"""Candidate sentences: the sentences of each story's canonical article that can stand alone."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from newsfold.extract.quotes import SAY
from newsfold.sentences import quotes_closed, split_sentences
from newsfold.summarize.compress import OWN_CASE, compress
from newsfold.types import Article

MIN_WORDS = 10
MAX_WORDS = 60
BACK_REFERENCES = frozenset("he she it they this that these those his her its their".split())
"""Openers that point at an earlier sentence ("He said...")."""
QUOTE_OPENERS = "“\"‘'"
"""Marks that open a quotation."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may enter a summary: ``text`` is ``source`` after compression."""

    text: str
    source: str
    story: int
    position: int
    words: int

    @property
    def bytes(self) -> int:
        """UTF-8 bytes plus the space that joins it to the next sentence."""
        return len(self.text.encode("utf-8")) + 1


def candidates(
    canonicals: Sequence[Article],
    *,
    per_story: int | None = None,
    shorten: bool = True,
    weekdays: bool = True,
    back_references: bool = False,
) -> list[Candidate]:
    """Sentences that can stand alone in a summary, from each story's canonical article.

    Args:
        canonicals: one article per story, in story order.
        per_story: read at most this many sentences of each story (the lead carries most of
            a news story; this bounds the work for very large events).
        shorten: apply deletion-only compression (:func:`compress`).
        weekdays: let compression drop days of the week too.
        back_references: keep sentences after a story's first that open with a pronoun
            pointing back ("He said..."), which read badly out of their story.
    """
    found: list[Candidate] = []
    for story, article in enumerate(canonicals):
        for position, (sentence, quoted) in enumerate(islice(_sentences(article), per_story)):
            if quoted or _unattributed(sentence):
                continue  # the middle of a quotation, or one not saying whose: it would read as ours
            text = compress(sentence, weekdays=weekdays) if shorten else sentence
            words = len(text.split())
            if not _usable(text, words):
                continue
            if not back_references and position and points_back(text):
                continue
            if "here" in text.lower() and _HERE.search(text):  # the substring first: the pattern is slow
                continue  # "flew here": the dateline's place, which is gone; "residents there": one before
            found.append(Candidate(text, sentence, story, position, words))
    return found


_FIRST_WORD = re.compile(r"[^\W\d_]+")
_INTRODUCES_TEXT = re.compile(r"(?:The\s+)?[Ff]ollowing\s+(?:are|is)\b")
_HERE = re.compile(
    r"(?<!\bfrom )(?<!\bnear )\bhere\b(?!\s+(?:is|are|was|were|to\s+stay|and\s+(?:there|now|abroad))\b)"
    r"|(?<=\w )there\b(?!\s+(?:is|are|was|were|will|would|has|have|had|may|might|could|should|must|seems?"
    r"|appears?|remains?|exists?|and\s+(?:here|then)|'s)\b)(?!’s)",
    re.I,
)
""""Here" as a place ("flew here", "the embassy here"); not in "here is", "here to stay",
"from here", "here and there". And "there" pointing at a place named before ("Residents
there fled", "the troops stationed there"), not the "there" of "there is", "said there were"."""


def points_back(sentence: str) -> bool:
    """Whether a sentence opens with a pronoun pointing at one before it ("He said", "He's",
    "They’re": the letters of its first word)."""
    first = _FIRST_WORD.match(sentence)
    return first is not None and first.group().lower() in BACK_REFERENCES


def _sentences(article: Article) -> Iterator[tuple[str, bool]]:
    """Each sentence, and whether it starts inside a quotation opened by an earlier one."""
    for paragraph in article.paragraphs:
        curly, straight = 0, 0
        for sentence in split_sentences(paragraph):
            yield sentence, curly > 0 or straight % 2 == 1
            curly = max(0, curly + sentence.count("“") - sentence.count("”"))
            straight += sentence.count('"')


_QUOTATION = re.compile(r"“[^“”]*”|\"[^\"]*\"|‘[^‘’]*’(?!\w)")
_WORD = re.compile(r"[^\W\d_]+")
_PRONOUN_SAYS = re.compile(rf"[”\"’],?\s+(?:(?:he|she|they|it)\s+{SAY}|{SAY}\s+(?:he|she|they|it))\b")


def _unattributed(sentence: str) -> bool:
    """Whether a sentence quotes someone without saying whom, so that out of its paragraph it
    would read as the summary's own words: a whole quotation (under two words outside its
    quotation marks: "“The Democrats are on the defensive, and it shows.”", after a
    paragraph's first quotation named the speaker), or one said by a pronoun ("“We need to do
    much more research,” he said", "‘...,’ it said"; a single quotation mark closes only where
    no letter follows, which an apostrophe has: "don’t")."""
    return len(_WORD.findall(_QUOTATION.sub(" ", sentence))) < 2 or _PRONOUN_SAYS.search(sentence) is not None


def _usable(sentence: str, words: int) -> bool:
    if not MIN_WORDS <= words <= MAX_WORDS or sentence.endswith("?"):
        return False
    if not (sentence[:1].isupper() or sentence[:1] in QUOTE_OPENERS or OWN_CASE.match(sentence)):
        return False  # a sentence's tail, a list's "www.example.com _ ..."
    if not sentence.rstrip("”’\"')").endswith((".", "!")) or _INTRODUCES_TEXT.match(sentence):
        return False  # "Following are excerpts from the decision.": what it introduces is not in the summary
    return quotes_closed(sentence)
