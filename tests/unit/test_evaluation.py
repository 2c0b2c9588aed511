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
