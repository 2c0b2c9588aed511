"""Clean scraped plain text: story paragraphs, title, source, date and byline.

A scraped article is read as three zones: a header (page date, section label, headline,
standfirst, caption, byline, timestamp), the body, and a tail that starts at the first
"About Admin" / "Check Also" / "Share it" style marker and holds only page furniture.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from newsfold.clean import rules
from newsfold.dates import DATE_PATTERN, DAY_NAME, MONTH_NAME, date_line, parse_date


@dataclass(frozen=True, slots=True)
class CleanText:
    paragraphs: tuple[str, ...]
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    author: str | None = None


_SEP = r"\s*(?:--|—|–|-|:|\s_\s)\s*"  # " _ ": the dash of 1990s AP wire copy
_PLACE = r"[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3}"
_REGION = r"(?:,\s*[A-Z][\w.'’]+(?:\s[A-Z][\w.'’]+)?)"
_DATELINES = (
    # " date 2019-04-24 (Bloomberg) -- Kim Jong Un is ..."
    re.compile(rf"^\s*(?:date\s+)?(?P<date>\d{{4}}-\d{{2}}-\d{{2}})\s*\((?P<source>[^()]{{2,40}})\){_SEP}"),
    # "VLADIVOSTOK, Apr 25, 2019, Bloomberg. North Korean leader ..."
    re.compile(
        rf"^(?P<place>{_PLACE}),\s*(?P<date>{DATE_PATTERN})\s*,\s*"
        rf"(?P<source>[A-Z][\w&'’ .-]{{1,40}}?)\.\s+(?=[A-Z“\"‘'])"
    ),
    # "PORTMERE, March 5 (Meridian Wire) — ..." and "LONDON (Reuters) - ..."
    re.compile(
        rf"^(?P<place>{_PLACE}){_REGION}?(?:,\s*(?P<date>[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
        rf"\s*\((?P<source>[^()]{{2,40}})\){_SEP}"
    ),
    # "VLADIVOSTOK, Russia—North Korean leader ..." and "CAPE LORN, March 14 — ..."
    re.compile(
        rf"^(?P<place>{_PLACE}){_REGION}?"
        rf"(?:,\s*(?:(?P<date>{DATE_PATTERN})|[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}))?\s*(?:(?:--|—|–)\s*|_\s+)"
    ),
    # "Nairobi, February 9 (Xinhua) -- ...": a place written in small letters, only with a month,
    # a day and a source after it ("Hurricane Katrina, August 29 -- The storm..." is a timeline's)
    re.compile(
        rf"^(?!{DAY_NAME})(?P<place>[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|es|de|al|el|la)){{0,3}}),\s*"
        rf"(?P<date>{MONTH_NAME}\s+\d{{1,2}})\s*\((?P<source>[^()]{{2,40}})\)\s*(?:--|—|–)\s*"
    ),
)

# Where a page says who published it: "Republished under licence by the Ostrel Observer.",
# "..., reported The Straits Times.", "Copyright © 2025 Portmere Pulse | ...", "© Radio Calvenna".
_NAME = r"(?:[Tt]he\s+)?(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:&\s+)?[A-Z][\w&'’.-]*){0,4})"
_PUBLISHED_BY = re.compile(rf"\b(?:[Rr]epublished|[Rr]eprinted|[Pp]ublished)\b[^.]{{0,40}}\bby\s+{_NAME}\s*\.?\s*$")
_REPORTED_BY = re.compile(rf",\s+reported\s+{_NAME}\.\s*$")
_COPYRIGHT = re.compile(rf"^(?:Copyright\s*)?(?:©|\(c\)|Copyright)\s*(?:\d{{4}}\s+)?{_NAME}\s*(?:[.|,].*)?$")
_MASTHEAD = re.compile(r"^(?P<name>THE\s+[A-Z&' ]{3,40}|[A-Z][A-Z&' ]{2,40}?)\s*(?:\|.*)?$")


def clean_text(text: str, *, title: str | None = None) -> CleanText:
    """Split scraped text into story paragraphs and the metadata its header carries.

    Args:
        text: the decoded text of one article.
        title: a headline known from elsewhere (JSON record, HTML metadata); it wins.

    Returns:
        CleanText with paragraphs in order and title/source/published/author when found.
    """
    units = paragraphs_of(normalise(text))
    start = _body_start(units)
    meta = _read_header(units[:start])
    body, dateline = _read_body(units[start:])
    published = meta.published or (dateline.published if dateline else None)
    source = publisher(units) or meta.source or (dateline.source if dateline else None)
    return CleanText(
        paragraphs=tuple(p for p in map(_unmarked, body) if p),
        title=title or meta.title,
        source=source,
        published=published,
        author=meta.author,
    )


_C1_AS_CP1252 = {code: char for code in range(0x80, 0xA0) if (char := bytes((code,)).decode("cp1252", "ignore"))}
"""C1 control characters in a text are cp1252 bytes that something upstream read as latin-1
("river\x97swollen" meant an em dash): they are read as cp1252 meant them."""
_C1 = re.compile(r"[\x80-\x9f]")
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 but tab and line ends, DEL, C1
    r"\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"  # invisible: see below
)
"""Control characters left (C0 but tab and line ends, DEL, C1 that cp1252 leaves undefined):
never text. Escape sequences made of them would reach a terminal that prints a title, and
PostgreSQL refuses NUL. With them go the invisible ones pages use for layout: soft hyphens,
zero-width spaces, word joiners, direction marks and embeddings, a byte-order mark inside the
text. "Mer\u200bidian Wire" was an outlet of its own and "At least 14 peo\u00adple" cut a
figure short; a copy written with them was not found to be a copy."""
_HEADING_MARK = re.compile(r"(?m)^\s*#{1,6}\s+")
_EMPHASIS = re.compile(r"(?<![\w*])\*{1,2}([^*\n]+?)\*{1,2}(?![\w*])")
_LINE_ENDS = str.maketrans(
    {"\x0b": "\n", "\u2028": "\n", "\x0c": "\n\n", "\x1c": "\n\n", "\x1d": "\n\n", "\x1e": "\n\n", "\u2029": "\n\n"}
)
"""Other ways of ending a line (a vertical tab, Unicode's line separator) or a paragraph (a form
feed, the file, group and record separators, Unicode's paragraph separator): dropped as control
characters, they glued two words."""
_BLANKS = re.compile(r" [ \t]+|\t[ \t]*")
"""Runs of spaces and tabs that are not a single space (to become one)."""


def _as_cp1252(text: str) -> str:
    """C1 controls read as cp1252 (a search first: translate is slow on any non-ASCII text)."""
    return text.translate(_C1_AS_CP1252) if _C1.search(text) else text


MAX_LINE_CHARS = 2_000
"""The longest title, source or author kept whole (the longest headlines run to about 200
characters); longer is cut at a word, with an ellipsis. A 1 MB "title" in a JSON record
otherwise became the headline of its event."""


def one_line(text: str | None) -> str | None:
    """A title, source, author or url as one line of text: no control characters, every run
    of white space one space; None when nothing is left."""
    if text is None:
        return None
    return " ".join(_CONTROL.sub("", _as_cp1252(text)).split()) or None


def capped(line: str | None, limit: int = MAX_LINE_CHARS) -> str | None:
    """``line`` if it has at most ``limit`` characters, else as many of its first words as fit
    with an ellipsis after them (a first word longer than that is cut)."""
    if line is None or len(line) <= limit:
        return line
    head = line[:limit]
    kept = head.rsplit(" ", 1)[0] if " " in head else head  # a word the cut split goes
    return kept[: limit - 1].rstrip() + "…"


_NARROW_SPACE = re.compile(r"(?<=\d)(?P<group>[\u00a0\u202f\u2009])(?=\d{3}(?!\d))|[\u00a0\u202f\u2009]")
"""A no-break or thin space: one setting a number's thousands apart ("3 000", "1 200 000") is
``group``."""


def normalise(text: str) -> str:
    """Undo typewriter and markdown conventions that get in the way of sentences."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_ENDS)
    if "\u00a0" in text or "\u202f" in text or "\u2009" in text:
        # A space setting thousands apart stays, as a no-break space, for figures to read
        # "3 000" as one number (made a plain space, it was 3 and 0); a comma instead would
        # misread in languages where the comma marks decimals. Others are plain spaces.
        text = _NARROW_SPACE.sub(lambda m: "\u00a0" if m.group("group") else " ", text)
    text = _CONTROL.sub("", _as_cp1252(text))
    text = text.replace("``", "“").replace("''", "”").replace("\\$", "$")
    if "#" in text:
        text = _HEADING_MARK.sub("", text)
    if "*" in text:
        text = _EMPHASIS.sub(r"\1", text)
    return _BLANKS.sub(" ", text)


_TIME_ZONE = r"(?:GMT|UTC|BST|CET|CEST|EET|ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|AEST|AEDT|IST|JST)"
_LINE_MARK = re.compile(
    r"^(?:[-*•·▪]\s+(?!\d)"  # a list's bullet (not a minus: "- 5 degrees"; a dash opens a credit: "— Reuters")
    r"|(?:[01]?\d|2[0-3])(?::[0-5]\d(?:\s?(?i:[ap]\.?m\.?))?|\.[0-5]\d\s?(?i:[ap]\.?m\.?))"  # "14:02", "9.30am"
    rf"(?:\s?{_TIME_ZONE})?\s*[-–—:|]?\s+(?=[A-Z“\"‘']))"  # a live blog's time ("2:15 p.m. ET: ")
)


def _unmarked(paragraph: str) -> str:
    """A paragraph without what opens it as a list item ("- ", "• ") or a live blog's entry
    ("14:02 ", "9.30am - "): not part of its sentence, which could otherwise not be a
    summary's (its first word would not be a capital)."""
    return _LINE_MARK.sub("", paragraph, count=1)


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs of a text: blank-line blocks, or lines, with hard-wrapped lines joined."""
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if _hard_wrapped(lines):
            units.append(" ".join(lines))
            continue
        joined: list[str] = []
        for line in lines:
            if joined and _continues(joined[-1], line):
                joined[-1] = f"{joined[-1]} {line}"
            else:
                joined.append(line)
        units.extend(joined)
    return units


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 3:
        return False
    inner = lines[:-1]
    open_ended = sum(1 for line in inner if len(line) >= 40 and not rules.ends_sentence(line))
    return open_ended * 2 > len(inner)


def _continues(previous: str, line: str) -> bool:
    """A line that carries on the previous one's sentence (a wrapped or broken line)."""
    if rules.ends_sentence(previous) or rules.is_heading(previous, max_words=6):
        return False
    if line[:1].isdigit() and (date_line(line) or rules.is_stamp(line)):
        return False  # a time stamp under a headline ("5 March 2025 • 3 min read"), not its end
    return line[:1].islower() or line[:1].isdigit() or previous.endswith((",", "-", "—", "–"))


_STATEMENT_END = re.compile(r"[.!…][\"'”’)\]]*$")


def _body_start(units: list[str]) -> int:
    for index, unit in enumerate(units):
        if _is_furniture(unit) or date_line(unit):
            continue
        # A headline may end in "?" or a closing quote, a story's sentence in a period.
        if _STATEMENT_END.search(unit) or (rules.ends_sentence(unit) and not rules.looks_like_title(unit)):
            return index
        if unit.rstrip().endswith((":", ",")) and len(unit.split()) >= 6:
            return index  # a story's opening line leading into the next ("The Times said in an editorial:")
    return 0


def _is_furniture(unit: str) -> bool:
    return (
        rules.is_stamp(unit)
        or rules.is_caption(unit)
        or rules.is_byline(unit)
        or rules.is_boilerplate(unit)
        or rules.is_contributor_line(unit)
        or rules.is_tail_marker(unit)
    )


def _read_header(units: list[str]) -> CleanText:
    """Title, date and byline from the lines above the story."""
    meta = CleanText(paragraphs=())
    capitals = None
    for index, unit in enumerate(units):
        found = date_line(unit)
        if found:
            day, has_time, has_weekday = found
            # A weekday date with no time on the first line, above a headline, is the page's
            # display date ("Friday , August 23 2019" on a blog), not the article's.
            if index == 0 and has_weekday and not has_time and len(units) > 1:
                continue
            meta = replace(meta, published=meta.published or day)
        elif rules.is_byline(unit):
            meta = replace(meta, author=meta.author or rules.byline_name(unit))
        elif (alone := strip_dateline(unit))[1] is not None and not alone[0]:  # "PORTMERE, Dec. 31 (AP) —"
            dateline = alone[1]
            meta = replace(meta, published=meta.published or dateline.published, source=meta.source or dateline.source)
        elif _is_furniture(unit) or rules.is_section_label(unit):
            continue
        elif rules.looks_like_title(unit) and "|" not in unit:
            if unit.isupper():  # a masthead's name is in capitals too: a headline written so is the last resort
                capitals = capitals or unit
            elif meta.title is None:
                meta = replace(meta, title=unit)
    return meta if meta.title or capitals is None else replace(meta, title=capitals)


def _read_body(units: list[str]) -> tuple[list[str], CleanText | None]:
    body: list[str] = []
    dateline = None
    for unit in units:
        if body and rules.is_tail_marker(unit):
            break
        if _is_furniture(unit) or date_line(unit) or rules.is_heading(unit):
            continue
        if not body:
            unit, dateline = strip_dateline(unit)
            if not unit:
                continue
        body.append(unit)
    return body, dateline


def publisher(units: list[str]) -> str | None:
    """The outlet a page names as its publisher, from its footer, lede or masthead."""
    for unit in reversed(units[-12:]):  # footers sit at the end
        found = _PUBLISHED_BY.search(unit) or _COPYRIGHT.match(unit)
        if found:
            return found.group("name").strip(" .,")
    for unit in units[:12]:
        found = _REPORTED_BY.search(unit)
        if found:
            return found.group("name").strip(" .,")
    return _masthead(units)


def _masthead(units: list[str]) -> str | None:
    """An all-capitals first line that names the outlet: "THE VESSANT COURIER" above a section
    label, or "RADIO CALVENNA | NEWS"."""
    if len(units) < 2 or not units[0].isupper():
        return None
    found = _MASTHEAD.match(units[0])
    if not found or len(found.group("name").split()) < 2:
        return None
    label = rules.short_capitals(units[1])  # a section's: "WORLD", "HONG KONG"
    if "|" in units[0] or found.group("name").startswith("THE ") and label:
        return found.group("name").strip().title()
    return None


def strip_dateline(paragraph: str) -> tuple[str, CleanText | None]:
    """Remove a dateline ("LONDON (Reuters) - ") from a lede; return what it said."""
    for pattern in _DATELINES:
        match = pattern.match(paragraph)
        if match:
            parts = match.groupdict()
            found = CleanText(
                paragraphs=(),
                source=_source(parts.get("source")),
                published=parse_date(parts.get("date")),
            )
            return paragraph[match.end() :].strip(), found
    return paragraph, None


def _source(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip(" .,")
    return text if 1 < len(text) <= 40 and not text.isdigit() else None
