"""Crash safety: `newsfold add` killed with SIGKILL at random moments, then rerun.

Every time the store must pass its integrity checks; at the end it must hold each article
once and export exactly what one uninterrupted run exports.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfold.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 10_000
TABLES = {
    "articles": "seq",
    "stories": "id",
    "story_notes": "story",
    "events": "id",
    "bands": "article, key",
    "story_terms": "story, term",
    "frequencies": "id",
    "rejected": "path, line, reason",
}
KILLS = 5


def add(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsfold", "-q", "add", str(corpus), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def tables(db: Path) -> str:
    """A hash of every table's rows, in a fixed order, leaving out when things were written."""
    digest = hashlib.sha256()
    with open_store(str(db)) as store:
        for table, order in TABLES.items():
            columns = [r[1] for r in store.db.query(f"PRAGMA table_info({table})") if r[1] not in ("added", "updated")]
            for row in store.db.query(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def export(db: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "newsfold", "export", "--db", str(db)], check=True, capture_output=True
    ).stdout
    return hashlib.sha256(out).hexdigest()


@pytest.fixture(scope="module")
def corpus(shared_data, tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import build, sentence_pools, write

    return write(build(ARTICLES, sentence_pools(shared_data)), tmp_path_factory.mktemp("crash") / "corpus.jsonl")


def test_killed_adds_leave_a_sound_store_that_ends_as_one_uninterrupted_run(corpus, tmp_path):
    reference = tmp_path / "reference.db"
    started = time.monotonic()
    assert add(corpus, reference).wait() == 0
    whole = time.monotonic() - started
    print(f"uninterrupted add of {ARTICLES} articles: {whole:.0f} s")

    crashed, rng = tmp_path / "crashed.db", random.Random(20261123)
    for kill in range(KILLS):
        process = add(corpus, crashed)
        # Each run gets 4-15 % of an uninterrupted run's time, so all five kills land before
        # the work is done (at most 75 % of it), in batches or in the summaries at the end.
        time.sleep(rng.uniform(0.04, 0.15) * whole)
        if process.poll() is not None:
            pytest.fail(f"run {kill + 1} ended before it could be killed ({process.returncode}): kill sooner")
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        with open_store(str(crashed)) as store:
            assert store.integrity() == [], f"after kill {kill + 1}"
    finished = add(corpus, crashed)
    assert finished.wait() == 0, finished.stderr.read().decode()

    with open_store(str(crashed)) as store:
        assert store.integrity() == []
        ids = [r[0] for r in store.db.query("SELECT id FROM articles")]
        assert store.db.query("SELECT COUNT(*) FROM events WHERE stale = 1")[0][0] == 0
    assert len(ids) == len(set(ids)) == ARTICLES
    assert export(crashed) == export(reference)
    assert tables(crashed) == tables(reference)  # the indexes and term counts too
