"""How newsfold's messages look on stderr, in the command and in its worker processes alike."""

from __future__ import annotations

import logging
import sys

FORMAT = "newsfold: %(levelname)s: %(message)s"
QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan")
"""Their messages name no input ("empty HTML tree"); newsfold's own rejection of the page
names it and says why."""


def configure(level: int) -> None:
    """Messages of ``level`` and above to this moment's stderr (tests swap it), as FORMAT.

    The quiet libraries are silenced by a filter on the handler, not by their loggers' levels:
    trafilatura sets htmldate's level when it is imported, which newsfold does only when a
    page is read, after this ("ERROR: parsed tree length: 0, ..." came through ``-q``).
    """
    logging.basicConfig(level=level, format=FORMAT, stream=sys.stderr, force=True)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_not_quiet)


def _not_quiet(record: logging.LogRecord) -> bool:
    return record.name.partition(".")[0] not in QUIET_LIBRARIES or record.levelno >= logging.CRITICAL
