"""Score summarisers on clusters with human references: newsfold and its peers, one scorer.

Each cluster is summarised as one event (no grouping). Peers run in the same process come
from :mod:`newsfold.eval.peers`; stored summaries of published systems are read from a folder
(files named ``<cluster>.<System>``, as in DUC 2004's peers folder).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsfold.config import ExtractSettings, Settings, SummarySettings
from newsfold.datasets import Cluster
from newsfold.eval.peers import Summaries
from newsfold.eval.rouge import MEASURES, Rouge, score
from newsfold.ingest.decode import DecodeError, decode
from newsfold.ingest.files import printable
from newsfold.pipeline import summarize_articles
from newsfold.render import markdown_text

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SystemResult:
    """One system's ROUGE per cluster (percent), with means and 95% bootstrap intervals."""

    name: str
    per_cluster: Mapping[str, Rouge]

    def mean(self, measure: str, kind: str = "recall") -> float:
        return float(np.mean(self._values(measure, kind)))

    def interval(self, measure: str, kind: str = "recall", *, samples: int = 1000) -> tuple[float, float]:
        """95% bootstrap interval of the mean over clusters (fixed seed: reproducible)."""
        values = np.array(self._values(measure, kind))
        rng = np.random.default_rng(0)
        means = values[rng.integers(0, values.size, (samples, values.size))].mean(axis=1)
        return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))

    def _values(self, measure: str, kind: str) -> list[float]:
        return [getattr(r, kind)[measure] for r in self.per_cluster.values()]


def newsfold_summaries(
    clusters: Iterable[Cluster], settings: SummarySettings, *, on_cluster: Callable[[], None] | None = None
) -> Summaries:
    """newsfold's summary of each cluster, taken as one event."""
    wrapped = Settings(summary=settings, extract=ExtractSettings(enabled=False))  # summaries only
    out = {}
    for cluster in clusters:
        out[cluster.id] = summarize_articles(cluster.articles, settings=wrapped).events[0].summary.text
        if on_cluster:
            on_cluster()
    return out


MAX_STORED_BYTES = 100_000
"""A stored summary is read up to this size (a 250-word summary is under 2 KB)."""


def stored_summaries(folder: Path, clusters: Sequence[Cluster]) -> dict[str, Summaries]:
    """System name -> summaries, from files ``<cluster>.<System>``; files with more dots
    (reference summaries) are ignored. A file names its cluster by its id, or as DUC's files
    do, by the id without its closing letter (``d30001.DPP`` for cluster ``d30001t``) when no
    other cluster has that id or that stem."""
    stems: dict[str, list[str]] = {}
    for c in clusters:
        stems.setdefault(re.sub(r"[a-z]$", "", c.id).lower(), []).append(c.id)
    named = {stem: ids[0] for stem, ids in stems.items() if len(ids) == 1}  # DUC's names, when unambiguous
    named.update({c.id.lower(): c.id for c in reversed(clusters)})  # a cluster's own id first (the first such)
    systems: dict[str, Summaries] = {}
    for path in sorted(folder.iterdir()):
        prefix, _, system = path.name.partition(".")
        cluster = named.get(prefix.lower())
        if not system or "." in system or cluster is None:
            continue
        text = _stored_summary(path)
        if text is not None:
            systems.setdefault(system, {})[cluster] = text
    return systems


def _stored_summary(path: Path) -> str | None:
    """The text of a stored summary, or None (with a warning naming it) when it is none."""
    try:
        if not path.is_file():  # a folder, or a pipe that would wait for a writer
            reason = "not a regular file"
        else:
            with path.open("rb") as stream:
                data = stream.read(MAX_STORED_BYTES + 1)
            if len(data) > MAX_STORED_BYTES:
                reason = f"over {MAX_STORED_BYTES:,} bytes: no summary is that long"
            elif text := " ".join(decode(data).split()):
                return text
            else:
                reason = "empty: it would score 0 and be averaged in"
    except OSError as exc:
        reason = exc.strerror or str(exc)
    except DecodeError as exc:
        reason = str(exc)
    log.warning("stored summary %s skipped: %s", path, reason)
    return None


def evaluate(name: str, summaries: Summaries, clusters: Sequence[Cluster], words: int) -> SystemResult:
    """Score one system on every cluster it has a summary for."""
    scores = {c.id: score(summaries[c.id], c.summaries, words=words) for c in clusters if c.id in summaries}
    return SystemResult(name, scores)


def table(results: Sequence[SystemResult]) -> str:
    """A Markdown table sorted by ROUGE-2 recall, with 95% intervals for recall."""
    header = "| system | clusters | " + " | ".join(f"{m} R (95% CI)" for m in MEASURES)
    header += " | " + " | ".join(f"{m} F1" for m in MEASURES) + " |"
    lines = [header, "|---" * (2 + 2 * len(MEASURES)) + "|"]
    for result in sorted(results, key=lambda r: -r.mean("rouge2")):
        recall = " | ".join(
            f"{result.mean(m):.2f} ({'–'.join(f'{v:.2f}' for v in result.interval(m))})" for m in MEASURES
        )
        f1 = " | ".join(f"{result.mean(m, 'f1'):.2f}" for m in MEASURES)
        lines.append(f"| {table_name(result.name)} | {len(result.per_cluster)} | {recall} | {f1} |")
    return "\n".join(lines)


def table_name(system: str) -> str:
    """A system's name as a Markdown table cell: a stored summary's file names its system, and
    a "|" or "<b>" in it would break the table or be read as HTML."""
    return markdown_text(printable(system))
