"""Numbers that are part of a name, which are neither figures nor dates: "Route 9", "Fortune
500", "Vision 2030", "10 Downing Street", "the 1922 Committee", and the "1." that numbers a
list's item.
"""

from __future__ import annotations

import re

IDENTIFIERS = frozenset(
    """route highway flight no number section article resolution room gate terminal platform line chapter part
    level category class grade page paragraph clause item interstate apollo boeing airbus channel district
    ward precinct unit block lot phase stage round game week day fortune vision agenda form radio windows
    formula expo chromosome""".split()
)
"""Capitalised words before a number that make it a name ("Route 9", "Flight 302", "Fortune
500", "Vision 2030", "Radio 4")."""

YEAR_NAMES = frozenset("vision agenda expo windows fortune form formula radio".split())
"""Those of them before which a year is a name, not a date: "Vision 2030", "Windows 98"; the
others name a year's event ("Awareness Week 1998", "Round 2019"), which is dated by it."""

_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_NAMED_AFTER = re.compile(
    r"\s+(?:[A-Z][\w’'\-]*\s+){0,2}(?:Street|Road|Avenue|Lane|Square|Place|Boulevard|Drive|Terrace|Crescent|Committee"
    r"|Club)\b(?!\s+(?!says\b)[a-z]+s\b)"
)
"""What follows a number that a name or an address holds: "10 Downing Street", "the 1922
Committee"; not when a plural follows, which the number counts ("5,000 Oxford Street
shoppers", "15 Committee members")."""
_NAMED_YEAR_AFTER = re.compile(r"\s+(?:Committee|Club)\b")
"""After a year "the" names, only what makes it a body's name: "the 1922 Committee" ("the
1989 Tiananmen Square protests" are dated, and so is "In 1998 Club Med opened")."""
_ITEM = re.compile(r"\s*[.)]\s")
"""What follows a list item's number at the start of its sentence: "1. ", "2) "."""


def in_a_name(sentence: str, start: int, end: int, *, year: bool = False) -> bool:
    """Whether the number at ``sentence[start:end]`` is part of a name (or numbers an item);
    with ``year``, whether a year there is part of a name rather than a date."""
    previous = _WORD.findall(sentence[max(0, start - 30) : start])
    if previous and previous[-1][0].isupper() and previous[-1].lower() in (YEAR_NAMES if year else IDENTIFIERS):
        return True
    if year:
        if _NAMED_YEAR_AFTER.match(sentence, end) and sentence[max(0, start - 4) : start].lower() == "the ":
            return True
    elif _NAMED_AFTER.match(sentence, end):
        return True
    return not year and not sentence[:start].strip() and _ITEM.match(sentence, end) is not None
