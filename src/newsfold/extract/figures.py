"""Figures: money, percentages and counts, with what they measure and when.

A figure is a quantity written with digits ("$1.9 million", "12 per cent", "3,200 people",
"6.8 meters"), never a year, a date, a clock time, an age or part of a name ("Route 9").
Its unit is a currency code, "%", or the noun it counts (singular, US spelling: "tonnes"
-> "tonne", "cubic metres" -> "cubic meter"); a bare number next to a counted one takes that
unit ("31,500 vehicles a day, up from 19,400"). What it measures is the phrase that says so:
the words after a count ("people were killed"), a money amount's noun or "of" phrase
("program to raise the river walls", "of its economy"), else the words before it ("The
river reached"). Its period is the date or time phrase of its clause ("in 2023", "at the
end of 2017", "before sanctions", "currently").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from newsfold.extract.named import in_a_name
from newsfold.extract.timeline import CLAUSE_BREAK, Dated, find_dates
from newsfold.extract.units import (
    CURRENCIES,
    CURRENCY_WORDS,
    MEASUREMENTS,
    NOT_UNITS,
    SAME_IN_PLURAL,
    is_count,
    nounlike,
    plural,
    singular,
)
from newsfold.stopwords import FUNCTION_WORDS

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "mn": 1e6}
MAX_FIGURES = 25
"""More numbers than this in one sentence make it a table, which has no prose to read them from."""
_FIGURE = re.compile(
    r"(?<![\w\-.,:#])(?<!\d/)(?P<cur>US\$|S\$|A\$|C\$|HK\$|NZ\$|\\\$|\$|€|£|¥|dlrs\s)?\s?"
    r"(?P<num>\d{1,3}(?:[,\u00a0]\d{3}){1,4}(?:\.\d{1,6})?|\d{1,12}(?:\.\d{1,6})?)"  # "3,000", "3 000"
    r"(?:\s?(?P<scale>(?i:million|billion|trillion|thousand)|bn|mn|m)\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per\s+cent\b))?"
    r"(?:-(?P<hy>[a-z]+)\b(?!-old))?"  # "a 30-year concession", "the 120-seat assembly"
    r"(?![\w\-]|/\d|\.\d|:\d)"  # not part of a word, a date ("03/04/2024") or a time ("14:02")
)
AT_LEAST = ("at least", "more than", "over", "just over")
AT_MOST = ("less than", "fewer than", "under", "just under", "up to", "as many as")
ROUGHLY = ("about", "around", "nearly", "almost", "some", "roughly", "approximately")
"""The words that qualify a figure ("at least 14"), by the values they let it stand for."""
_QUALIFIER = re.compile(r"\b(?:" + "|".join(AT_LEAST + AT_MOST + ROUGHLY) + r")\s+$", re.I)
_AGE = re.compile(r"(?:\baged?\s+$|[A-Z][a-z]+,\s*$)")
_AGE_AFTER = re.compile(r"^(?:,|-year-old|\s+years?\s+old)")
_TIME_AFTER = re.compile(r"^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|ET\b|o'clock)", re.I)
_CLOCK = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_CLOCK_HOURS = re.compile(r"\s*(?:hours|hrs|local\s+time)\b(?!\s+of\b)", re.I)  # "at 2200 hours", not "2000 hours of"
_CLOCK_AT = re.compile(r"\b(?:at|from|until|till|between)\s+$", re.I)  # not "after 1200 hours in service"
_TO_SMALL_HOURS = re.compile(r"\s*(?:to|and|until|-|–)\s*0\d[0-5]\d\b", re.I)  # "from 2200 to 0600"
_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_COMPARED = re.compile(
    r"(?:\bfrom|(?<!more )(?<!less )(?<!fewer )(?<!greater )\bthan|\bcompared (?:with|to)|\bagainst|\bversus|\bvs\.?)\s+(?:the\s+)?(?:about |around |some |nearly )?[^\w]{0,3}$",
    re.I,
)
_END_OF = re.compile(
    r"\s*\b(?:at|by|in|until|before|after|since)?\s*(?:the\s+)?(?:end|start|beginning|middle)(?:\s+of)?\s*$", re.I
)
_SCORE = re.compile(r"\s+to\s+(?:about\s+|around\s+|nearly\s+)?", re.I)
"""Between the two numbers of a score or range ("61 votes to 54", "4 to 6 meters"): both measure one thing."""
_PERIOD_WORDS = re.compile(r"\b(?:before\s+(?:the\s+)?[a-z]+|currently)\b", re.I)


@dataclass(frozen=True, slots=True)
class Found:
    value: float
    unit: str | None
    text: str
    measures: str
    period: str | None
    start: int
    context: str = ""
    """The words just before the figure ("earning the regime more than"), to compare figures."""
    when: str | None = None
    """The period resolved: YYYY, YYYY-MM, YYYY-MM-DD, "before", or None (not stated)."""


def find_figures(sentence: str, published: dt.date | None = None, dates: list[Dated] | None = None) -> list[Found]:
    """The figures of one sentence, in order.

    Args:
        sentence: one sentence.
        published: its article's date, to resolve periods ("last year").
        dates: ``find_dates(sentence, published)`` when the caller has it already.
    """
    matches = list(_FIGURE.finditer(sentence))
    if len(matches) > MAX_FIGURES:
        return []  # a table flattened into a sentence, not prose to read figures from
    if dates is None:
        dates = find_dates(sentence, published)
    raw = []
    for match in matches:
        start, end = match.span()
        if not _is_quantity(sentence, match, dates):
            continue
        value = float(match.group("num").replace(",", "").replace("\u00a0", ""))
        scale = match.group("scale")
        unit, unit_end = _unit(sentence, match)
        if scale == "m" and not match.group("cur") and not _in_millions(sentence, match, unit, unit_end):
            unit = "meter"  # "6 m deep": six metres, not six million
        elif scale:
            value = round(value * SCALES[scale.lower()], 6)
        qualifier = _QUALIFIER.search(sentence, max(0, start - 40), start)
        text_start = qualifier.start() if qualifier else start
        raw.append([value, unit, sentence[text_start:unit_end].strip(), start, end, unit_end, text_start, unit is None])
    _inherit_units(raw)
    found: list[Found] = []
    last_end, last_bare = 0, False
    for value, unit, text, start, end, unit_end, text_start, bare in raw:
        if found and re.search(r"\(\s*$", sentence[:start]):  # "20 million crowns ($1.9 million)"
            outer = found[-1]
            found.append(Found(value, unit, text, outer.measures, outer.period, start, outer.context, outer.when))
            last_end, last_bare = unit_end, bare
            continue
        measures = _measures(sentence, start, unit_end, unit, text_start=text_start)
        compared = [f for f in found if f.unit == unit]
        pair = bool(compared) and found[-1].unit == unit and _SCORE.fullmatch(sentence, last_end, start) is not None
        if pair and _says_what(sentence, unit_end) and last_bare:  # "20 to 30 moderates who": both are moderates
            found[-1] = replace(found[-1], measures=measures)
        elif (
            pair
            and not _says_what(sentence, unit_end)
            or (  # "by 61 votes to 54": both are votes
                compared and _COMPARED.search(sentence[max(0, start - 60) : start])  # "6.8 meters, up from 2.9 meters"
            )
        ):
            measures = compared[-1].measures
        breaks = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, start)]
        context = " ".join(sentence[breaks[-1] if breaks else 0 : start].split()[-6:])
        period, when = _period(sentence, start, end, dates)
        found.append(Found(value, unit, text, measures, period, start, context, when))
        last_end, last_bare = unit_end, bare
    return found


def _says_what(sentence: str, end: int) -> bool:
    """Whether words after a figure, in its clause, say what it counts ("in the final ballot")."""
    words = _clause_words(_RATE.sub("", _PARENTHESIS.sub("", sentence[end:])))
    return any(w.lower() not in FUNCTION_WORDS for w in words)


def _is_quantity(sentence: str, match: re.Match[str], dates: list[Dated]) -> bool:
    start, end = match.span()
    if any(d.start <= start < d.end or d.start < end <= d.end for d in dates):
        return False  # part of a date ("March 5", "in 2021"; find_dates leaves "2000 troops" to us)
    cur = match.group("cur")
    before = sentence[max(0, start - 60) : start]
    if not cur and in_a_name(sentence, start, end):
        return False
    if not cur and (_AGE.search(before) and _AGE_AFTER.match(sentence[end:]) or sentence[end:].startswith("-year")):
        return False
    if _TIME_AFTER.match(sentence[end:]) or _clock_time(sentence, match):
        return False
    if sentence[start - 1 : start] == "(" and _PHONE_AFTER.match(sentence, end):
        return False  # a telephone number's area code
    return True


def _clock_time(sentence: str, match: re.Match[str]) -> bool:
    """Whether a number is a time of day on a 24-hour clock: four digits with a leading zero
    ("0600": no count is written so), a time "at 2200 hours" or "local time", or the start of
    a span to one with a leading zero ("a curfew from 2200 to 0600")."""
    number = match.group("num")
    if match.group("cur") or match.group("scale") or match.group("pct") or not _CLOCK.fullmatch(number):
        return False
    after = sentence[match.end() :]
    if number.startswith("0") or _TO_SMALL_HOURS.match(after):
        return True
    return _CLOCK_HOURS.match(after) is not None and _CLOCK_AT.search(sentence[: match.start()]) is not None


_US_DOLLARS = re.compile(r"\s+U\.\s?S\.\s+dollars?\b", re.I)
_PHONE_AFTER = re.compile(r"\)\s*\d{3}[-\s]\d{4}\b")
"""What follows an area code in brackets: "(212) 487-4444"."""


def _unit(sentence: str, match: re.Match[str]) -> tuple[str | None, int]:
    """The unit, and where the figure's text ends (after its unit words)."""
    end = match.end()
    if match.group("cur"):
        return CURRENCIES[match.group("cur").strip().lower()], end
    if dollars := _US_DOLLARS.match(sentence, end):  # "322 million U.S. dollars"
        return "USD", dollars.end()
    if match.group("pct"):
        return "%", end
    if match.group("hy"):
        return singular(match.group("hy")), end
    words = list(_WORD.finditer(sentence, end))
    run = []
    for w in words[:4]:
        gap = sentence[(run[-1].end() if run else end) : w.start()]
        if gap.strip() or w.group(0).lower() in NOT_UNITS:
            break
        run.append(w)
        lower = w.group(0).lower()
        if singular(lower) in MEASUREMENTS - {"cubic", "square"}:
            break  # "12 kilometres south": the unit is the measure
        if w.group(0).islower() and plural(lower):
            break  # a plural ends the noun: "300 people live there", "2,000 women work"
    if not run:
        of = _of_noun(sentence, end)  # "2,300 of its members"
        if of:
            return singular(of.group("noun").lower()), end
    while run and not nounlike(run[-1].group(0)):
        run.pop()
    if not run:
        return None, end
    head = run[-1].group(0).lower()
    first = run[0].group(0).lower()
    noun = singular(head)
    if noun in CURRENCY_WORDS:
        return CURRENCY_WORDS[noun], run[-1].end()
    if first in ("cubic", "square") and len(run) > 1:
        return f"{first} {noun}", run[-1].end()
    return noun, run[-1].end()


