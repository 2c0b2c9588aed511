"""The one place that turns a missing optional dependency into install advice."""

from __future__ import annotations

import importlib
from types import ModuleType

from newsfold.errors import MissingDependency


def require(module: str, *, extra: str, feature: str) -> ModuleType:
    """Import ``module`` or raise MissingDependency naming the extra that provides it.

    Args:
        module: the module to import, e.g. ``"rouge_score.rouge_scorer"``.
        extra: the newsfold extra that installs it.
        feature: what needs it, for the message.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependency(
            f"{feature} needs the '{module.split('.')[0]}' package. Install it with:\n"
            f'    pip install "newsfold[{extra}]"'
        ) from exc
