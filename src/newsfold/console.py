"""The ``newsfold`` console script: the command line, loaded under a Ctrl-C guard.

Loading it (numpy, scipy, the pipeline) takes about half a second; Ctrl-C in that time ends
the command as it does later, with "Interrupted." and status 130, not a traceback.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from newsfold.cli import main as command  # noqa: PLC0415 - the import is what is guarded
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    command()
