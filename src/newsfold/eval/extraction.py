"""Score extracted quotes, figures and timeline dates against a hand annotation.

The annotation lists, per article, every quote (speaker, text), figure (value, unit, what it
measures) and dated expression (paragraph, date); see
``tests/fixtures/sample_extraction_guide.md``. An event's items are spread back over the
articles that carry them, and matched one to one:

- a quote matches when half of the shorter text's word triples are in the other and the
  speakers agree (both unnamed, or sharing a name word such as the surname);
- a figure matches on value, unit (its head word, singular, US spelling: "bulk carriers" =
  "carrier") and a content word of what it measures other than the unit;
- a timeline date matches on paragraph and date (with its precision); two expressions of one
  paragraph naming the same date ("on Thursday (March 13)") count once on both sides;
- a figure an article states twice about the same thing (same value and unit, a content word of
  what it measures in common: "the port authority has offered 5%" ... "a 5% offer") counts once
  on both sides, as the event lists it once;
- an entity (annotated per event) matches when one of its names is one of the other's, case
  and a leading "the" aside; with its type, when the types agree too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsfold.extract.agreement import content
from newsfold.extract.passages import triples, words
from newsfold.types import Entity, Fold


@dataclass(frozen=True, slots=True)
class Score:
    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


def load_gold(path: str | Path) -> dict:
    with open(path, encoding="utf-8") as stream:
        return json.load(stream)


def predicted(fold: Fold) -> dict[str, dict[str, list[dict]]]:
    """The fold's quotes, figures and dates, per article, in the annotation's shape."""
    paragraphs = {a.id: [triples(p) for p in a.paragraphs] for a in fold.articles}
    out: dict[str, dict[str, list[dict]]] = {a: {"quotes": [], "figures": [], "timeline": []} for a in paragraphs}
    for event in fold.events:
        facts = event.facts
        if facts is None:
            continue
        for q in facts.quotes:
            for a in q.articles:
                out[a]["quotes"].append({"speaker": q.speaker, "text": q.text, "kind": q.kind})
        for f in facts.figures:
            for a in f.articles:
                out[a]["figures"].append({"value": f.value, "unit": f.unit, "measures": f.measures, "text": f.text})
        for t in facts.timeline:
            for a in t.articles:
                paragraph = _paragraph(paragraphs[a], t.text)
                out[a]["timeline"].append({"paragraph": paragraph, "date": t.date, "expression": t.expression})
    return out


def _paragraph(paragraphs: list[frozenset[tuple[str, ...]]], sentence: str) -> int | None:
    """The paragraph (given as word triples) holding at least half of the sentence's triples."""
    wanted = triples(sentence)
    best, share = None, 0.0
    for k, have in enumerate(paragraphs):
        s = len(wanted & have) / max(1, len(wanted))
        if s > share:
            best, share = k, s
    return best if share >= 0.5 else None


def score(gold: Mapping, found: Mapping[str, Mapping[str, list[dict]]]) -> dict[str, Score]:
    """Precision and recall of quotes (with speaker), figures and timeline dates."""
    checks = {
        "quotes": ("quotes", same_quote),
        "figures": ("figures", same_figure),
        "figures (value + unit)": ("figures", same_amount),
        "timeline": ("timeline", same_date),
    }
    totals = {name: [0, 0, 0] for name in checks}
    for article, annotated in gold["articles"].items():
        mine = found.get(article, {})
        for name, (kind, same) in checks.items():
            g, p = _unique(kind, annotated.get(kind, [])), _unique(kind, mine.get(kind, []))
            totals[name][0] += len(_pairs(g, p, same))
            totals[name][1] += len(p)
            totals[name][2] += len(g)
    return {name: Score(*t) for name, t in totals.items()}


SAMPLE_EVENTS = {
    "flood": "01_meridian-flood-wire",
    "strike": "12_meridian-strike-wire",
    "desalination": "05_herald-desal-plant",
    "vote": "08_meridian-vote-wire",
    "shipwreck": "15_courier-shipwreck",
}
"""The sample annotation's events (the keys of its entities), each by an article it holds."""


def event_entities(fold: Fold, events: Mapping[str, str] = SAMPLE_EVENTS) -> dict[str, tuple[Entity, ...]]:
    """The entities of each annotated event (key -> an article the event holds)."""
    out = {}
    for name, article in events.items():
        event = next((e for e in fold.events if article in e.articles), None)
        out[name] = event.facts.entities if event is not None and event.facts is not None else ()
    return out


def score_entities(gold: Mapping[str, list[dict]], found: Mapping[str, Sequence[Entity]]) -> dict[str, Score]:
    """Precision and recall of each event's entities, by name, and by name and type.

    Args:
        gold: event key -> the annotated entities (``name``, ``type``, ``aliases``).
        found: the same keys -> the entities the event's facts list.
    """
    totals = {"entities (name)": [0, 0, 0], "entities (name + type)": [0, 0, 0]}
    for key, annotated in gold.items():
        mine = _annotated(found.get(key, ()))
        for name, same in (("entities (name)", same_entity), ("entities (name + type)", same_typed_entity)):
            totals[name][0] += len(_pairs(annotated, mine, same))
            totals[name][1] += len(mine)
            totals[name][2] += len(annotated)
    return {name: Score(*t) for name, t in totals.items()}


def entity_misses(
    gold: Mapping[str, list[dict]], found: Mapping[str, Sequence[Entity]]
) -> Iterable[tuple[str, str, dict]]:
    """("missed" | "extra" | "typed", event key, entity) for every entity not matched with its
    type ("typed": found by name, with another type; the item is the annotation's)."""
    for key, annotated in gold.items():
        mine = _annotated(found.get(key, ()))
        by_name, typed = _pairs(annotated, mine, same_entity), _pairs(annotated, mine, same_typed_entity)
        for k, item in enumerate(annotated):
            if k not in by_name:
                yield "missed", key, item
            elif k not in typed:
                yield "typed", key, {**item, "found": mine[by_name[k]]["type"]}
        used = set(by_name.values())
        yield from (("extra", key, x) for k, x in enumerate(mine) if k not in used)


def _annotated(entities: Sequence[Entity]) -> list[dict]:
    """Entities in the annotation's shape."""
    return [{"name": e.name, "type": e.type, "aliases": e.aliases} for e in entities]


def same_entity(gold: Mapping, found: Mapping) -> bool:
    return bool(_names(gold) & _names(found))


def same_typed_entity(gold: Mapping, found: Mapping) -> bool:
    return gold["type"] == found["type"] and same_entity(gold, found)


def _names(entity: Mapping) -> set[str]:
    """An entity's names, lower case, curly apostrophes straight, without a leading "the"."""
    out = set()
    for name in (entity["name"], *entity.get("aliases", ())):
        name = " ".join(name.replace("’", "'").lower().split())
        out.add(name.removeprefix("the "))
    return out


def misses(gold: Mapping, found: Mapping[str, Mapping[str, list[dict]]], kind: str) -> Iterable[tuple[str, str, dict]]:
    """("missed" | "extra", article, item) for every unmatched item of ``kind``."""
    same = {"quotes": same_quote, "figures": same_figure, "timeline": same_date}[kind]
    for article, annotated in gold["articles"].items():
        g, p = _unique(kind, annotated.get(kind, [])), _unique(kind, found.get(article, {}).get(kind, []))
        pairs = _pairs(g, p, same)
        yield from (("missed", article, item) for k, item in enumerate(g) if k not in pairs)
        used = set(pairs.values())
        yield from (("extra", article, x) for k, x in enumerate(p) if k not in used)


def _unique(kind: str, items: list[dict]) -> list[dict]:
    """The items of one article, each fact once: an event lists a figure stated twice about the
    same thing once, and two expressions of one paragraph naming the same date are one date."""
    if kind == "quotes":
        return items
    out: list[dict] = []
    for item in items:
        if kind == "timeline":
            repeated = any((x["paragraph"], x["date"]) == (item["paragraph"], item["date"]) for x in out)
        else:
            repeated = any(same_fact(x, item) for x in out)
        if not repeated:
            out.append(item)
    return out


def _pairs(gold: list[dict], found: list[dict], same: Callable[[Mapping, Mapping], bool]) -> dict[int, int]:
    """Each gold item's index -> the first unused found item it matches (greedy, one to one)."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for g, item in enumerate(gold):
        k = next((k for k, x in enumerate(found) if k not in used and same(item, x)), None)
        if k is not None:
            pairs[g] = k
            used.add(k)
    return pairs


def same_quote(gold: Mapping, found: Mapping) -> bool:
    a, b = triples(gold["text"]), triples(found["text"])
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    if len(shorter & longer) < 0.5 * len(shorter):
        return False
    g, f = gold.get("speaker"), found.get("speaker")
    if g is None or f is None:
        return g is None and f is None
    return bool({w for w in words(g) if len(w) > 2} & {w for w in words(f) if len(w) > 2})


def same_amount(gold: Mapping, found: Mapping) -> bool:
    """Same value and unit, whatever it is said to measure."""
    close = abs(float(gold["value"]) - float(found["value"])) <= 1e-6 * max(1.0, abs(float(gold["value"])))
    return close and _unit(gold.get("unit")) == _unit(found.get("unit"))


def same_figure(gold: Mapping, found: Mapping) -> bool:
    if not same_amount(gold, found):
        return False
    unit = content(gold.get("unit") or "")
    wanted = content(gold.get("measures") or "") - unit
    return not wanted or bool(wanted & (content(found.get("measures") or "") - unit))


def same_fact(a: Mapping, b: Mapping) -> bool:
    """Two figures of one article that state one fact: the same amount, said of the same thing
    (a content word of what they measure, other than the unit, in common)."""
    if not same_amount(a, b):
        return False
    unit = content(a.get("unit") or "")
    return bool((content(a.get("measures") or "") - unit) & (content(b.get("measures") or "") - unit))


def _unit(unit: str | None) -> str | None:
    """A unit's head word, singular: "bulk carriers" and "carrier" are one unit."""
    if unit is None:
        return None
    head = (words(unit) or [unit])[-1]
    return head[:-1] if head.endswith("s") else head


def same_date(gold: Mapping, found: Mapping) -> bool:
    return gold["paragraph"] == found["paragraph"] and gold["date"] == found["date"]
