"""An untitled event's headline: a story opening, or its first clause when it says what
happened ("Floodwaters swept through Dunmarrow, killing 14 people..." -> "Floodwaters swept
through Dunmarrow"), and never a sentence that cannot head an event. Text rules only; the
choice among an event's sentences is :func:`newsfold.summarize.event.summarize_event`'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfold.sentences import quotes_closed
from newsfold.stopwords import FUNCTION_WORDS
from newsfold.summarize.candidates import QUOTE_OPENERS, points_back


def can_head(sentence: str) -> bool:
    """Whether a sentence can be an event's headline: not one that opens with someone's words,
    which a headline would state as the event's own ("“Can we take the games away?” he
    said"), nor one that opens by pointing back at a sentence the reader is not shown ("He
    called himself..."; a story's first sentence may)."""
    return sentence[:1] not in QUOTE_OPENERS and not points_back(sentence)


_CLAUSE_END = re.compile(r"[,;:]\s")
_INTRODUCES = frozenset(
    """in on at after before when while as despite with without for from during since although though
    if because once amid following under until by to among like unlike according besides meanwhile
    but and or so yet also however more than about over nearly almost some""".split()
)
"""First words of a phrase or clause that leads into a sentence's main one ("In Poland, ...")."""
MIN_HEADLINE_WORDS = 6
_FINITE = frozenset(
    """is are was were has have had will would can could may might must shall should did does do
    said says won lost hit rose fell sank began took made gave left met came went sent told flew
    quit struck held kept found led ran saw got paid put set cut shot fled spoke wrote became stood
    swept hid broke threw drove grew knew""".split()
)
"""Verbs that say something happened, besides those ending in "-ed"."""


def opening_clause(sentence: str, limit: int) -> str | None:
    """A story opening as a headline: whole when it fits ``limit`` words, else its first clause,
    the words before its first comma, semicolon or colon ("Floodwaters swept through Dunmarrow,
    killing 14 people..." -> "Floodwaters swept through Dunmarrow"). None when it cannot head
    the event (:func:`can_head`: someone's words, a word pointing back), or the clause is too
    few words to say what happened, leads into the main clause ("In Poland, ", "Saying the
    talks had failed, ", "Unfortunately for residents, ") instead of being it, breaks off
    (:func:`_broken_off`) or leaves a quotation or a parenthesis open."""
    if not can_head(sentence):
        return None
    if len(sentence.split()) <= limit:
        return sentence.rstrip(".")
    end = _CLAUSE_END.search(sentence)
    if end is None:
        return None
    clause = sentence[: end.start()]
    words = clause.split()
    if not MIN_HEADLINE_WORDS <= len(words) <= limit or _leads_in(words):
        return None
    lower = [w.lower() for w in words]
    if not _says_what_happened(lower[1:]) or _broken_off(lower):
        return None  # "The killing of Dr. Barnett Slepian", "... rose in the Arctic as Nunavut"
    if clause.count("(") != clause.count(")") or not quotes_closed(clause):
        return None
    return clause


def _leads_in(words: Sequence[str]) -> bool:
    """Whether a clause is a phrase leading into the main one: it opens with a preposition or a
    conjunction ("In Poland", "After the vote"), or with a participle or an adverb that no
    verb or name follows ("Urged on by", "Saying the talks", "Unfortunately for"; not "Beijing
    ordered", "United Nations", "Ahmed said")."""
    first = words[0].lower().strip("“\"‘'(")
    if first in _INTRODUCES:
        return True
    if not first.endswith(("ing", "ly", "ed")):
        return False
    second = words[1]
    return not (second[:1].isupper() or second.lower() in _FINITE or second.lower().endswith("ed"))


def _says_what_happened(words: Sequence[str]) -> bool:
    """Whether a clause's words (after its first) hold a verb before any word that opens a
    clause of its own: "Three Serbs were wounded after...", not "Eight years after his regime
    ended", nor "The killing of Dr. Barnett Slepian"."""
    for word in words:
        if word in _SUBORDINATORS:
            return False
        if word in _FINITE or len(word) > 3 and word.endswith("ed"):
            return True
    return False


def _broken_off(words: Sequence[str]) -> bool:
    """Whether a clause ends in the middle of a phrase: on a function word, one word after a
    word opening a clause ("rose in the Arctic as Nunavut", cut at a comma), or in what a
    "that" or a "who" began ("said on Tuesday that the gunman", before ", a student,"). (An
    adjective before a comma, "in the current, growing confrontations", is not told from a
    noun.)"""
    return words[-1] in FUNCTION_WORDS or words[-2] in _SUBORDINATORS or any(word in _RELATIVES for word in words[-3:])


_RELATIVES = frozenset("that who which whose whom whether".split())


_SUBORDINATORS = frozenset("after before when while as because although though if unless until since once".split())
