"""Extraction on real and realistic corpora: the sample against its hand annotation, and the seeds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "data" / "seeds"


def _fold(paths):
    pytest.importorskip("spacy")
    from newsfold.pipeline import fold

    return fold([str(p) for p in paths])


@pytest.fixture(scope="module")
def sample_fold():
    from newsfold.bundled import sample_corpus

    return _fold([sample_corpus()])


@pytest.fixture(scope="module")
def gold():
    from newsfold.eval.extraction import load_gold

    return load_gold(FIXTURES / "sample_extraction.json")


def test_sample_scores_against_the_hand_annotation(sample_fold, gold):
    from newsfold.eval.extraction import predicted, score

    scores = score(gold, predicted(sample_fold))
    # The goal is 0.9 for all three (README: quotes 0.975 / 0.908, figures 0.925 / 0.918,
    # timeline 0.924 / 0.971).
    assert scores["timeline"].precision >= 0.9 and scores["timeline"].recall >= 0.9
    assert scores["quotes"].precision >= 0.95 and scores["quotes"].recall >= 0.9
    assert scores["figures (value + unit)"].precision >= 0.95 and scores["figures (value + unit)"].recall >= 0.95
    assert scores["figures"].precision >= 0.9 and scores["figures"].recall >= 0.9


def test_sample_entities_against_the_hand_annotation(sample_fold, gold):
    from newsfold.eval.extraction import event_entities, score_entities

    scores = score_entities(gold["entities"], event_entities(sample_fold))
    # README: by name 0.901 / 0.919; with the type 0.812 / 0.828. By name, recall was 0.778
    # while spans the recogniser opened with "the" were dropped ("the National Civil
    # Protection Agency", "the University of Portmere", "the Portmere Port Authority"); with
    # the type, 0.768 before the words that say a name is a place ("the village of").
    assert scores["entities (name)"].precision >= 0.85 and scores["entities (name)"].recall >= 0.85
    assert scores["entities (name + type)"].precision >= 0.8 and scores["entities (name + type)"].recall >= 0.8


def _digits(text: str) -> str:
    return re.search(r"\d[\d,.]*\d|\d", text).group(0)


def test_every_designed_conflict_is_found_with_its_kind(sample_fold, gold):
    found = [c for e in sample_fold.events for c in e.facts.agreement.conflicts]
    for conflict in gold["conflicts"]:
        wanted = {_digits(v) for v in conflict["values"]}
        matches = [c for c in found if wanted <= {_digits(f.text) for f in c.figures}]
        assert matches, f"not found: {conflict['measures']}"
        assert matches[0].kind == conflict["kind"], conflict["measures"]


def test_every_disagreement_found_is_a_designed_one(sample_fold, gold):
    # Before: also "61 votes to 54" (a score every story states), 63 of 120 seats (one story
    # names both), "more than 20" against 22 bulk carriers, "about 2,300" against "more than
    # 2,000" strikers.
    designed = [{_digits(v) for v in c["values"]} for c in gold["conflicts"] if c["kind"] == "differs"]
    found = [c for e in sample_fold.events for c in e.facts.agreement.conflicts if c.kind == "differs"]
    assert sorted(sorted({_digits(f.text) for f in c.figures}) for c in found) == sorted(map(sorted, designed))


def test_figures_of_several_things_in_one_period_are_no_change_over_time(sample_fold):
    # The strike's "12%" pay rise sought and "5%" offered (both this year, with "3%" next year
    # and the port's revenue "14%" down last year) were shown as one figure changing over time,
    # as were the "about 400,000" tonnes waiting to load and the "about 600,000" a 2019 strike
    # delayed, against 3.4 million tonnes loaded last year.
    for event in sample_fold.events:
        for conflict in event.facts.agreement.conflicts:
            values = {_digits(f.text) for f in conflict.figures}
            assert not {"12", "5"} <= values and not {"400,000", "600,000"} <= values, conflict


def test_figures_linked_by_a_name_or_a_share_against_a_change_are_no_change_over_time(sample_fold):
    # The strike's prices in Portmere up 9% last year and freight rates out of Portmere up
    # about 6% since Thursday; the terminal's "about 80%" of the wheat exported and the grain
    # shipped "17% less than in 2023". Each pair was one figure changing over time.
    for event in sample_fold.events:
        for conflict in event.facts.agreement.conflicts:
            values = {_digits(f.text) for f in conflict.figures}
            assert not {"9", "6"} <= values and not {"80", "17"} <= values, conflict


def test_an_updated_copy_gives_its_new_figures_to_the_event(tmp_path):
    # An update that only changed the toll was a copy whose paragraphs the canonical "had":
    # "at least 23 people" was never read, and the update was cited for the old 14.
    from newsfold.bundled import sample_corpus

    wire = (sample_corpus() / "01_meridian-flood-wire.txt").read_text(encoding="utf-8")
    assert "At least 14 people were killed" in wire and "3,200 people had registered" in wire
    update = wire.replace("At least 14 people", "At least 23 people").replace("3,200 people", "5,400 people")
    records = [
        {"id": "wire", "text": wire, "published": "2025-03-05T08:00:00Z"},
        {"id": "update", "text": update, "published": "2025-03-05T20:00:00Z"},
    ]
    data = tmp_path / "flood.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (event,) = _fold([data]).events
    found = {(f.value, f.articles) for f in event.facts.figures if f.unit == "people"}
    assert {(14, ("wire",)), (23, ("update",)), (3200, ("wire",)), (5400, ("update",))} <= found
    (opening,) = [s for s in event.brief.sentences if "people were killed" in s.text]
    assert opening.sources == (("wire",) if "14" in opening.text else ("update",))
    # One story's copies giving a figure two values: the update changed it.
    changed = {
        frozenset((f.value, f.articles) for f in c.figures)
        for c in event.facts.agreement.conflicts
        if c.kind == "changes over time"
    }
    assert frozenset({(14, ("wire",)), (23, ("update",))}) in changed
    assert frozenset({(3200, ("wire",)), (5400, ("update",))}) in changed
    # The update's changed sentence is read alone, and each version credited to its own article
    # (a review found its unchanged sentences listed twice, and both versions credited to both).
    claims = [*event.facts.agreement.consensus, *event.facts.agreement.unique]
    killed = {(c.text[:17], c.articles) for c in claims if "people were killed" in c.text}
    assert ("At least 23 peopl", ("update",)) in killed
    assert killed <= {("At least 14 peopl", ("wire",)), ("At least 23 peopl", ("update",))}
    unique = [c.text for c in event.facts.agreement.unique]
    assert len(unique) == len(set(unique))


def test_json_carries_the_facts_of_every_event(sample_fold):
    from newsfold.render import to_dict

    for event in to_dict(sample_fold)["events"]:
        assert {"entities", "quotes", "figures", "timeline", "agreement", "sources"} <= set(event)
        assert set(event["agreement"]) == {"consensus", "unique", "conflicts"}
        for item in event["quotes"] + event["figures"] + event["timeline"]:
            assert set(item["articles"]) <= set(event["articles"])


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/data/seeds")


@pytest.fixture(scope="module")
def seeds():
    fold = _fold([SEEDS])
    assert len(fold.events) == 1
    return fold.events[0].facts


@needs_seeds
def test_seeds_trenin_quote_is_one_quote_carried_by_the_syndicated_story(seeds):
    (trenin,) = [q for q in seeds.quotes if "side-show" in q.text]
    assert trenin.speaker == "Dmitri Trenin"
    assert set(trenin.articles) == {"000_622a459584caac29", "002_cb1efc3f741ec9d1", "003_722aa2a5679254b3"}


@needs_seeds
def test_seeds_kim_is_one_entity(seeds):
    (kim,) = [e for e in seeds.entities if e.name in ("Kim Jong Un", "Kim Jong-un")]
    names = {kim.name, *kim.aliases}
    assert {"Kim Jong Un", "Kim Jong-un", "Kim"} <= names  # "Mr Kim" is "Kim" without the honorific
    assert len(kim.mentions) == 5


@needs_seeds
def test_seeds_summit_days(seeds):
    days = {t.date for t in seeds.timeline}
    assert {"2019-04-24", "2019-04-25"} <= days
    arrival = [t for t in seeds.timeline if "armored train Wednesday" in t.text and t.expression == "Wednesday"]
    assert arrival and arrival[0].date == "2019-04-24"
    meeting = [t for t in seeds.timeline if "met Russian President Vladimir Putin for the first time" in t.text]
    assert {t.date for t in meeting} == {"2019-04-25"}


@needs_seeds
def test_seeds_guest_worker_figures_are_grouped_with_their_periods(seeds):
    money = [c for c in seeds.agreement.conflicts if any(f.unit == "USD" and f.value == 2e9 for f in c.figures)]
    assert money and money[0].kind == "changes over time"
    articles = {a for f in money[0].figures for a in f.articles}
    assert len(articles) == 5  # $500 million a year in four articles, $2 billion before sanctions in one
    assert {f.period for f in money[0].figures} == {None, "Before sanctions"}
    workers = [c for c in seeds.agreement.conflicts if any(f.unit == "worker" for f in c.figures)]
    assert workers and "at the end of 2017" in {f.period for f in workers[0].figures}


def test_extraction_without_entities_still_finds_quotes_and_figures():
    from newsfold.bundled import sample_corpus
    from newsfold.config import ExtractSettings, Settings
    from newsfold.pipeline import fold

    result = fold([str(sample_corpus())], Settings(extract=ExtractSettings(model=None)))
    facts = [e.facts for e in result.events]
    assert all(f.entities == () for f in facts)
    assert sum(len(f.quotes) for f in facts) > 20 and sum(len(f.figures) for f in facts) > 50
