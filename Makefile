# Two commands matter: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST := $(BIN)/python -m pytest

.PHONY: run test test-fast check lint typecheck format bench compile lock snapshots-update clean

# Every package at the exact version constraints.txt names, so a clean clone
# installs what the suite last passed with.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# Byte-compile up front: with PYTHONDONTWRITEBYTECODE set, every start would
# otherwise compile exback from source (about 10 ms of a 20 ms `exback today`).
compile: $(STAMP)
	$(BIN)/python -m compileall -q exback_tui

run: compile
	$(BIN)/exback

# The whole suite, slow tests (kill campaigns, soak, packaging) included.
test: $(STAMP)
	$(PYTEST) -n 2 -q

# The edit loop: everything but the tests marked slow.
test-fast: $(STAMP)
	$(PYTEST) -n 2 -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check exback_tui tests bench
	$(BIN)/ruff format --check exback_tui tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix exback_tui tests bench
	$(BIN)/ruff format exback_tui tests bench

# The gate before every submission, and what CI runs.
check: lint typecheck test

# Every bench prints its table, even after one that found a budget missed.
bench: compile
	-$(BIN)/python bench/startup.py
	-$(BIN)/python bench/latency.py
	-$(BIN)/python bench/journal.py
	-$(BIN)/python bench/progress.py

# Re-resolve every dependency to its newest allowed version and pin it.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[dev]'
	{ sed -n '1,3p' constraints.txt; .venv-lock/bin/python -m pip freeze --exclude-editable \
		| grep -v '^exback'; } > constraints.new && mv constraints.new constraints.txt
	rm -rf .venv-lock

snapshots-update: $(STAMP)
	$(PYTEST) -m snapshot --snapshot-update

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache
