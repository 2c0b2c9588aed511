# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean system-deps

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "newsfold needs $(PYTHON) on PATH" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python system-deps
	$(BIN)/python -m pip install --quiet -e . --group dev
	@touch $(STAMP)

# The original ROUGE-1.5.5 (perl) needs XML::Parser, and the store's tests a PostgreSQL
# server; install them when we can (root + apt), otherwise say so: those tests skip.
system-deps:
	@perl -MXML::Parser -e 1 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml-parser-perl >/dev/null; } \
	      || echo "note: could not install libxml-parser-perl: ROUGE-1.5.5 will not run" >&2; \
	  else echo "note: perl XML::Parser (libxml-parser-perl) missing: ROUGE-1.5.5 will not run" >&2; fi; }
	@# The store's tests start their own PostgreSQL server on loopback (and stop it): they need the binaries.
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } \
	      || echo "note: could not install postgresql: the PostgreSQL store tests will skip" >&2; \
	  else echo "note: PostgreSQL server binaries missing: the PostgreSQL store tests will skip" >&2; fi; }

run: $(STAMP)
	$(BIN)/newsfold fold

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/cluster_duc.py
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
