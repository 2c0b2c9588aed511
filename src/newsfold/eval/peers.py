"""The summarisers a user would otherwise pick, run on the same clusters: Lead, and sumy's
LexRank, TextRank and LSA.

sumy splits text with NLTK's punkt models, which are downloaded at run time; here each sumy
summariser gets our sentence splitter and a plain word pattern instead, and its own English
stemmer and stop list. A cluster is given to sumy as one document, one article after another
(in date order), each article's paragraphs kept. sumy ranks sentences; the best are taken
until the word budget is reached, then put back in document order (sumy's own behaviour).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence

from newsfold._optional import require
from newsfold.datasets import Cluster
from newsfold.sentences import split_sentences
from newsfold.types import Article

Summaries = dict[str, str]  # cluster id -> summary text

SUMY_SYSTEMS = {
    "LexRank": "lex_rank.LexRankSummarizer",
    "TextRank": "text_rank.TextRankSummarizer",
    "LSA": "lsa.LsaSummarizer",
}


def lead_summaries(clusters: Iterable[Cluster], words: int) -> Summaries:
    """The opening sentences of each cluster's most recent article, up to the budget."""
    out = {}
    for cluster in clusters:
        latest = max(cluster.articles, key=lambda a: (a.published or dt.date.min, a.id))
        out[cluster.id] = " ".join(_until_budget([s for p in latest.paragraphs for s in split_sentences(p)], words))
    return out


def sumy_summaries(
    system: str, clusters: Iterable[Cluster], words: int, *, on_cluster: Callable[[], None] | None = None
) -> Summaries:
    """Summaries by one of SUMY_SYSTEMS."""
    summarize = _sumy(system)
    out = {}
    for cluster in clusters:
        out[cluster.id] = summarize(cluster.articles, words)
        if on_cluster:
            on_cluster()
    return out


def _until_budget(sentences: Iterable[str], words: int) -> list[str]:
    """Sentences in the given order until ``words`` words are reached (ROUGE cuts the rest)."""
    chosen, used = [], 0
    for sentence in sentences:
        if used >= words:
            break
        chosen.append(sentence)
        used += len(sentence.split())
    return chosen


class _Tokenizer:
    """What sumy asks of a tokenizer, without NLTK data."""

    language = "english"
    _word = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return self._word.findall(sentence)


def _sumy(system: str) -> Callable[[Sequence[Article], int], str]:
    module_name, class_name = SUMY_SYSTEMS[system].split(".")
    module = require(f"sumy.summarizers.{module_name}", extra="eval", feature=f"the {system} peer")
    parsers = require("sumy.parsers.plaintext", extra="eval", feature=f"the {system} peer")
    stemmers = require("sumy.nlp.stemmers", extra="eval", feature=f"the {system} peer")
    utils = require("sumy.utils", extra="eval", feature=f"the {system} peer")
    summarizer = getattr(module, class_name)(stemmers.Stemmer("english"))
    summarizer.stop_words = utils.get_stop_words("english")
    tokenizer = _Tokenizer()

    def summarize(articles: Sequence[Article], words: int) -> str:
        ordered = sorted(articles, key=lambda a: (a.published or dt.date.min, a.id))
        text = "\n\n".join(p for a in ordered for p in a.paragraphs)
        document = parsers.PlaintextParser.from_string(text, tokenizer).document

        def best(ranked: list) -> list:  # sumy passes sentences best first  # type: ignore[type-arg]
            kept = set(_until_budget((str(info.sentence) for info in ranked), words))
            return [info for info in ranked if str(info.sentence) in kept]

        return " ".join(str(s) for s in summarizer(document, best))

    return summarize
