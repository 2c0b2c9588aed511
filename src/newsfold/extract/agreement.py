"""What the sources agree on, what only one reports, and where their figures differ.

Claims are the stories' sentences. Two sentences of different stories state the same claim
when they share most of their content words (Porter stems; Jaccard at least ``SAME_CLAIM``)
and their figures do not disagree:
a claim stated by two or more independent stories is consensus, one stated by a single story
is unique to it. Figures are compared when they count the same unit and their measures share a
content word (with death words folded together: "killed" = "died"); a group with different
values is a conflict, labelled ``changes over time`` when it follows one thing through
periods that differ, and ``differs`` when two stories give values that do not allow each
other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache

import numpy as np
from scipy import sparse

from newsfold.extract.figures import AT_LEAST, AT_MOST, ROUGHLY, Found, find_figures
from newsfold.graph import components
from newsfold.stopwords import STOP_WORDS
from newsfold.summarize.concepts import stem
from newsfold.types import Claim, Conflict, Figure

SAME_CLAIM = 0.3
"""Content-word Jaccard at which two sentences state one claim."""
MIN_CLAIM_WORDS = 8
CLAIM_SENTENCES = 20
"""Claims come from each story's first sentences (as the summary's candidates do): what a story
chose to say first, and a bound on the pairs compared in a large event."""
GENERIC_UNITS = frozenset({"people", "person", "time", "case", "thing"})
"""Count units too common to say by themselves that two figures measure one thing."""
SYNONYMS = {
    "kill": "death",
    "die": "death",
    "di": "death",
    "dead": "death",
    "death": "death",
    "fatal": "death",
    "toll": "death",
    "injur": "injury",
    "wound": "injury",
    "hurt": "injury",
    "evacu": "evacuate",
    "displac": "evacuate",
    "homeless": "evacuate",
    "capac": "capacity",
    "produc": "capacity",
    "output": "capacity",
    "cost": "cost",
    "price": "cost",
    "earn": "earn",
    "incom": "earn",
    "revenu": "earn",
}
"""Porter stems said of one measured thing ("killed", "died", "deaths"), matched whole."""
_WORD = re.compile(r"[^\W\d_]+")


def content(text: str) -> frozenset[str]:
    """The text's content words, stemmed, with synonyms folded."""
    return frozenset(c for c in map(_concept, _WORD.findall(text.lower())) if c)


@lru_cache(maxsize=200_000)
def _concept(word: str) -> str | None:
    if word in STOP_WORDS or len(word) < 3:
        return None
    s = stem(word)
    return SYNONYMS.get(s, s)


def claims(
    sentences: Sequence[tuple[str, str, tuple[str, ...]]],
    figures: Sequence[Sequence[Found]] | None = None,
) -> tuple[tuple[Claim, ...], tuple[Claim, ...], dict[str, list[str]]]:
    """Consensus and unique claims from (sentence, story, articles) triples.

    Args:
        sentences: the stories' sentences, each with its story and the articles stating it.
        figures: the figures found in each sentence, read with its article's date (else read
            here without one, when a sentence shares its words with another's).

    Returns:
        consensus claims, unique claims, and each story's unique sentences.
    """
    rows, found, seen = [], [], Counter()
    for k, (text, story, articles) in enumerate(sentences):
        seen[story] += 1
        if seen[story] <= CLAIM_SENTENCES and len(text.split()) >= MIN_CLAIM_WORDS:
            rows.append((text, story, articles))
            found.append(figures[k] if figures is not None else None)
    if not rows:
        return (), (), {}
    bags = [content(text) for text, _, _ in rows]
    vocabulary: dict[str, int] = {}
    indices, indptr = [], [0]
    for bag in bags:
        indices.extend(vocabulary.setdefault(w, len(vocabulary)) for w in bag)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), max(1, len(vocabulary))))
    shared = (matrix @ matrix.T).tocoo()
    sizes = np.array([len(b) for b in bags], dtype=float)
    story = np.unique([r[1] for r in rows], return_inverse=True)[1]
    i, j, n = shared.row, shared.col, shared.data
    keep = (i < j) & (story[i] != story[j]) & (n >= SAME_CLAIM * (sizes[i] + sizes[j] - n))
    allowed = lru_cache(maxsize=None)(  # only for rows in a pair
        lambda row: _by_unit(found[row] if found[row] is not None else find_figures(rows[row][0]))
    )
    pairs = [(a, b) for a, b in zip(i[keep], j[keep], strict=True) if not _disagree(allowed(a), allowed(b))]
    consensus, unique, by_story = [], [], {}
    for members in components(len(rows), np.array(pairs, dtype=np.int64).reshape(-1, 2)):
        stories = {rows[k][1] for k in members}
        articles = tuple(dict.fromkeys(a for k in members for a in rows[k][2]))
        text = rows[members[0]][0]
        if len(stories) >= 2:
            consensus.append(Claim(text, articles))
        else:
            unique.append(Claim(text, articles))
            by_story.setdefault(rows[members[0]][1], []).append(text)
    consensus.sort(key=lambda c: -len(c.articles))
    return tuple(consensus), tuple(unique), by_story


