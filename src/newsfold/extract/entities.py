"""One canonical entity per real person, organisation or place in an event.

Names found by the recogniser are merged when they are the same name written differently
("Kim Jong-un" = "Kim Jong Un"; "Mr Kim" = "Kim"; "U.S." = "United States"), and a short
name joins the one longer name it is part of ("Fenn" joins "Dario Fenn"). A short name that
is part of several ("Kim" in "Kim Jong Un" and "Kim Yo Jong") joins the one that is named
far more often, or stays apart when none is. The canonical name is the fullest form.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsfold import tokens
from newsfold.extract.ner import Mention
from newsfold.types import Entity

HONORIFICS = frozenset(tokens.HONORIFICS) | frozenset(
    """miss prof sir dame mister madam president minister senator gen sen rep councillor councilor mayor
    governor chancellor premier judge justice captain capt professor rev father""".split()
)
"""Words before a name that are not part of it: newsfold's honorifics, and titles."""
KNOWN = {
    "us": "United States",
    "u s": "United States",
    "usa": "United States",
    "u s a": "United States",
    "america": "United States",
    "united states of america": "United States",
    "un": "United Nations",
    "u n": "United Nations",
    "uk": "United Kingdom",
    "u k": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "eu": "European Union",
    "e u": "European Union",
    "dprk": "North Korea",
}
"""Abbreviations and other names of places and bodies that every reader knows are one."""
ALWAYS_ORG = frozenset({"kremlin", "white house", "pentagon", "elysee", "downing street", "vatican"})
"""Buildings that stand for the government in them: organisations, whatever the recogniser says."""
DOMINANT = 2.0
"""A short name joins the longer name named at least this many times as often as any other."""

_APOSTROPHE_S = re.compile(r"['’]s$")
_SPLIT = re.compile(r"[\s\-‐–.]+")


@dataclass
class _Group:
    forms: Counter[str]
    types: Counter[str]
    mentions: Counter[str]  # article -> count
    tokens: tuple[str, ...]

    @property
    def kind(self) -> str:
        """The type the recogniser gave it most often."""
        return self.types.most_common(1)[0][0]


def _tokens(name: str) -> list[str]:
    """Lower-case tokens of a name without a leading "the", honorifics or a possessive."""
    name = _APOSTROPHE_S.sub("", name.strip())
    tokens = [t for t in _SPLIT.split(name.lower()) if t]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        tokens = tokens[1:]
    return tokens


def key(name: str) -> tuple[str, ...]:
    """The comparable form of a name: its tokens, or the tokens of the name it abbreviates."""
    tokens = _tokens(name)
    known = KNOWN.get(" ".join(tokens))
    return tuple(known.lower().split()) if known else tuple(tokens)


def display(name: str, *, expand: bool = True) -> str:
    """A name as shown: without a leading "the", honorific or possessive; with ``expand``, an
    abbreviation as the name it stands for ("U.S." as "United States")."""
    known = KNOWN.get(" ".join(_tokens(name))) if expand else None
    if known:
        return known
    words = _APOSTROPHE_S.sub("", name.strip()).split()
    if words and words[0].lower() == "the":
        words = words[1:]
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def merge(found: Iterable[tuple[Mention, Sequence[str]]]) -> list[Entity]:
    """Entities from mentions, each with the articles that carry it.

    Args:
        found: each mention with the ids of the articles that carry its passage.
    """
    groups: dict[tuple[str, ...], _Group] = {}
    for mention, articles in found:
        k = key(mention.text)
        if not k:
            continue
        group = groups.setdefault(k, _Group(Counter(), Counter(), Counter(), k))
        group.forms[mention.text.strip()] += 1
        kind = "ORG" if " ".join(k) in ALWAYS_ORG else mention.type
        group.types[kind] += 1
        for article in articles:
            group.mentions[article] += 1
    _places_by_demonym(groups)  # first: a place joins no longer name ("Calvenna", "Radio Calvenna")
    _join_short_names(groups)
    entities = [_entity(g) for g in groups.values()]
    entities.sort(key=lambda e: (-sum(e.mentions.values()), e.name))
    return entities


