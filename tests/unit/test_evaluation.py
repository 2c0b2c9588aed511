import pytest

from newsfold.eval.bcubed import bcubed


def test_bcubed_by_hand():
    gold = {"a": {"X"}, "b": {"X"}, "c": {"X"}, "d": {"Y"}}
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2"}
    score = bcubed(predicted, gold)
    # precision per item: a 1, b 1, c 1/2, d 1/2; recall: a 2/3, b 2/3, c 1/3, d 1
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(8 / 12)


def test_perfect_and_overlapping_gold():
    gold = {"a": {"X"}, "b": {"X", "Y"}, "c": {"Y"}}
    assert bcubed({"a": "1", "b": "1", "c": "1"}, gold).precision == pytest.approx((2 / 3 + 1 + 2 / 3) / 3)
    single = {"a": {"X"}, "b": {"X"}}
    assert bcubed({"a": "1", "b": "1"}, single).f1 == 1.0


def test_a_figure_stated_twice_about_one_thing_counts_once():
    from newsfold.eval.extraction import score

    offer = {"value": 4, "unit": "%", "measures": "pay rise offered by the council"}
    gold = {
        "articles": {
            "a1": {
                "figures": [
                    {**offer, "paragraph": 1},
                    {**offer, "paragraph": 5, "measures": "the council's offer"},
                    # the same amount about something else is another fact
                    {"paragraph": 6, "value": 4, "unit": "%", "measures": "inflation last year"},
                ]
            }
        }
    }
    found = {"a1": {"figures": [{"value": 4.0, "unit": "%", "measures": "the council has offered"}]}}
    figures = score(gold, found)["figures"]
    assert (figures.matched, figures.predicted, figures.gold) == (1, 1, 2)
