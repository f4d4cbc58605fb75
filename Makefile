# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make run    set up .venv, ingest the bundled examples into the default store, print a summary
#   make test   set up .venv, lint, type-check, run the whole test suite on SQLite, then again
#               on a throwaway PostgreSQL server (scripts/with-postgres.sh)
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test test-sqlite lint typecheck docs reference clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/dyad ingest examples/
	$(BIN)/dyad stats

lint: setup
	$(BIN)/ruff check dyad tests benchmarks scripts
	$(BIN)/ruff format --check dyad tests benchmarks scripts

typecheck: setup
	$(BIN)/mypy

# The documentation site, built with every warning an error (a broken link, a page out of
# the nav); `make reference` regenerates the pages generated from the code.
docs: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

reference: setup
	$(BIN)/python scripts/gen_docs.py

test: lint typecheck docs
	$(BIN)/pytest -q -p no:cacheprovider
	scripts/with-postgres.sh $(BIN)/pytest -q -p no:cacheprovider

test-sqlite: lint typecheck docs
	$(BIN)/pytest -q -p no:cacheprovider

clean:
	rm -rf $(VENV) build site *.egg-info
