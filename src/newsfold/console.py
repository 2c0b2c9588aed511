"""The ``newsfold`` console script: the command line, loaded under a Ctrl-C guard.

Loading it (numpy, scipy, the pipeline) takes about half a second; Ctrl-C in that time ends
the command as it does later, with "Interrupted." and status 130, not a traceback.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    try:
        from newsfold.cli import main as command  # noqa: PLC0415 - the import is what is guarded
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.stderr.flush()
        # Not sys.exit: interrupted inside an extension's import (numpy, scipy), the
        # interpreter may still count the interrupt as unhandled and end by the signal
        # (status -2 under `python -m`, 1 run in 7 at 0.35 s on a loaded machine). Nothing
        # is open yet that needs closing.
        os._exit(130)
    command()
