"""Shared fixtures: the bundled sample, its hand-written truth, and the shared data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfold.bundled import sample_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return sample_corpus()


@pytest.fixture(scope="session")
def sample_truth() -> dict:
    return json.loads((ROOT / "tests" / "fixtures" / "sample_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED_DATA / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/data/seeds is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def sample_fold(sample_dir):
    from newsfold.pipeline import fold

    return fold([str(sample_dir)])


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a PostgreSQL server started for this test session (and stopped after it)."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (the 'postgres' extra)")
    from postgres_server import Unavailable, server

    try:
        with server() as url:
            yield url
    except Unavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture
def postgres_target(postgres_server) -> str:
    """A fresh PostgreSQL database on the session's server."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return postgres_server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path) -> str:
    """Where a test's store lives: a fresh SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_target")
