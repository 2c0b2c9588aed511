"""The sample corpus shipped inside the package: original writing about invented events."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def sample_corpus() -> Path:
    """The folder of bundled sample articles (17 articles, 5 events, 9 invented outlets)."""
    return Path(str(files("newsfold").joinpath("sample")))
