"""A fast rule-based sentence splitter for news prose.

It handles honorifics ("Mr."), initials ("John F. Kennedy"), initialisms ("U.S."),
numbers ("$1.5 billion"), times ("10 p.m."), ellipses and closing quotes. It is measured
against pysbd in the tests; it is about two orders of magnitude faster.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cpl adm cmdr sen rep gov pres supt insp
    lieut pvt pfc spc gens sens govs
    rev fr sr jr st mt ft no nos vol pp op dept univ assn bros inc corp co ltd llc plc
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    vs etc approx est fig al ave blvd rd hwy messrs mme mlle""".split()
)
AMBIGUOUS = frozenset("a.m p.m u.s u.n u.k e.u d.c inc co corp ltd etc jr sr brig reps spec".split())
"""After these a period ends the sentence only when a typical sentence opener follows: they end
sentences too ("in the U.S.", "sent to the brig.", "12 reps.") besides titles ("Brig. Gen.")."""
OPENERS = frozenset(
    """the a an he she it they we i you this that these those there his her its their our
    but and or so yet in on at for from by with after before when while as if although
    mr mrs ms dr some many most all no one two three four five more other police officials
    meanwhile however still also then last earlier""".split()
)

_BOUNDARY = re.compile(r"""(?:[.!?]+|…)[\"'”’»)\]]*(?=\s+(?:[\"“‘'„(\[]|«\s?)?(?:[A-Z0-9]|(?P<other>[^\W_a-z])))""")
"""A sentence mark before a capital or a figure; or before a letter of another alphabet (see
:func:`_is_boundary`: not a lower-case one, so "Übermorgen" and "Ἀθῆναι" begin sentences
but "étage" does not)."""
_NEXT_WORD = re.compile(r"\s*[\"“‘'(\[]*([\w’']+)")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences.

    Args:
        text: one paragraph (newlines are treated as spaces).

    Returns:
        The sentences, stripped, in order; ``" ".join`` of them gives back the text up to
        whitespace.
    """
    text = " ".join(text.split())
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if _is_boundary(text, match):
            sentence = text[start:end].strip()
            if sentence:
                sentences.append(sentence)
            start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def quotes_closed(text: str) -> bool:
    """Whether every quotation ``text`` opens it also closes (curly marks paired, straight ones
    even): a sentence or a headline may quote someone only whole."""
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match["other"] and match["other"].islower():
        return False
    mark = match.group(0)
    if not mark.startswith("."):
        return True  # "!", "?" and "…" always end a sentence when a capital follows
    if len(mark.rstrip("\"'”’)]")) > 1:
        return True  # an ellipsis written as "..." before a capital
    # Only look next to the mark: a paragraph may be thousands of words long.
    word = text[text.rfind(" ", 0, match.start()) + 1 : match.start()]
    bare = word.lstrip("\"'“‘([").lower()
    next_word = _NEXT_WORD.match(text, match.end())
    opener = bool(next_word) and next_word.group(1).lower() in OPENERS
    if bare in AMBIGUOUS:
        return opener
    if bare in ABBREVIATIONS:
        return False
    if len(bare) == 1 and bare.isalpha():
        return opener  # an initial ("John F. Kennedy") unless a sentence clearly starts
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare):
        return opener  # other initialisms: "N.Y.", "a.k.a"
    return True
