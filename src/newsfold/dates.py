"""Find and parse the dates news pages write: ISO, "Apr 25, 2019", "24 April 2019", "Friday , August 23 2019"."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_NAME = "(?:" + "|".join(day.capitalize() for day in WEEKDAYS) + ")"
"""A day of the week as prose writes it ("Tuesday"), for regular expressions."""

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
MONTH_NAME = r"(?:" + "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True)) + r")\.?"
"""A month as prose writes it ("March", "Mar."), for regular expressions."""
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r")\s*,?\s*)"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
_MDY = rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y1>\d{{4}})"
_DMY = rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\s*,?\s*(?P<y2>\d{{4}})"

DATE_PATTERN = rf"(?i:{_WEEKDAY}?(?:{_ISO}|{_MDY}|{_DMY}))"
_DATE = re.compile(DATE_PATTERN, re.IGNORECASE)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s*(?:ET|EST|EDT|GMT|UTC|BST|CET|PT|[A-Z]{2,4}))?"
    r"|\b\d{1,2}\s*[ap]\.m\.",
    re.IGNORECASE,
)


def parse_date(text: str | None) -> dt.date | None:
    """Return the first date written in ``text``, or None.

    Args:
        text: any string; ISO timestamps ("2025-03-05T08:00:00Z") work too.
    """
    if not text:
        return None
    match = _DATE.search(text)
    return _to_date(match) if match else None


_YEAR_FIRST = re.compile(
    r"(?P<y>\d{4})(?:/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:[T ]\d{1,2}:\d{2}\S*(?:\s*[A-Z]{1,5})?)?"
    r"|(?P<cm>\d{2})(?P<cd>\d{2})(?:T?\d{4}(?:\d{2})?Z?)?)"
)
"""2025/03/05 with a time or not ("2025/03/05 08:00:00 UTC"), or 20250305, 202503050800,
20250305T080000Z."""
_STAMP = re.compile(r"(?P<digits>\d{9,10}|\d{13})(?:\.\d+)?")
"""A Unix time: seconds (9 or 10 digits: 1973 to 2286) or milliseconds (13)."""


def parse_published(text: str | None) -> dt.date | None:
    """The date a container (a JSON record, a feed) gives as an article's publication date.

    What :func:`parse_date` reads, and the forms crawlers write that prose does not: a date
    with slashes ("2025/03/05 08:00") or none ("20250305", "202503050800"), and a Unix time
    in seconds or milliseconds ("1741161600", "1741161600000.0"), read in UTC and no later
    than tomorrow. Other runs of digits are no date.
    """
    if not text:
        return None
    text = text.strip()
    if found := _YEAR_FIRST.fullmatch(text):
        year, month, day = found["y"], found["m"] or found["cm"], found["d"] or found["cd"]
        try:
            date = dt.date(int(year), int(month), int(day))
        except ValueError:
            return None
    elif found := _STAMP.fullmatch(text):
        stamp = int(found["digits"])
        try:
            date = dt.datetime.fromtimestamp(stamp / 1000 if len(found["digits"]) == 13 else stamp, dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
        if date > dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1):
            return None  # not yet: another form of digits ("2025030508", to the hour)
    elif text.isdigit():
        return None
    else:
        return parse_date(text)
    return date if date.year in YEARS else None


YEARS = range(1600, 2200)
"""The years a news article can be published in. A date outside them ("9999-12-31", a
template's "0001-01-01") is read as no date: the timeline's "tomorrow" from it would also
fall off the calendar."""


def _to_date(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    if parts["iy"]:
        year, month, day = int(parts["iy"]), int(parts["im"]), int(parts["id"])
    elif parts["y1"]:
        year, month, day = int(parts["y1"]), _month(parts["m1"]), int(parts["d1"])
    else:
        year, month, day = int(parts["y2"]), _month(parts["m2"]), int(parts["d2"])
    if year not in YEARS:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def date_line(line: str) -> tuple[dt.date, bool, bool] | None:
    """Parse a line that holds nothing but a date (and maybe a time, a weekday, a label).

    Returns:
        ``(date, has_time, has_weekday)`` or None when the line says more than a date.
    """
    if len(line) > 80:  # a line that is only a date is short; don't scan paragraphs
        return None
    match = _DATE.search(line)
    if not match:
        return None
    rest = (line[: match.start()] + " " + line[match.end() :]).strip()
    has_time = bool(_TIME.search(rest))
    rest = _TIME.sub(" ", rest)
    rest = re.sub(
        r"(?i)\b(updated|published|posted|last updated|on|at|\d+\s*min(?:ute)?s?\s+read)\b|[|:,.·•\-–—]", " ", rest
    )
    if rest.strip():
        return None
    day = _to_date(match)
    if day is None:
        return None
    has_weekday = bool(re.match(_WEEKDAY, match.group(0), re.IGNORECASE))
    return day, has_time, has_weekday