Allowed = list[tuple[float, float]]
"""The values a set of figures allows: one (low, high) per figure (see :func:`bounds`)."""


def _by_unit(figures: Sequence[Found]) -> dict[str | None, Allowed]:
    """What each unit's figures in a sentence allow, a plain number what rounds to it ("52
    percent" allows 51.9: two outlets may round one result differently)."""
    by_unit: dict[str | None, Allowed] = {}
    for figure in figures:
        low, high = bounds(figure)
        if low == high:
            low, high = low - _rounded_to(low) / 2, high + _rounded_to(high) / 2
        by_unit.setdefault(figure.unit, []).append((low, high))
    return by_unit


def _disagree(a: Mapping[str | None, Allowed], b: Mapping[str | None, Allowed]) -> bool:
    """Whether two sentences each state a figure of one unit that the other's do not allow:
    "A fire killed 60 people" and "A fire ... treated 180 people" share their words, not a
    claim; nor do "at least 14 people were killed" and "11 people died". "About 2,300 members"
    and "more than 2,000 members" may."""
    return any(_apart(a[u], b[u]) for u in a.keys() & b.keys())


def _apart(a: Allowed, b: Allowed) -> bool:
    """Whether each side holds a figure allowing none of the other's values."""
    return _beyond(a, b) and _beyond(b, a)


def _beyond(ours: Allowed, theirs: Allowed) -> bool:
    """Whether one of ``ours`` allows none of the values ``theirs`` allow."""
    return any(all(high < low2 or high2 < low for low2, high2 in theirs) for low, high in ours)


def _opening(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(words) + r")\s", re.IGNORECASE)


_AT_LEAST, _AT_MOST, _ABOUT = _opening(AT_LEAST), _opening(AT_MOST), _opening(ROUGHLY)
"""A figure's text opening with a qualifier of each kind (see figures.py)."""
ABOUT = 0.1
"""How far "about X" may be from the number it rounds, at most: 10 % of X (see :func:`bounds`)."""


def bounds(figure: Figure | Found) -> tuple[float, float]:
    """The values a figure allows, by the qualifier it is written with: "at least 14" allows 14
    and more, "22" only 22, and "about X" what rounds to X at X's last non-zero digit, within
    ABOUT of X ("about 50": 45 to 55; "about 56": 55.5 to 56.5; "about 100": 90 to 110)."""
    value, qualifier = figure.value, _qualifier(figure)
    if qualifier == "at least":
        return value, float("inf")
    if qualifier == "at most":
        return float("-inf"), value
    if qualifier == "about":
        slack = min(_rounded_to(value) / 2, ABOUT * abs(value))
        return value - slack, value + slack
    return value, value


def _rounded_to(value: float) -> float:
    """The place of a number's last non-zero digit: 50 -> 10, 2,300 -> 100, 10.9 -> 0.1 (1 for 0)."""
    if value == 0:
        return 1.0
    # 15 digits: "8.2 billion" arrives as 8199999999.999999, a float's last digit astray
    return float(Decimal(10) ** Decimal(f"{value:.15g}").normalize().as_tuple().exponent)