RACES = frozenset(
    "final finals hurdles freestyle backstroke breaststroke butterfly medley relay relays heat heats sprint "
    "dash steeplechase race record title".split()
)
"""What follows the distance of a race: "the 400m hurdles" is metres, not millions."""


def _in_millions(sentence: str, match: re.Match[str], unit: str | None, unit_end: int) -> bool:
    """Whether a number's "m" (no currency before it) is millions of what follows, a plural
    or a unit of measure ("2.3m people", "a 1.5m-tonne cargo", "1.2m square feet", "4m
    sheep", "2m of its members"), rather than metres ("6m deep", "a 3m wall", "the 400m
    hurdles")."""
    if unit is None:
        return False
    if unit.split()[-1] in MEASUREMENTS:
        return True
    words = [match.group("hy")] if match.group("hy") else _WORD.findall(sentence, match.end(), unit_end)
    if not words and (of := _of_noun(sentence, match.end())):
        words = [of.group("noun")]  # "2m of its members", "10m of snow"
    words = [w.lower() for w in words]
    if any(w in RACES for w in words):
        return False
    return any(w in SAME_IN_PLURAL or plural(w) for w in words)


def _inherit_units(raw: list[list]) -> None:
    """A bare number (unit None) takes the counted unit of the nearest figure in its sentence, preferring a
    count ("54 votes") to a compound modifier ("the 120-seat assembly", which counts no items)."""
    counted = [r for r in raw if r[1] and r[1] != "%" and r[1] not in CURRENCIES.values()]
    counted = [r for r in counted if not re.search(r"\d-[a-z]", r[2])] or counted
    for r in raw:
        if r[1] is None and counted:
            r[1] = min(counted, key=lambda c: abs(c[3] - r[3]))[1]


