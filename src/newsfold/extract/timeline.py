"""Dates in the text, resolved against the article's publication date.

News dates things relative to the day it is published: "Wednesday" in a story published on
a Thursday is the day before; "last year", "in February", "by the end of this year". Each
expression is resolved with its precision kept (a year stays "2025", a month "2025-02").
Weekdays and month names follow the tense of the verb nearest them in their clause: past
looks back, future ("will", "is expected to") looks ahead, and a clause with neither takes
the nearer one. Expressions that are not a
day, a month or a year ("next week", "overnight", "for four days") are left out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from newsfold.dates import DAY_NAME, MONTHS, WEEKDAYS
from newsfold.extract.named import in_a_name

WEEKDAY_NUMBER = {day: k for k, day in enumerate(WEEKDAYS)}

_MONTH = (
    "(?:"
    + "|".join(
        # Capitalised, longest first; abbreviations may take a full stop ("Jan.", "Sept.").
        name.capitalize() + ("" if name == calendar.month_name[number].lower() else r"\.?")
        for name, number in sorted(MONTHS.items(), key=lambda item: -len(item[0]))
    )
    + ")"
)
_YEAR = r"(?:1[89]\d\d|20\d\d)"

_PATTERNS = [
    ("md", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>{_YEAR})\b)?")),
    ("dm", re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\b(?:,?\s+(?P<y>{_YEAR})\b)?")),
    (
        "month",
        re.compile(
            rf"\b(?:(?P<rel>(?i:this|last|next|earlier this|later this))\s+month|(?:the\s+)?end\s+of\s+(?:the|this)\s+month|(?P<m>{_MONTH})\b(?!\s+[0-3]?\d\b)(?:\s+(?P<y>{_YEAR})\b)?)"
        ),
    ),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<rel>(?i:last|next|this|on|early on|late on|early|late))\s+)?(?P<w>{DAY_NAME})\b"),
    ),
    ("day", re.compile(r"\b(?P<w>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))\b", re.I)),
    (
        "year",
        re.compile(
            rf"\b(?:(?P<rel>(?i:this|last|next|earlier this|later this))\s+year|(?:the\s+)?end\s+of\s+(?:the|this)\s+year|year[\s-]end|(?<![\d,.$€£])(?P<y>{_YEAR})(?!\d|,\d|s\b|\s*(?:%|percent|per cent)))"
        ),
    ),
]
_ANY = re.compile(
    rf"\d|{_MONTH}|{DAY_NAME}|\b(?i:year|month|today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))\b"
)
"""Whether a sentence can hold a date at all (most cannot: a quick test before the patterns)."""
_COUNTED = re.compile(
    r"\s+(?!(?:as|was|has|is|its|his|this|thus|us|unless|whereas|perhaps|always)\b)[a-z]+s\b"
    r"(?!\s+(?:ago|earlier|later|before|after))"
)
"""A plural after a year-like number, which it counts ("2000 troops"; not "2000 was")."""
_BEFORE_YEAR = re.compile(
    r"\b(?:in|since|by|from|until|of|before|after|during|to|between|and|early|late|mid|year)\W*$", re.I
)
_RANGE_FROM = re.compile(rf"(?<![\d,.])(?!{_YEAR}\b)\d[\d,]*\s*(?:to|and|or|-|–)\s*$")
"""A number before a year-like one that counts: "1500 to 2000 cars" is a range of cars."""
_FUTURE = re.compile(
    r"\b(?:will|would|'ll|is expected|are expected|expects?|is due|are due|is scheduled|are scheduled|scheduled|"
    r"plans? to|planned|is set to|are set to|is to|are to|next|upcoming|coming|hopes? to|hoped to|intends? to|expected|due)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|met|took|fell|rose|came|went|began|left|made|found|gave|held|"
    r"won|lost|saw|sent|set|spent|paid|hit|cut|ran|stood|broke)\b|(?<!\ba )(?<!\ban )(?<!\bthe )\b(?!un)\w{3,}ed\b",
    re.I,
)
_PARTICIPLE_AFTER = re.compile(
    r"\s+(?:(?:to|be|been|being|stay|remain|get|become|not|also|still|probably|likely|fully)\s+){0,3}"
)
"""What may stand between a word of the future and a participle of its own verb phrase: "will
stay suspended", "will remain closed", "is scheduled to be buried" (no past there). Only such
words: "the planned strike was called off", "will face charges filed on Monday" are past, as is
a perfect ("would have started")."""
_MAY_VERB = re.compile(r"\b(?:may|might)\s+(?:be|have|not|also|still|never|well)\b", re.I)


@dataclass(frozen=True, slots=True)
class Dated:
    """A date found in a sentence: as written, resolved, and where."""

    expression: str
    date: str
    start: int
    end: int


def find_dates(sentence: str, published: dt.date | None) -> list[Dated]:
    """The dates in one sentence, resolved against ``published`` (relative ones need it)."""
    if not _ANY.search(sentence):
        return []
    # A run-on "sentence" of a hostile page may hold thousands of dates: each lookup below
    # is kept to the date's own stretch of the sentence.
    taken = bytearray(len(sentence))  # 1 where a date found before stands
    clauses = _Clauses(sentence)
    found: list[Dated] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            if kind == "month" and match.group("m") == "May" and _MAY_VERB.match(sentence, start):
                continue
            if (
                kind == "year"
                and match.group("y")
                and _COUNTED.match(sentence, end)
                and (
                    not _BEFORE_YEAR.search(sentence, max(0, start - 12), start)
                    or _RANGE_FROM.search(sentence, max(0, start - 12), start)
                )
            ):
                continue  # "2000 troops", "1500 to 2000 cars" are numbers of troops and cars
            if kind == "year" and match.group("y") and in_a_name(sentence, *match.span("y"), year=True):
                continue  # "Vision 2030", "the 1922 Committee"
            left, right = clauses.around(start, end)
            tense = _tense_near(sentence[left:right], start - left)
            try:
                date = _resolve(kind, match, tense, published)
            except OverflowError:  # "tomorrow" of 9999-12-31, stored before such dates were refused
                date = None
            if date is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Dated(match.group(0).strip(), date, start, end))
    found.sort(key=lambda d: d.start)
    return found


def _resolve(kind: str, match: re.Match[str], tense: str | None, published: dt.date | None) -> str | None:
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    if kind in ("md", "dm"):
        month, day = MONTHS[groups["m"].lower().rstrip(".")], int(groups["d"])
        if year is None:
            if published is None:
                return None
            year = published.year
            if (dt.date(year, month, 1) - published.replace(day=1)).days > 180:
                year -= 1  # "December 28" in a January story
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    if kind == "month":
        if groups.get("rel"):
            if published is None:
                return None
            rel = groups["rel"].lower()
            shift = -1 if rel == "last" else 1 if rel == "next" else 0
            months = published.year * 12 + published.month - 1 + shift
            return f"{months // 12:04d}-{months % 12 + 1:02d}"
        if not groups.get("m"):  # "by the end of the month"
            return published.strftime("%Y-%m") if published else None
        month = MONTHS[groups["m"].lower().rstrip(".")]
        if year is None:
            if published is None:
                return None
            year = published.year
            ahead = (month - published.month) % 12
            if tense == "future" or tense is None and ahead <= UNTENSED_MONTHS_AHEAD:
                year += month < published.month
            else:
                year -= month > published.month
        return f"{year:04d}-{month:02d}"
    if kind == "weekday":
        if published is None:
            return None
        target = WEEKDAY_NUMBER[groups["w"].lower()]
        rel = (groups.get("rel") or "").lower()
        back = (published.weekday() - target) % 7
        ahead = (target - published.weekday()) % 7
        if rel == "last":
            delta = -(back or 7)
        elif rel == "next":
            delta = ahead or 7
        else:
            if tense == "future":
                delta = ahead
            elif tense == "past":
                delta = -back
            else:
                delta = ahead if ahead <= back else -back
        return (published + dt.timedelta(days=delta)).isoformat()
    if kind == "day":
        if published is None:
            return None
        word = groups["w"].lower()
        delta = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return (published + dt.timedelta(days=delta)).isoformat()
    if kind == "year":
        if year is not None:
            return f"{year:04d}"
        if published is None:
            return None
        rel = (groups.get("rel") or "this").lower().split()[-1]
        return f"{published.year + {'last': -1, 'next': 1}.get(rel, 0):04d}"
    return None


UNTENSED_MONTHS_AHEAD = 2
"""A month named with no verb near it ("After the May resignation of Suharto", in November) is
the coming one only when it is at most this many months ahead: news tells what happened. It
had been the nearer of the two, and a helper found "the May resignation" dated next May."""

CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s-{1,2}\s|\band\b(?!\s+[A-Z])|\bbut\b|\bwhile\b|\bafter\b|\bbefore\b|\bwhen\b")


class _Clauses:
    """The clause breaks of one sentence, found once."""

    def __init__(self, sentence: str) -> None:
        spans = [m.span() for m in CLAUSE_BREAK.finditer(sentence)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]  # in order too: the breaks do not overlap
        self._length = len(sentence)

    def around(self, start: int, end: int) -> tuple[int, int]:
        """Where the clause around an expression at ``start:end`` starts and ends."""
        before = bisect_right(self._ends, start)
        after = bisect_left(self._starts, end)
        left = self._ends[before - 1] if before else 0
        right = self._starts[after] if after < len(self._starts) else self._length
        return left, right


def _tense_near(text: str, at: int) -> str | None:
    """The tense of the verb marker nearest before ``at`` in ``text`` (else nearest after)."""
    future = [m.span() for m in _FUTURE.finditer(text)]
    past = [
        m.span()
        for m in _PAST.finditer(text)
        if not any(s < m.end() and m.start() < e for s, e in future)  # "is scheduled" is future
        and not (
            m.group(0).lower().endswith("ed")
            and any(e <= m.start() and _PARTICIPLE_AFTER.fullmatch(text, e, m.start()) for _, e in future)
        )
    ]
    marks = [(s, "future") for s, _ in future] + [(s, "past") for s, _ in past]  # "is scheduled" is future
    if not marks:
        return None
    before = [m for m in marks if m[0] < at]
    return max(before)[1] if before else min(marks)[1]
