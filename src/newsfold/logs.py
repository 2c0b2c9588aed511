"""How newsfold's messages look on stderr, in the command and in its worker processes alike."""

from __future__ import annotations

import logging
import sys

FORMAT = "newsfold: %(levelname)s: %(message)s"
QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan")
"""Their messages name no input ("empty HTML tree"); newsfold's own rejection of the page
names it and says why."""


def configure(level: int) -> None:
    """Messages of ``level`` and above to this moment's stderr (tests swap it), as FORMAT."""
    logging.basicConfig(level=level, format=FORMAT, stream=sys.stderr, force=True)
    for library in QUIET_LIBRARIES:
        logging.getLogger(library).setLevel(logging.CRITICAL)
