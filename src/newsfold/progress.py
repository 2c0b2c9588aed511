"""Progress bars on stderr, only when a person is watching it."""

from __future__ import annotations

import sys


def progress_bar(desc: str, unit: str, total: int | None = None):  # type: ignore[no-untyped-def]
    """A tqdm bar on stderr when it is a terminal, else None (tqdm is imported only then)."""
    if sys.stderr is None or not sys.stderr.isatty():  # None: started with stderr closed
        return None
    from tqdm import tqdm  # noqa: PLC0415

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)
