"""Faithful by construction, checked on every evaluation cluster: each sentence of a headline,
summary or brief is a sentence (or a title) of an article it cites, or that sentence with
words deleted; no word is added, changed or moved."""

from __future__ import annotations

import re

import pytest

from newsfold.config import ExtractSettings, Settings, SummarySettings
from newsfold.datasets import load_clusters
from newsfold.pipeline import summarize_articles
from newsfold.sentences import split_sentences

SETS = {
    "duc2004-task2": ("duc2004-task2/duc2004_task2.jsonl", 100),
    "duc2003": ("duc2003/duc2003_tasks2_3.jsonl", 100),
    "multiling2011": ("multiling2011-tac/multiling2011_english.jsonl", 250),
}
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _deleted_from(short: list[str], long: list[str]) -> bool:
    """Whether ``short`` is ``long`` with some words deleted (a subsequence)."""
    rest = iter(long)
    return all(word in rest for word in short)


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_sentence_is_a_source_sentence_with_words_deleted(name, shared_data):
    path, words = SETS[name]
    if not (shared_data / path).is_file():
        pytest.skip(f"../shared/data/{path} is not beside this checkout")
    settings = Settings(summary=SummarySettings(words=words), extract=ExtractSettings(enabled=False))
    checked = 0
    for cluster in load_clusters(shared_data / path):
        event = summarize_articles(cluster.articles, settings=settings).events[0]
        by_id = {a.id: a for a in cluster.articles}
        assert event.summary.words <= words and event.brief.words <= settings.summary.brief_words
        # The headline may be a title (cut with an ellipsis when long) or a sentence's first clause.
        for sentence in event.headline.sentences + event.summary.sentences + event.brief.sentences:
            assert sentence.sources and set(sentence.sources) <= set(by_id)
            short = _words(sentence.text)
            originals = [
                _words(s)
                for source in sentence.sources
                for s in [by_id[source].title or "", *(s for p in by_id[source].paragraphs for s in split_sentences(p))]
            ]
            assert any(_deleted_from(short, original) for original in originals), (cluster.id, sentence.text)
            checked += 1
    assert checked