def _stories_disagree(group: Sequence[Figure], story_of: Mapping[str, str]) -> bool:
    """Two stories each state a figure that none of the other's allows ("at least 14 killed"
    against "11 died"). Not a disagreement: one story stating two values ("61 votes to 54"),
    a story leaving out a value another states, figures that allow each other ("more than 20"
    and "22")."""
    by_story: dict[str | None, Allowed] = {}
    for figure in group:
        for story in {story_of.get(a) for a in figure.articles}:
            by_story.setdefault(story, []).append(bounds(figure))
    stated = list(by_story.values())
    return any(_apart(a, b) for n, a in enumerate(stated) for b in stated[n + 1 :])


def _update(group: Sequence[Figure], story_of: Mapping[str, str]) -> list[Figure]:
    """The two figures by which one story's copies give one thing two values (an update raised
    the toll: "at least 14 people were killed", then "at least 23"), else none.
    Only one such pair: more in one story are as likely things a shared word linked."""
    if len({story_of.get(a) for f in group for a in f.articles}) != 1:
        return []
    pairs = [
        [first, second]
        for n, first in enumerate(group)
        for second in group[n + 1 :]
        if not set(first.articles) & set(second.articles) and _replaced(first, second)
    ]
    return pairs[0] if len(pairs) == 1 else []


def _replaced(first: Figure, second: Figure) -> bool:
    """Whether one figure says another value than the other: written alike ("at least 14",
    "at least 23") with another number, or allowing none of the other's values."""
    if first.value != second.value and _qualifier(first) == _qualifier(second):
        return True
    return _apart([bounds(first)], [bounds(second)])


def _qualifier(figure: Figure | Found) -> str:
    """How a figure's text opens: "at least", "at most", "about" (their kinds) or plainly."""
    for kind, pattern in (("at least", _AT_LEAST), ("at most", _AT_MOST), ("about", _ABOUT)):
        if pattern.match(figure.text):
            return kind
    return ""


def _one_value(group: Sequence[Figure]) -> bool:
    """Whether the figures allow a common value ("about 2,300" and "more than 2,000" do)."""
    allowed = [bounds(f) for f in group]
    return max(low for low, _ in allowed) <= min(high for _, high in allowed)


def _periods(group: Sequence[Figure]) -> list[list[Figure]]:
    """The figures of each period stated (and of none), in order of first appearance."""
    periods: dict[str | None, list[Figure]] = {}
    for f in group:
        periods.setdefault(f.when, []).append(f)
    return list(periods.values())


_CHANGE_BEFORE = re.compile(
    r"\b(?:up|down|rose|fell|grew|gained|lost|dropped|jumped|climbed|slipped|increased|decreased|declined|"
    r"rise|fall|grow|gain|lose|drop|jump|climb|slip|increase|decrease|decline|cut|raise|raised|lowered)"
    r"(?:\s+by)?\s*$",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"\s*(?:less|more|lower|higher|fewer|up|down|rise|increase|fall|drop|decline|cut|gain|jump|raise)\b",
    re.IGNORECASE,
)


def _one_thing(periods: Sequence[Sequence[Figure]]) -> bool:
    """Whether figures of several periods follow one thing: each period's figures are stated
    in one sentence with, or name what they measure with a common word (not a name) as,
    another period's ("prices in Portmere" up 9% last year and freight rates "out of
    Portmere" up 6% since Thursday are two things); and percentages are all changes ("up
    9%", "17% less than in 2023", "a 5% rise") or none ("about 80% of the wheat exported")."""
    figures = [f for p in periods for f in p]
    if len({_change(f) for f in figures if f.unit == "%"}) > 1:
        return False
    names = {w.lower() for f in figures for w in _WORD.findall(f.sentence)[1:] if not w.islower()}
    said = [(frozenset().union(*(_common_nouns(f, names) for f in p)), {f.sentence for f in p}) for p in periods]
    links = [(i, j) for i, (a, x) in enumerate(said) for j, (b, y) in enumerate(said[:i]) if a & b or x & y]
    return len(components(len(periods), np.array(links, dtype=np.int64))) == 1


