"""Extraction: dates, figures, entities, quotes, and the sample corpus scored against its hand annotation."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from newsfold.extract.entities import merge
from newsfold.extract.figures import find_figures
from newsfold.extract.ner import Mention
from newsfold.extract.quotes import Attributor
from newsfold.extract.timeline import find_dates

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"
THURSDAY = dt.date(2019, 4, 25)
WEDNESDAY = dt.date(2019, 4, 24)


def dates(sentence: str, published: dt.date) -> list[tuple[str, str]]:
    return [(d.expression, d.date) for d in find_dates(sentence, published)]


def test_weekdays_follow_the_tense_of_their_clause():
    # Published on a Thursday: the Wednesday of a past-tense clause is the day before.
    assert dates("Kim arrived in Vladivostok aboard an armored train Wednesday.", THURSDAY) == [
        ("Wednesday", "2019-04-24")
    ]
    # Published on a Wednesday: "meets ... Thursday" (no tense marker) is the nearer Thursday, tomorrow.
    assert dates("He meets Putin for the first time Thursday, seeking support.", WEDNESDAY) == [
        ("Thursday", "2019-04-25")
    ]
    # Future tense looks ahead even when the past day is nearer: Monday after a Wednesday.
    assert dates("The plant will reopen on Monday.", WEDNESDAY) == [("on Monday", "2019-04-29")]


def test_relative_years_and_months_keep_their_precision():
    assert dates("Last year, the U.S. accused Russia of violating the sanctions.", WEDNESDAY) == [("Last year", "2018")]
    assert dates("His summit with Trump broke down in February.", WEDNESDAY) == [("February", "2019-02")]
    assert dates("Workers must be sent home by the end of this year.", WEDNESDAY) == [("the end of this year", "2019")]
    assert dates("He came to power in 2011.", WEDNESDAY) == [("2011", "2011")]
    assert dates("Talks resume next week.", WEDNESDAY) == []  # not a day, month or year
    # No publication date: only absolute dates can be placed.
    assert dates("The flood of 1987 was smaller than Tuesday's.", None) == [("1987", "1987")]


def figures(sentence: str) -> list[tuple[float, str | None, str]]:
    return [(f.value, f.unit, f.text) for f in find_figures(sentence, WEDNESDAY)]


def test_money_in_every_currency_notation():
    found = figures("It earned more than US$500 million (S$681 million) a year, or about 1.5 per cent of its economy.")
    assert found == [
        (500_000_000, "USD", "more than US$500 million"),
        (681_000_000, "SGD", "S$681 million"),
        (1.5, "%", "about 1.5 per cent"),
    ]
    assert figures(r"Trade amounted to \$34 million last year.") == [(34_000_000, "USD", r"\$34 million")]
    assert figures("It paid some 20 million crowns ($1.9 million) in aid.")[0][:2] == (20_000_000, "crown")


def test_counts_take_their_noun_and_bare_numbers_borrow_it():
    assert figures("Pyongyang earns money from nearly 100,000 workers abroad, including 30,000 in Russia.") == [
        (100_000, "worker", "nearly 100,000 workers"),
        (30_000, "worker", "30,000"),
    ]
    assert figures("It shipped more than 2,000 tons of wheat.") == [(2000, "ton", "more than 2,000 tons")]


def test_years_ages_times_and_names_are_not_figures():
    assert figures("Anna Berg, 54, arrived at 10 a.m. on Route 9 in 2019.") == []


def test_what_a_figure_measures_and_when():
    sentence = "Before sanctions, guest workers earned Mr. Kim's government some $2 billion annually."
    (f,) = find_figures(sentence, WEDNESDAY)
    # the five words before the amount, its qualifier "some" dropped
    assert f.measures == "workers earned Mr Kim's government" and f.period == "Before sanctions"
    low, high = find_figures("Shipments fell to 3.4 million tonnes in 2024 from 4.1 million tonnes in 2023.", WEDNESDAY)
    assert (low.period, high.period) == ("in 2024", "in 2023")
    assert low.measures == high.measures == "Shipments fell"


def test_one_entity_per_real_person_or_place():
    found = [
        ("Kim Jong Un", "PERSON"), ("Kim Jong-un", "PERSON"), ("Mr Kim", "PERSON"), ("Kim", "PERSON"),
        ("Kim", "PERSON"), ("Kim Yo Jong", "PERSON"), ("U.S.", "PLACE"), ("United States", "PLACE"),
        ("the Kremlin", "PLACE"), ("Vladimir Putin", "PERSON"), ("Putin", "PERSON"),
    ]
    entities = merge((Mention(text, kind, 0, len(text)), ("a1",)) for text, kind in found)
    by_name = {e.name: e for e in entities}
    assert set(by_name) == {"Kim Jong Un", "Kim Yo Jong", "United States", "Kremlin", "Vladimir Putin"}
    assert set(by_name["Kim Jong Un"].aliases) == {"Kim Jong-un", "Kim"}  # "Mr Kim" shows as "Kim"
    assert by_name["Kim Jong Un"].mentions == {"a1": 5}
    assert by_name["United States"].aliases == ("U.S.",)
    assert by_name["Kremlin"].type == "ORG"


def test_a_quote_split_around_its_attribution_is_one_quote():
    paragraph = (
        "“We are dealing with a flood that arrived faster than any of our models predicted,” said Dario Fenn, "
        "director of the civil protection agency. “Our priority today is people on roofs.”"
    )
    (quote,) = Attributor().read(paragraph, None)
    assert quote.speaker == "Dario Fenn"
    assert quote.role == "director of the civil protection agency"
    assert quote.text == (
        "We are dealing with a flood that arrived faster than any of our models predicted. "
        "Our priority today is people on roofs."
    )


def test_reported_speech_and_pronouns_continue_the_last_speaker():
    reader = Attributor()
    (reported,) = reader.read(
        "Artyom Lukin, a professor at Far Eastern Federal University, said Moscow was unlikely to grant his wishes.",
        None,
    )
    assert (reported.speaker, reported.role, reported.kind) == (
        "Artyom Lukin", "a professor at Far Eastern Federal University", "reported"
    )
    assert reported.text == "Moscow was unlikely to grant his wishes"
    (direct,) = reader.read("“Kim can expect a friendly reception here,” he said.", None)
    assert direct.speaker == "Artyom Lukin"
    # Unnamed speakers are not reported speech.
    assert reader.read("Officials said the talks would resume within a week or two.", None) == []




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
    # The goal is 0.9 for all three. Measured (README): quotes and the timeline meet it; figures
    # meet it on value and unit but not on what they measure. The figure floors sit a little
    # under the measured scores to catch regressions.
    assert scores["timeline"].precision >= 0.9 and scores["timeline"].recall >= 0.9
    assert scores["quotes"].precision >= 0.95 and scores["quotes"].recall >= 0.9
    assert scores["figures (value + unit)"].precision >= 0.95 and scores["figures (value + unit)"].recall >= 0.93
    assert scores["figures"].precision >= 0.78 and scores["figures"].recall >= 0.76


def _digits(text: str) -> str:
    return re.search(r"\d[\d,.]*\d|\d", text).group(0)


def test_every_designed_conflict_is_found_with_its_kind(sample_fold, gold):
    found = [c for e in sample_fold.events for c in e.facts.agreement.conflicts]
    for conflict in gold["conflicts"]:
        wanted = {_digits(v) for v in conflict["values"]}
        matches = [c for c in found if wanted <= {_digits(f.text) for f in c.figures}]
        assert matches, f"not found: {conflict['measures']}"
        assert matches[0].kind == conflict["kind"], conflict["measures"]


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