_PARENTHESIS = re.compile(r"^\s*\([^)]*\)")


def _measures(sentence: str, start: int, end: int, unit: str | None, *, text_start: int) -> str:
    """What the figure quantifies, in the sentence's words."""
    after = _PARENTHESIS.sub("", sentence[end:])
    if is_count(unit):
        written = sentence[start:end].split()
        named = [w for w in written if w[0].isalpha() and w not in SCALES]
        head = named or [unit]
        if not named and (of := _of_noun(sentence, end)):  # "2,300 of its members had joined": the members
            head, after = [], sentence[of.start("noun") :]
        phrase = _trim(head + _clause_words(_RATE.sub("", after)), 10)  # "a day" measures nothing
        if len(phrase) > len(head) and any(w.lower() not in FUNCTION_WORDS for w in phrase[len(head) :]):
            return " ".join(phrase)
        left = sentence[max(0, text_start - 300) : text_start]
        before = _phrase_before(left)
        if len([w for w in before.split() if w.lower() not in FUNCTION_WORDS]) < 2:
            before = _phrase_before(left, whole=True)
        return " ".join(phrase) + (f", {before}" if before else "")
    words = _RATE.sub("", after)
    words = _clause_words(words) if not _RATE.match(after) or words.strip()[:1].isalpha() else []
    if words and words[0].lower() in ("of", "in") and len(words) > 1:
        return " ".join(_trim(words[1:], 6))
    if words and words[0].lower() in BEHIND:  # "14 months behind schedule": a delay
        return " ".join(_trim(words, 4))
    if len(words) > 1 and words[0].lower() in COMPARATIVES and words[1].lower() in AUXILIARIES:
        return " ".join(_trim(words, 8))  # "30 millimetres more could fall on the valley": the figure is the subject
    before = sentence[max(0, text_start - 300) : text_start]
    if (  # "bookings were 15% higher (than ...)": the bookings rose; but "12% more staff": the staff
        words and words[0].lower() in COMPARATIVES and (len(words) == 1 or words[1].lower() in FUNCTION_WORDS)
    ):
        subject = _phrase_before(before)
        if subject:
            return f"{subject} {words[0]}"
    if words and words[0].lower() not in FUNCTION_WORDS:
        return " ".join(words[:6])
    return _phrase_before(before) or _phrase_before(before, whole=True) or " ".join(words[:6]) or (unit or "")


