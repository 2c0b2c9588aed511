"""Deletion-only sentence compression: words may go, none may be added or changed.

Four deletions, each of words a summary reader does not need out of context: a dateline
left at the head of a lede ("LONDON (AP) _ "), a connective that points at a sentence the
summary does not have ("But", "However,"), short parentheticals ("(AP)", "(left)"), and
days of the week, "yesterday" and "today" where they only say when ("police said Tuesday
they", "arrested him on Sunday.", "announced yesterday."), which name a day relative to
their article's date, a date the summary's reader does not have. The first letter is
upper-cased when the opening word went, unless the new first word is a name written with a
small letter ("eBay"); nothing else changes.
"""

from __future__ import annotations

import re

from newsfold.clean.text import strip_dateline
from newsfold.dates import DAY_NAME

_CONNECTIVE = re.compile(
    r"^(?:(?:But|And|Meanwhile|Moreover|Nevertheless|Nonetheless)(?:,\s*|\s+)"
    r"|(?:However|Also|In addition|Still|Yet|So|Instead),\s*)(?=[A-Z“\"‘'a-z])"
)
"""An opening connective. Those that also begin phrases ("So far", "Instead of", "However
much", "In addition to", "Still more", "Also injured was") only with their comma."""
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,60}\)(?=[\s,.;:!?”’\"']|$)")


_PART_OF_DAY = r"(?:\s+(?:night|morning|afternoon|evening))?"
_NEAR_DAY = r"(?:(?:yesterday|today)" + _PART_OF_DAY + r"|tonight|last\s+night)"
"""Days named from the article's own: "said yesterday", "arrested today"."""
_OPENING_DAY = re.compile(
    r"^(?:(?:On|(?:Late|Early)(?:\s+on)?)\s+"
    + DAY_NAME
    + _PART_OF_DAY
    + r"|(?:Yesterday|Last\s+night)"
    + _PART_OF_DAY
    + r"),\s+(?!"
    + DAY_NAME
    + r"|and\b|or\b)"
)
"""A sentence opening with when it happened: "On Tuesday, ", "Late on Friday, ", "Yesterday, "."""
_WHEN = r"(?:(?:late|early)\s+)?(?:(?:on\s+)?" + DAY_NAME + _PART_OF_DAY + r"|" + _NEAR_DAY + r")"
_GOES_ON = (
    r"\s+(?:(?:that|they|he|she|it|we|I|there|a|an|his|her|their|its|in|at|after|during|amid|as|when|while"
    r"|with|near|for|from|by|before|following)\b|the\b(?!\s+\d)|and\b(?!\s+" + _WHEN + r"))"
)
"""What may follow a day that only says when: what was said ("that", "they"), a phrase of
place or circumstance ("in London", "after talks") or the next verb ("and charged")."""
_SAID_DAY = re.compile(
    r"\b(?P<verb>said|says|announced|reported|confirmed|added|warned|told reporters)\s+"
    + _WHEN
    + r"(?=\s*[,.;:!]|\s+to\b|"
    + _GOES_ON
    + r")"
)
"""A day after a verb of saying: "police said Saturday they", "said late on Friday that"."""
_VERB_DAY = re.compile(
    r"\b(?P<verb>\w+ed|met|left|sank|struck|began|took|made|gave|held|won|lost|fell|rose|came|went|sent|told"
    r"|flew|hit|quit)\s+" + _WHEN + r"(?=\s*[.!;]|" + _GOES_ON + r")"
)
"""A day after a verb in the past: "Pinochet was arrested Friday in London", "the ship sank
late Monday night."."""
_DAY_ENDING = re.compile(
    r"(?P<before>\S+)\s+(?:(?:late|early)\s+(?:on\s+)?|on\s+)"
    + DAY_NAME
    + _PART_OF_DAY
    + r"(?=\s*[.!;]|\s+to\b|"
    + _GOES_ON
    + r")"
)
"""A day said with "on", "late" or "early", closing its clause or before a phrase of place or
circumstance: "arrested him on Sunday.", "flew here on Sunday to try"."""
_NOT_ADVERBIAL = frozenset(
    "is was are were be been into throughout starting beginning effective until till and or to from through".split()
)
"""Words before "on Monday" that make the day part of the sentence's core ("the deadline is on
Monday") or of a list of days ("late Sunday or early Monday")."""
_FUTURE = re.compile(
    r"\b(?:will|would|shall|won[’']t|wouldn[’']t|expected|due|scheduled|planned|plans?\s+to|set\s+to|going\s+to"
    r"|is\s+to|are\s+to)\b|[’']ll\b",
    re.IGNORECASE,
)
"""Words that make what follows them a plan or a forecast ("expected to peak late on Thursday"),
whose day is not when something happened but when it will: it stays."""
_QUOTE = re.compile(r"[\"“”‘]|(?:^|\s)'")
OWN_CASE = re.compile(r"[a-z]+[A-Z]")
"""A name written with a small first letter and a capital in it: "eBay", "iPhone"."""
_ANY_DAY = re.compile(DAY_NAME + r"|(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Ll]ast night)\b")
"""Whether a sentence names a day at all (most do not: the rules after it are not run)."""


def compress(sentence: str, *, weekdays: bool = True) -> str:
    """``sentence`` without its dateline, opening connective, short parentheticals and (when
    ``weekdays``) days of the week."""
    text, _ = strip_dateline(sentence)
    text = _PARENTHETICAL.sub(_parenthetical, _CONNECTIVE.sub("", text)).strip()
    if weekdays:
        text = drop_weekdays(text)
    first = text.split(" ", 1)[0]
    if first == sentence.lstrip().split(" ", 1)[0] or OWN_CASE.match(first):
        return text  # its opening word kept, or one written so ("But eBay said" -> "eBay said")
    return text[:1].upper() + text[1:]


_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,}s?$")


