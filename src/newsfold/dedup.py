"""Recognise copies: a story reprinted, truncated or updated becomes one Story.

MinHash + LSH, of the whole texts and of their openings (a reprint of only a story's first
lines shares few of its shingles, but its opening), propose candidate pairs without comparing
all pairs; each candidate is then
checked exactly: two articles are copies when most of the shorter one's word 4-grams are in
the longer one (containment), which joins truncated reprints and expanded updates, and they
are not far more alike once names are masked, which keeps apart stories written from one
template (two companies' earnings briefs).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsfold.config import DedupSettings
from newsfold.graph import components
from newsfold.minhash import candidate_pairs, shingles, signatures
from newsfold.tokens import HONORIFICS, TokenHasher, word_id
from newsfold.types import Article, Story


class NearDuplicateFinder:
    """Stage object around :func:`find_stories`, holding its settings."""

    name = "dedup"
    requires = ("articles", "tokens")
    produces = ("stories",)

    def __init__(self, *, settings: DedupSettings | None = None) -> None:
        self.settings = settings or DedupSettings()

    def __call__(self, articles: Sequence[Article], tokens: Sequence[np.ndarray]) -> tuple[Story, ...]:
        return find_stories(articles, tokens, self.settings)

    def __repr__(self) -> str:
        return f"NearDuplicateFinder(settings={self.settings!r})"


def lead_signatures(tokens: Sequence[np.ndarray], settings: DedupSettings) -> np.ndarray:
    """MinHash signatures of each article's opening words (see ``DedupSettings.lead_words``)."""
    return signatures(
        shingle_sets([ids[: settings.lead_words] for ids in tokens], settings.shingle_size), settings.lead_perm
    )


def shingle_sets(tokens: Sequence[np.ndarray], size: int) -> list[np.ndarray]:
    """Word ``size``-gram hashes of each article, honorifics dropped ("Mr Kim" = "Kim")."""
    drop = TokenHasher().ids(HONORIFICS)
    return [shingles(ids[~np.isin(ids, drop)], size) for ids in tokens]