def _join_short_names(groups: dict[tuple[str, ...], _Group]) -> None:
    """Fold each name into the one longer name of the same type it is a prefix or suffix of."""
    for short in sorted(groups, key=len):
        group = groups[short]
        kind = group.kind
        longer = [k for k in groups if len(k) > len(short) and _part_of(short, k) and _compatible(kind, groups[k].kind)]
        if not longer:
            continue
        weight = {k: sum(groups[k].forms.values()) for k in longer}
        best = max(longer, key=lambda k: (weight[k], len(k)))
        rival = max((weight[k] for k in longer if k != best), default=0)
        if weight[best] < DOMINANT * rival:
            continue  # "Kim" could be any of several Kims
        target = groups[best]
        target.forms.update(group.forms)
        # The longer name's type: read with more words, it is more often right ("Bill Bradley"
        # is a person; the small model took his bare "Bradley" for an organisation 25 times).
        target.types[target.kind] += sum(group.types.values())
        target.mentions.update(group.mentions)
        del groups[short]


DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "ish", "i")
"""What a one-word place name takes to become the word for its people ("Kenya", "Kenyan")."""


def _places_by_demonym(groups: dict[tuple[str, ...], _Group]) -> None:
    """A one-word name the recogniser took for an organisation or a person is a place when
    the word for its people is found as a place ("Calvenna" and "the Calvennan capital": the
    small model does not know invented or little-known countries, and takes the adjective for
    the place). The adjective is no entity of its own: its mentions count for the place."""
    for name in [k for k in groups if len(k) == 1]:
        group = groups.get(name)
        if group is None or group.kind == "PLACE":
            continue
        for ending in DEMONYM_ENDINGS:
            people = groups.get((name[0] + ending,))
            if people is not None and people.kind == "PLACE":
                group.types = Counter({"PLACE": sum(group.types.values())})
                group.mentions.update(people.mentions)
                del groups[(name[0] + ending,)]
                break


def _compatible(short: str, long: str) -> bool:
    """Whether a short name of one type may be a longer name of another: the small model often
    mixes people and organisations ("Lidia Marosh" as a firm, "Corvane" as a person); places stay apart."""
    return short == long or {short, long} == {"PERSON", "ORG"}


def _part_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return long[:n] == short or long[-n:] == short


def _entity(group: _Group) -> Entity:
    names: dict[str, int] = defaultdict(int)
    for form, n in group.forms.items():
        names[display(form, expand=False)] += n
    fullest = display(max(names, key=lambda name: (len(key(name)), names[name], "-" not in name, name)))
    aliases = sorted(name for name in names if name != fullest)
    kind = group.kind
    return Entity(fullest, kind, tuple(aliases), dict(sorted(group.mentions.items())))


def spelled_apart(entities: Sequence[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """Add the hyphenated spellings of people's names found in ``texts`` (article id -> text).

    Copies of a story are not read by the recogniser, but one may write "Kim Jong-un" where
    the story it copies wrote "Kim Jong Un"; a plain search finds it.
    """
    out = []
    for entity in entities:
        tokens = entity.name.split()
        if entity.type != "PERSON" or len(tokens) < 3:
            out.append(entity)
            continue
        pattern = re.compile(
            r"\b"
            + r"\s+".join(map(re.escape, tokens[:-2]))
            + r"\s+"
            + re.escape(tokens[-2])
            + r"-"
            + re.escape(tokens[-1])
            + r"\b",
            re.I,
        )
        aliases = set(entity.aliases)
        for text in texts.values():
            aliases.update(m.group(0) for m in pattern.finditer(text))
        aliases.discard(entity.name)
        out.append(Entity(entity.name, entity.type, tuple(sorted(aliases)), entity.mentions))
    return out


def alias_index(entities: Sequence[Entity]) -> Mapping[tuple[str, ...], str]:
    """Every name's key -> its entity's canonical name (to name quote speakers)."""
    index: dict[tuple[str, ...], str] = {}
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            index.setdefault(key(name), entity.name)
    return index
