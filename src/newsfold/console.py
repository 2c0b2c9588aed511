"""The ``newsfold`` console script: the command line, loaded under a Ctrl-C guard.

Loading it (numpy, scipy, the pipeline) takes about half a second; Ctrl-C in that time ends
the command as it does later, with "Interrupted." and status 130, not a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


def main() -> None:
    previous = signal.signal(signal.SIGINT, _interrupted_while_loading)
    try:
        from newsfold.cli import main as command  # noqa: PLC0415 - the import is what is guarded
    except KeyboardInterrupt:  # delivered before the handler above was set
        _interrupted_while_loading()
    signal.signal(signal.SIGINT, previous)
    command()


def _interrupted_while_loading(signum: int = signal.SIGINT, frame: FrameType | None = None) -> None:
    """End at once, with status 130. Not by raising KeyboardInterrupt: raised inside an
    import's own callbacks, the interpreter prints it as ignored and goes on loading (then
    runs the command), and inside an extension's import it may end by the signal instead
    (status -2). Nothing is open yet that needs closing."""
    sys.stderr.write("Interrupted.\n")
    sys.stderr.flush()
    os._exit(130)
