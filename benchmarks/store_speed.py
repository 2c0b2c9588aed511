"""Adding news to a store that already holds a lot: SQLite and PostgreSQL, same articles.

Builds (once, then reuses) a store of ``--base`` synthetic articles (benchmarks/synthetic.py),
then times adding ``--new`` further articles of the same corpus to a fresh copy of it,
``--runs`` times per backend, and prints the medians. PostgreSQL runs against
``--postgres URL``, or a throwaway server started as the tests start one.

    python benchmarks/store_speed.py [--base 100000] [--new 1000] [--runs 3] [--backends sqlite postgresql]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from synthetic import build, sentence_pools, write

from newsfold.config import Settings
from newsfold.store import open_store

HERE = Path(__file__).resolve().parent
TABLES = ("events", "stories", "story_notes", "articles", "bands", "story_terms", "frequencies", "rejected")
"""In an order that satisfies the foreign keys."""
OUT = HERE / "out"


def corpora(data: Path, base: int, new: int) -> tuple[Path, Path]:
    """The first ``base`` records of a ``base + new`` corpus, and the ``new`` after them."""
    base_path, new_path = OUT / f"store-base-{base}.jsonl", OUT / f"store-new-{base}-{new}.jsonl"
    if not (base_path.exists() and new_path.exists()):
        records = build(base + new, sentence_pools(data))
        write(records[:base], base_path)
        write(records[base:], new_path)
    return base_path, new_path


def timed_add(target: str, corpus: Path, batch: int = 500) -> tuple[float, float, int]:
    """Seconds for the whole add, seconds of it spent re-summarising, new articles."""
    timings: dict[str, float] = {}
    with open_store(target, Settings(workers=0)) as store:  # every core, as `newsfold add`
        start = time.perf_counter()
        report = store.add([str(corpus)], batch=batch, timings=timings)
        seconds = time.perf_counter() - start
    return seconds, timings["summaries"], report.new


def with_notes(target: str) -> int:
    """Summarise again the events of the base store whose stories have no summariser's notes
    yet (built before schema version 6): a store built by this newsfold has notes on every
    story, and one in use gets them as its events change. Returns how many events."""
    with open_store(target, Settings(workers=0)) as store:
        with store.db.writing():
            store.db.execute(
                "UPDATE events SET stale = 1 WHERE id IN (SELECT event FROM stories s "
                "WHERE NOT EXISTS (SELECT 1 FROM story_notes n WHERE n.story = s.id))"
            )
        return store.refresh()


class SQLiteCopies:
    name = "SQLite"

    def __init__(self, base: int) -> None:
        self.base = OUT / f"store-{base}.db"

    def base_target(self) -> str:
        return str(self.base)

    def exists(self) -> bool:
        return self.base.exists()

    def copy(self, run: int) -> str:
        path = OUT / f"store-run{run}.db"
        with open_store(str(self.base)) as store:  # fold the WAL into the file before copying it
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copy(self.base, path)
        return str(path)


class PostgresCopies:
    name = "PostgreSQL"

    def __init__(self, base: int, url: str) -> None:
        import psycopg

        self.psycopg, self.server, self.base = psycopg, url.rsplit("/", 1)[0], f"newsfold_base_{base}"
        self.admin = url

    def base_target(self) -> str:
        return f"{self.server}/{self.base}"

    def exists(self) -> bool:
        with self.psycopg.connect(self.admin, autocommit=True) as c:
            if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (self.base,)).fetchone():
                c.execute(f"CREATE DATABASE {self.base}")
                return False
        with open_store(self.base_target()) as store:
            return store.db.query("SELECT COUNT(*) FROM articles")[0][0] > 0

    def fill_from(self, sqlite_path: Path) -> None:
        """Copy a SQLite store's rows into the (empty, migrated) base database: the same store,
        faster than adding 100k articles again."""
        import sqlite3

        source = sqlite3.connect(sqlite_path)
        with open_store(self.base_target()):  # creates the tables
            pass
        with self.psycopg.connect(self.base_target()) as target, target.cursor() as cursor:
            for table in TABLES:
                columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in source.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                        copy.write_row(row)
        source.close()
        with open_store(self.base_target()) as store:  # planner statistics, as `newsfold add` leaves them
            store.db.refresh_statistics()

    def copy(self, run: int) -> str:
        name = f"newsfold_run{run}"
        with self.psycopg.connect(self.admin, autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")
            c.execute(f"CREATE DATABASE {name} TEMPLATE {self.base}")
        return f"{self.server}/{name}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE.parents[1] / "shared" / "data")
    parser.add_argument("--base", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--postgres", help="URL of a PostgreSQL server's maintenance database.")
    args = parser.parse_args()
    base_corpus, new_corpus = corpora(args.data, args.base, args.new)
    rows = []
    with ExitStack() as stack:
        backends = []
        for backend in args.backends:
            if backend == "sqlite":
                backends.append(SQLiteCopies(args.base))
            else:
                url = args.postgres
                if url is None:
                    sys.path.insert(0, str(HERE.parent / "tests"))
                    from postgres_server import server

                    url = stack.enter_context(server())
                backends.append(PostgresCopies(args.base, url))
        for backend in backends:
            sqlite_base = OUT / f"store-{args.base}.db"
            if isinstance(backend, PostgresCopies) and not backend.exists() and sqlite_base.exists():
                print(f"copying the SQLite base store into {backend.base}...", file=sys.stderr)
                backend.fill_from(sqlite_base)
            if not backend.exists():
                print(f"building the {backend.name} base store of {args.base} articles (once)...", file=sys.stderr)
                seconds, _, added = timed_add(backend.base_target(), base_corpus, batch=2000)
                print(f"  {added} articles in {seconds:.0f} s ({added / seconds:.0f} articles/s)", file=sys.stderr)
            if noted := with_notes(backend.base_target()):
                print(f"  notes taken on the stories of {noted} events of the base store (once)", file=sys.stderr)
            runs = [timed_add(backend.copy(k), new_corpus) for k in range(args.runs)]
            rows.append((backend.name, runs))
    print("| backend | stored | added | runs | median s | of which summaries s | articles/s | goal s |")
    print("|---|---|---|---|---|---|---|---|")
    for name, runs in rows:
        total = statistics.median(r[0] for r in runs)
        summaries = statistics.median(r[1] for r in runs)
        added = runs[0][2]
        cells = (name, f"{args.base:,}", f"{added:,}", len(runs), f"{total:.1f}", f"{summaries:.1f}")
        cells += (f"{added / total:.0f}",)
        print("| " + " | ".join(map(str, cells)) + " | 10 |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
