"""The real example in ../shared/data/seeds (skipped when it is not beside the checkout).

Five articles of 24-25 April 2019 about one summit: 000, 002 and 003 are one Bloomberg story
(002 a truncated blog reprint, 003 an updated copy); 001 and 004 are independent reports.
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher

import pytest
from click.testing import CliRunner

from newsfold.cli import main
from newsfold.sentences import split_sentences
from newsfold.summarize import normalise_for_match
from newsfold.summarize.compress import compress

WIRE = {"000_622a459584caac29", "002_cb1efc3f741ec9d1", "003_722aa2a5679254b3"}

# Page furniture of the seeds, read off the files by hand.
FURNITURE = {
    "002_cb1efc3f741ec9d1": [
        "Friday , August 23 2019",
        "About Admin",
        "Check Also",
        "Diamonds account for 90%",
        "Dubai/ WAM Dubai Chamber",
        "Leave a Reply",
        "Your email address will not be published",
        "Required fields",
    ],
    "003_722aa2a5679254b3": [
        "PHOTO: REUTERS",
        "walks with Russia President Vladimir Putin at the Far Eastern",
        "Share it",
        "Exclusive: Beyond the Covid-19",
    ],
    "001_e84ac9343e5495af": ["sign a joint declaration. (Courtesy)"],
    "004_8c9f0e3db2b83dab": [
        "PHOTO: KCNA",
        "By Thomas Grove",
        "10:08 p.m. ET",
        "contributed to this article",
        "Talks are meant to increase pressure",
        "WORLD",
    ],
}


@pytest.fixture(scope="module")
def folded(seeds_dir):
    result = CliRunner().invoke(main, ["fold", str(seeds_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_one_event_holds_all_five_articles(folded):
    assert len(folded["events"]) == 1
    assert sorted(folded["events"][0]["articles"]) == sorted(a["id"] for a in folded["articles"])
    assert len(folded["articles"]) == 5


def test_stories_are_the_wire_story_and_two_independent_reports(folded):
    stories = {frozenset(s["articles"]) for s in folded["stories"]}
    assert stories == {frozenset(WIRE), frozenset({"001_e84ac9343e5495af"}), frozenset({"004_8c9f0e3db2b83dab"})}


def test_furniture_is_gone(folded):
    texts = {a["id"]: a["text"] for a in folded["articles"]}
    for article, pieces in FURNITURE.items():
        for piece in pieces:
            assert piece not in texts[article], (article, piece)


def test_every_paragraph_of_the_stories_remains(folded, seeds_dir):
    """Every line of the source files that is story text is in the cleaned text."""
    texts = {a["id"]: " ".join(a["text"].split()) for a in folded["articles"]}
    furniture = {p for pieces in FURNITURE.values() for p in pieces}
    for path in sorted(seeds_dir.iterdir()):
        text = path.read_text(encoding="utf-8").replace("\\$", "$")
        for line in (line.strip().strip("*—") for line in text.splitlines()):
            is_sentence = len(line.split()) >= 8 and re.search(r"[.!?\"”’]$", line)
            if not is_sentence or any(p in line for p in furniture):
                continue
            body = re.sub(r"^\s*date \S+ \(Bloomberg\) -- |^VLADIVOSTOK, [^.—]+?(?:Bloomberg\. |—)", "", line)
            assert " ".join(body.split()) in texts[path.stem], (path.stem, line[:60])


def test_summary_is_short_and_each_sentence_is_in_every_article_it_cites(folded):
    """Each summary sentence is a sentence of an article it cites, as compression leaves it (a
    dateline or a day of the week deleted, nothing added), and every other article it cites
    states it or nearly: a copy in another house style ("to Mr Kim" for "to Kim", "accepted
    only after" for "only accepted after") is at least 90% the same word sequence."""
    compressed = {
        a["id"]: {normalise_for_match(compress(s)) for p in a["text"].split("\n\n") for s in split_sentences(p)}
        for a in folded["articles"]
    }
    summary = folded["events"][0]["summary"]
    assert 0 < len(summary["text"].split()) <= 50
    for sentence in summary["sentences"]:
        assert sentence["sources"]
        words = normalise_for_match(sentence["text"]).split()
        assert any(" ".join(words) in compressed[source] for source in sentence["sources"]), sentence["text"]
        for source in sentence["sources"]:
            similarity = max(SequenceMatcher(None, words, s.split()).ratio() for s in compressed[source])
            assert similarity >= 0.9, (source, sentence["text"])
