# Two commands matter: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench compile lint snapshots-update clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Byte-compile up front: with PYTHONDONTWRITEBYTECODE set, every start would
# otherwise compile exback from source (about 10 ms of a 20 ms `exback today`).
compile: $(STAMP)
	$(BIN)/python -m compileall -q exback_tui

run: compile
	$(BIN)/exback

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

bench: compile
	-$(BIN)/python bench/startup.py
	$(BIN)/python bench/journal.py

lint: $(STAMP)
	$(BIN)/ruff check exback_tui tests bench
	$(BIN)/ruff format --check exback_tui tests bench

snapshots-update: $(STAMP)
	$(BIN)/python -m pytest tests/ui/test_snapshots.py --snapshot-update

clean:
	rm -rf $(VENV) build dist .pytest_cache