def find_stories(
    articles: Sequence[Article],
    tokens: Sequence[np.ndarray],
    settings: DedupSettings | None = None,
) -> tuple[Story, ...]:
    """Group articles that are copies of one another into stories.

    Args:
        articles: cleaned articles.
        tokens: each article's word ids (from :class:`TokenHasher`), in the same order.
        settings: shingle size, MinHash and LSH parameters, containment threshold.

    Returns:
        One Story per group of copies (singletons included), ordered by first article.
    """
    settings = settings or DedupSettings()
    if not articles:
        return ()
    sets = shingle_sets(tokens, settings.shingle_size)
    sigs = signatures(sets, settings.num_perm)
    found = [
        candidate_pairs(s, settings.rows_per_band, settings.max_bucket)
        for s in (sigs, lead_signatures(tokens, settings))
    ]
    pairs = _likely(np.unique(np.concatenate(found), axis=0), sigs, sets, settings.containment)
    contained = np.array([containment(sets[i], sets[j]) for i, j in pairs])
    copies = contained >= settings.containment
    pairs, contained = pairs[copies], contained[copies]
    doubtful = np.flatnonzero([may_be_template(c, settings) for c in contained])
    checked = np.unique(pairs[doubtful]).tolist()
    shaped = dict(zip(checked, shapes([articles[k].text for k in checked], settings.shingle_size), strict=True))
    templates = np.zeros(len(pairs), dtype=bool)
    for n in doubtful:
        i, j = pairs[n]
        templates[n] = from_template(shaped[i], shaped[j], contained[n], settings)
    pairs = pairs[~templates]
    groups = components(len(articles), pairs)
    return tuple(make_story([articles[i] for i in g], [sets[i] for i in g]) for g in groups)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the larger one."""
    smaller = min(a.size, b.size)
    if smaller == 0:
        return 0.0
    return np.intersect1d(a, b, assume_unique=True).size / smaller


@dataclass(frozen=True, slots=True)
class Shape:
    """What the template test reads of an article."""

    masked: np.ndarray
    """Its word 4-gram hashes with every capitalised word masked as one word."""
    names: np.ndarray
    """The ids of its capitalised words (lower-cased)."""


_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁ]\w*")
"""A word opening with a capital of the Latin-1, Greek or Cyrillic alphabet (one class: twice
as fast as testing each word's first letter; a name opening with another capital, such as
"Łódź", stays a word, which can only make two texts look less alike)."""
MASK = "_name_"
"""What every capitalised word becomes in a :class:`Shape`."""
OWN_NAMES = 3
"""Capitalised words each of two stories from one template has that the other has not, at
least: a company, its town, its chief."""


def shapes(texts: Sequence[str], size: int) -> list[Shape]:
    """The shapes of texts, with word ``size``-grams."""
    hasher = TokenHasher()
    masked = shingle_sets([hasher(_CAPITALISED.sub(MASK, text)) for text in texts], size)
    names = [np.unique(np.array([word_id(w.lower()) for w in _CAPITALISED.findall(t)], dtype=np.uint32)) for t in texts]
    return [Shape(m, n) for m, n in zip(masked, names, strict=True)]


def may_be_template(contained: float, settings: DedupSettings) -> bool:
    """Whether two articles with this containment may be written from one template: masking
    raises a containment by at most what it lacks of 1."""
    return contained <= 1 - settings.template_gain


def from_template(shape_a: Shape, shape_b: Shape, contained: float, settings: DedupSettings) -> bool:
    """Whether two articles that pass the containment test (their shapes, and the containment
    of their shingle sets) are stories written from one template, not copies.

    They are when they are far more alike once their capitalised words are masked, do not
    share most of those words, and each has a few the other has not. A copy cut or rewritten
    in part loses whole passages, which masking does not bring back; one whose names are spelt
    otherwise ("Gaddafi", "Qadhafi"; "Tripoli", "Tarabulus") changes one or two names. A
    story written from another one's template keeps the template's words and changes its
    names (the company, its town, its chief): two earnings briefs share 0.75 of their
    4-grams, 0.92 masked, and about half of their capitalised words. Among the copies of the
    DUC 2003 and 2004 sets (AP's successive versions of a story), of the sample and of the
    seeds masking gains at most 0.06. A copy in capitals has all the other's capitalised words.
    """
    if not may_be_template(contained, settings):
        return False
    if containment(shape_a.names, shape_b.names) >= settings.template_names:
        return False
    if min(np.setdiff1d(x.names, y.names).size for x, y in ((shape_a, shape_b), (shape_b, shape_a))) < OWN_NAMES:
        return False  # a name or two spelt otherwise
    return containment(shape_a.masked, shape_b.masked) - contained >= settings.template_gain


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    inter = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - inter
    return inter / union if union else 0.0


def _likely(pairs: np.ndarray, sigs: np.ndarray, sets: list[np.ndarray], threshold: float) -> np.ndarray:
    """Drop candidates whose MinHash estimate of containment is far below the threshold."""
    if pairs.size == 0:
        return pairs
    keep = np.zeros(len(pairs), dtype=bool)
    sizes = np.array([s.size for s in sets], dtype=np.float64)
    for start in range(0, len(pairs), 100_000):
        part = pairs[start : start + 100_000]
        j = (sigs[part[:, 0]] == sigs[part[:, 1]]).mean(axis=1)
        a, b = sizes[part[:, 0]], sizes[part[:, 1]]
        estimate = j * (a + b) / ((1 + j) * np.maximum(np.minimum(a, b), 1))
        keep[start : start + len(part)] = estimate >= threshold - 0.25
    return pairs[keep]


def make_story(members: Sequence[Article], sets: Sequence[np.ndarray] | None, story_id: str | None = None) -> Story:
    """The story of copies ``members`` (with their shingle sets): the canonical article is
    the longest (then earliest, then smallest id); the id is ``s-<canonical>`` unless given.
    Without ``sets``, the story's similarity and containment are left out (summaries do not
    need them)."""
    best = min(range(len(members)), key=lambda k: canonical_rank(members[k]))
    canonical = members[best]
    order = sorted(range(len(members)), key=lambda k: (k != best, _date_key(members[k]), members[k].id))
    measured = sets is not None
    return Story(
        id=story_id or f"s-{canonical.id}",
        canonical=canonical.id,
        articles=tuple(members[k].id for k in order),
        similarity={members[k].id: round(jaccard(sets[k], sets[best]), 3) for k in order} if measured else {},
        containment={members[k].id: round(_inside(sets[k], sets[best]), 3) for k in order} if measured else {},
    )


def _inside(member: np.ndarray, canonical: np.ndarray) -> float:
    if member.size == 0:
        return 0.0
    return np.intersect1d(member, canonical, assume_unique=True).size / member.size


def canonical_rank(article: Article) -> tuple[int, int, str]:
    """Lower is better: most words, then earliest date (undated last), then smallest id."""
    return (-article.words, _date_key(article), article.id)


def _date_key(article: Article) -> int:
    return article.published.toordinal() if article.published else dt.date.max.toordinal()