def _parenthetical(match: re.Match[str]) -> str:
    """A short parenthetical deleted, unless it says what the acronym before it stands for
    ("ONEMI (Chile's National Emergencies Office) has reported": without it, the reader does
    not know who has): a name, most of its words capitalised. Other asides after an acronym
    go ("NATO (which it accused of bombing civilians)", "IBM (up 3%)")."""
    if not _ACRONYM_BEFORE.search(match.string, 0, match.start()):
        return ""
    words = match.group().strip(" ()").split()
    capitalised = sum(1 for word in words if word[:1].isupper())
    return match.group() if words[0][:1].isupper() and 2 * capitalised > len(words) else ""


def drop_weekdays(text: str) -> str:
    """``text`` without the days of the week that only say when, where the rest reads the
    same without them: opening the sentence ("On Tuesday, the army" -> "The army"), after a
    verb of saying or a verb in the past ("police said Saturday they", "was arrested Friday in
    London"), and with "on", "late" or "early" before the end of a clause or a phrase of
    place or circumstance ("arrested him on Sunday.", "landed on Sunday after"). Anywhere
    else a day may be the subject, an object or part of a name ("Monday was quiet", "The
    Sunday Times"), and it stays; so does a day after a word of plan or forecast ("will vote
    on Monday", "expected to peak late on Thursday"), and an opening day of a sentence that
    has one. "Yesterday" and "today" ("tonight", "last night") go where a day would after a
    verb, and "Yesterday, " opening a sentence; "Today is..." stays. A sentence with a
    quotation is left alone."""
    if not ("day" in text or "night" in text) or not _ANY_DAY.search(text) or _QUOTE.search(text):
        return text  # the substring tests first: fast, and most sentences name no day
    future = _FUTURE.search(text)
    if not future:
        text = _OPENING_DAY.sub("", text)

    def planned(match: re.Match[str]) -> bool:  # a word of plan before it (none in most sentences)
        return future is not None and _FUTURE.search(match.string, 0, match.start()) is not None

    text = _SAID_DAY.sub(lambda m: m.group() if planned(m) else m["verb"], text)
    text = _VERB_DAY.sub(lambda m: m.group() if planned(m) else m["verb"], text)

    def closing(match: re.Match[str]) -> str:
        before = match["before"]
        return match.group() if before.lower() in _NOT_ADVERBIAL or planned(match) else before

    return _DAY_ENDING.sub(closing, text)
