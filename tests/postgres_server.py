"""A throwaway PostgreSQL server on loopback for the store's tests, stopped when they end.

Uses Debian's server binaries (``make`` installs the ``postgresql`` package when it is
missing); ``NEWSFOLD_TEST_POSTGRES`` names an existing server instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


class Unavailable(Exception):
    """No PostgreSQL server can be had here; the message says why."""


def _binaries() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise Unavailable(
            "PostgreSQL server binaries not found (Debian package 'postgresql'; `make` installs it as root)"
        )
    return os.path.dirname(found[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the ``postgres`` user."""
    return ["runuser", "-u", owner, "--", *command] if owner else command


@contextmanager
def server() -> Iterator[str]:
    """Yields the URL of a running server's maintenance database."""
    if os.environ.get("NEWSFOLD_TEST_POSTGRES"):
        yield os.environ["NEWSFOLD_TEST_POSTGRES"]
        return
    bin_dir = _binaries()
    owner = "postgres" if os.geteuid() == 0 else None
    if owner and shutil.which("runuser") is None:
        raise Unavailable("running as root without runuser: cannot start PostgreSQL as its own user")
    folder = tempfile.mkdtemp(prefix="newsfold-pg-")
    if owner:
        shutil.chown(folder, owner)
    data, port = os.path.join(folder, "data"), _free_port()
    run = lambda *args: subprocess.run(_as_owner(list(args), owner), check=True, capture_output=True)  # noqa: E731
    try:
        run(f"{bin_dir}/initdb", "-D", data, "-A", "trust", "-U", "newsfold", "--no-sync")
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
        run(f"{bin_dir}/pg_ctl", "-D", data, "-o", options, "-l", f"{folder}/log", "-w", "start")
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise Unavailable(f"could not start PostgreSQL: {getattr(exc, 'stderr', b'') or exc}") from exc
    try:
        yield f"postgresql://newsfold@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_owner([f"{bin_dir}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"], owner), capture_output=True
        )
        shutil.rmtree(folder, ignore_errors=True)