_OF_NOUN = re.compile(r"\s+of\s+(?P<whose>its|the|their|his|her|our|those|these)\s+(?P<noun>[a-z]+)\b")


def _of_noun(sentence: str, end: int) -> re.Match[str] | None:
    """The whole a figure at ``end`` is a part of ("2,300 of its members"; its group ``noun``
    is "members"), if a noun follows: "5 of those were released" and "7 of these remain" have none
    ("those" and "these" stand alone: their noun must be a plural that shows it)."""
    of = _OF_NOUN.match(sentence, end)
    if of is None:
        return None
    determiner, noun = of.group("whose", "noun")
    if noun in AUXILIARIES or noun in FUNCTION_WORDS or not nounlike(noun):
        return None
    if determiner in ("those", "these") and not (plural(noun) or noun in SAME_IN_PLURAL):
        return None
    return of


_RATE = re.compile(
    r"^\s*(?:a|per|each|every)\s+(?:year|month|week|day)\b|^\s*(?:annually|yearly|monthly|daily)\b", re.I
)


def _trim(words: list[str], most: int) -> list[str]:
    words = words[:most]
    while words and words[-1].lower() in FUNCTION_WORDS:
        words.pop()
    return words


def _clause_words(text: str) -> list[str]:
    """The words of ``text`` up to a clause break or a date, function words trimmed at the end."""
    cut = CLAUSE_BREAK.search(text)
    clause = text[: cut.start()] if cut else text
    dates = find_dates(clause, _ANY_DAY)
    if dates:
        clause = _END_OF.sub("", clause[: dates[0].start])
    clause = _NUMBER_MODIFIER.sub("", clause)  # "of the 138-kilometer motorway": the motorway
    number = re.search(r"(?<!\w)\d", clause)
    if number:
        clause = clause[: number.start()]
    words = [w.strip('.,;:”“"') for w in clause.split()]
    words = [w for w in words if w]
    while words and words[-1].lower() in FUNCTION_WORDS:
        words.pop()
    return words