def _change(figure: Figure) -> bool:
    """Whether a figure is written as a change: after a verb of change, or before a word of one."""
    found = re.search(rf"(?<![\w.,]){re.escape(figure.text)}(?!\w)", figure.sentence)
    if found is None:
        return False
    before = figure.sentence[max(0, found.start() - 30) : found.start()]
    return bool(_CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(figure.sentence, found.end()))


def _common_nouns(figure: Figure, names: set[str]) -> frozenset[str]:
    """The content words of what a figure is said of, but ``names`` (the words its group's
    sentences write capitalised past their first word): the thing it measures, not the
    places around it."""
    said_of = _WORD.findall(f"{figure.context} {figure.measures}")
    return content(" ".join(w for w in said_of if w.lower() not in names))


def about(figure: Figure) -> frozenset[str]:
    """What a figure is said of, as content words: its measure and the words just before it."""
    return content(figure.measures) | content(figure.context)


OUTCOMES = frozenset(
    filter(
        None, map(_concept, "killed injured wounded arrested missing evacuated displaced rescued hospitalized".split())
    )
)
"""What happens to people in an event, as :func:`content` writes it ("killed" and "died" are one
death): figures of different outcomes are never one thing, whatever else their words share
(a helper's audit found the killed, the injured and the wounded of one bombing as one toll)."""


def conflicts(
    figures: Sequence[Figure], story_of: Mapping[str, str], published: Mapping[str, dt.date | None]
) -> tuple[Conflict, ...]:
    """Groups of figures about one measured thing whose values differ: of one unit, sharing a
    content word of what they measure or of the words before them, and of one outcome
    (:data:`OUTCOMES`).

    The kind is ``changes over time`` when two figures state different periods, or when one
    states an earlier one ("before sanctions", "at the end of 2017", a past year) and another
    states none (so speaks of the time of writing), and the figures of each period allow one
    value: the group follows one thing through time. A group whose figures of one period do
    not (a pay rise of 12% sought and one of 5% offered, both "this year") holds several
    things a shared word linked, and is no conflict. Else ``differs``, when two stories each
    state a figure the other's do not allow (:func:`_stories_disagree`); else ``changes over
    time`` again when one story's copies give it two values (:func:`_update`).
    """
    keys = [about(f) for f in figures]
    by_unit: dict[str, list[int]] = {}
    for k, f in enumerate(figures):
        if f.unit is not None:
            by_unit.setdefault(f.unit, []).append(k)
    links = []
    for unit, ks in by_unit.items():
        unit_stem = content(unit)
        links.extend(
            (i, j)
            for n, i in enumerate(ks)
            for j in ks[n + 1 :]
            if (keys[i] & keys[j]) - unit_stem and keys[i] & OUTCOMES == keys[j] & OUTCOMES
        )
    out = []
    for members in components(len(figures), np.array(links, dtype=np.int64)):
        group = [figures[k] for k in members]
        if len({f.value for f in group}) < 2:
            continue
        stated = {f.when for f in group if f.when}
        years = [d.year for f in group for a in f.articles if (d := published.get(a))]
        now = max(years) if years else None
        earlier = any(w == "before" or now is not None and int(w[:4]) < now for w in stated)
        if len(stated) > 1 or earlier and any(f.when is None for f in group):
            periods = _periods(group)
            if not all(map(_one_value, periods)):
                continue  # several things, linked by a word: a pay rise sought and one offered
            if not _one_thing(periods):
                continue  # linked by a name, or a share against a change

            kind = "changes over time"
        elif _stories_disagree(group, story_of):
            kind = "differs"
        elif updated := _update(group, story_of):
            kind, group = "changes over time", updated
        else:
            continue  # different things one story states ("61 votes to 54"), or what one leaves out
        measures = max((f.measures for f in group), key=lambda m: (sum(g.measures == m for g in group), -len(m)))
        out.append(Conflict(measures, kind, tuple(group)))
    out.sort(key=lambda c: (c.kind != "differs", -len(c.figures)))
    return tuple(out)
