"""Deletion-only sentence compression: words may go, none may be added or changed.

Four deletions, each of words a summary reader does not need out of context: a dateline
left at the head of a lede ("LONDON (AP) _ "), a connective that points at a sentence the
summary does not have ("But", "However,"), short parentheticals ("(AP)", "(left)"), and
days of the week ("said Tuesday", "on Sunday", "late Monday night"), which name a day only
relative to their article's date, a date the summary's reader does not have. The first
letter is upper-cased when the opening word went; nothing else changes.
"""

from __future__ import annotations

import re

from newsfold.clean.text import strip_dateline
from newsfold.dates import MONTHS, WEEKDAYS

_CONNECTIVE = re.compile(
    r"^(?:But|And|However|Meanwhile|Also|In addition|Still|Yet|So|Instead|Moreover|Nevertheless|Nonetheless)"
    r"(?:,\s*|\s+)(?=[A-Z“\"‘'a-z])"
)
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,60}\)(?=[\s,.;:!?”’\"']|$)")


_WEEKDAY = re.compile(
    r"(?:(?<=\s)|^)(?:(?P<lead>(?i:on|late|early|last|next|this))\s+)?"
    r"(?:" + "|".join(day.capitalize() for day in WEEKDAYS) + r")"
    r"(?:\s+(?:night|morning|afternoon|evening))?\b(?P<comma>,\s*)?"
)
_NEEDS_ITS_DAY = frozenset(
    "a an and or the that every each from to until till through between since by before after of for "
    "good black ash super bloody palm easter holy maundy cyber".split()
)
"""Words before a day that make it part of something else: "from Monday", "Good Friday"."""
_DAY_CONTINUES = re.compile(
    r"['’]s\b|-|(?:and|or|to|through|until)\s+(?:on\s+)?(?:" + "|".join(WEEKDAYS) + r")"
    r"|(?:" + "|".join(MONTHS) + r")\b|\d",
    re.IGNORECASE,
)
"""What after a day shows it is part of a longer phrase: "Tuesday's", "Monday and Tuesday",
"Tuesday, Oct. 13" (a full date)."""


def compress(sentence: str, *, weekdays: bool = True) -> str:
    """``sentence`` without its dateline, opening connective, short parentheticals and (when
    ``weekdays``) days of the week."""
    text, _ = strip_dateline(sentence)
    text = _PARENTHETICAL.sub("", _CONNECTIVE.sub("", text)).strip()
    if weekdays:
        text = drop_weekdays(text)
    return text[:1].upper() + text[1:]


def drop_weekdays(text: str) -> str:
    """``text`` without its days of the week, where the rest still reads: "police said
    Saturday they" -> "police said they"; "On Tuesday, the army" -> "the army". A day in a
    quotation, in a longer date or in a name ("Good Friday"), a day the sentence opens with
    as its subject, and one before a comma inside the sentence ("the vote, held Sunday,
    was") stay."""

    def drop(match: re.Match[str]) -> str:
        before, after = text[: match.start()], text[match.end() :]
        previous = (before.split()[-1:] or [""])[0].lower()
        opening = not before.strip()
        keep = (
            _in_quotation(before)
            or previous in _NEEDS_ITS_DAY
            or _DAY_CONTINUES.match(after.lstrip())
            or (opening and not match["lead"])  # "Tuesday was quiet"
            or (match["comma"] and not opening)
        )
        return match.group() if keep else ""

    return re.sub(r"\s+(?=[,.;:!?”’\"']*$)|(?<=\s)\s+", "", _WEEKDAY.sub(drop, text)).strip()


def _in_quotation(before: str) -> bool:
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")