def _phrase_before(text: str, *, whole: bool = False) -> str:
    """The last words before a figure, back to a clause break (or the sentence start when
    ``whole``), without qualifiers, dates or function words."""
    breaks = [] if whole else list(CLAUSE_BREAK.finditer(text))
    clause = text[breaks[-1].end() :] if breaks else text
    if whole:  # the sentence's subject and the words just before the figure: "motion tabled … party defeated"
        kept = [
            w.strip('.,;:“"”')
            for w in re.sub(r"[,;:()—–]", " ", clause).split()
            if w.lower() not in FUNCTION_WORDS and not any(c.isdigit() for c in w)
        ]
        return " ".join(kept) if len(kept) <= 5 else " ".join(kept[:2]) + " … " + " ".join(kept[-3:])
    clause = _QUALIFIER.sub("", clause)
    for d in reversed(find_dates(clause, _ANY_DAY)):
        clause = clause[: d.start] + clause[d.end :]
    words = [w for w in clause.split() if not any(c.isdigit() for c in w)][-5:]
    while words and words[0].lower() in FUNCTION_WORDS:
        words = words[1:]
    while words and words[-1].lower() in FUNCTION_WORDS | {"up", "down"}:
        words.pop()
    return " ".join(w.strip('.,;:“"') for w in words)


BEHIND = frozenset({"behind", "ahead", "late", "early", "overdue"})
AUXILIARIES = frozenset("could would will may might can should must is are was were has have had".split())
COMPARATIVES = frozenset(
    {"higher", "lower", "more", "less", "fewer", "greater", "larger", "smaller", "bigger", "cheaper", "dearer"}
)
_NUMBER_MODIFIER = re.compile(r"(?<!\w)\d[\d,.]*(?:-[a-z]+)+\b\s*")
_ANY_DAY = dt.date(2000, 1, 1)  # lets relative dates be found when only their position matters


def _period(sentence: str, start: int, end: int, dates: list[Dated]) -> tuple[str | None, str | None]:
    """The period a figure refers to, as written and resolved ("in 2021" -> "2021").

    In order: a date just after the figure ("$305 million agreed when the deal was signed in
    2021"), a date or "before ..." in the figure's clause, a date or "before ..." opening the
    sentence ("At the end of 2017, ..."). A "before ..." period resolves to "before".
    """
    following = [d for d in dates if end <= d.start <= end + 40 and not re.search(r"[.;]", sentence[end : d.start])]
    if following:
        return _with_preposition(sentence, following[0]), following[0].date
    left = max((m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, start) if m.group(0) != "and"), default=0)
    right = next((m.start() for m in CLAUSE_BREAK.finditer(sentence, end) if m.group(0) != "and"), len(sentence))
    near = [d for d in dates if left <= d.start and d.end <= right]
    if near:
        d = min(near, key=lambda d: abs(d.start - start))
        return _with_preposition(sentence, d), d.date
    words = _PERIOD_WORDS.search(sentence, left, right)
    if words:
        return words.group(0), _when(words.group(0))
    opening = CLAUSE_BREAK.search(sentence)
    if opening and opening.end() <= start and sentence[opening.start()] == ",":
        fronted = [d for d in dates if d.end <= opening.start()]
        if fronted:
            return _with_preposition(sentence, fronted[0]), fronted[0].date
        words = _PERIOD_WORDS.search(sentence, 0, opening.start())
        if words:
            return words.group(0), _when(words.group(0))
    return None, None


def _when(words: str) -> str | None:
    return "before" if words.lower().startswith("before") else None


def _with_preposition(sentence: str, d: Dated) -> str:
    prep = re.search(
        r"(?:\b(?:in|on|at|by|during|since|from|until|of)\s+(?:the\s+(?:end|start|beginning)\s+of\s+)?)$",
        sentence[max(0, d.start - 30) : d.start],
        re.I,
    )
    return ((prep.group(0) if prep else "") + d.expression).strip()
