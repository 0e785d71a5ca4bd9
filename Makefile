# The two commands of the README do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := ../shared/data/seed/arabnews-2025-10-28-pakistan-afghanistan-talks.txt

.PHONY: install demo test bench clean train-attribution

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	@echo "== polemos code samples/valley-ceasefire.txt (our own sample article) =="
	$(BIN)/polemos code samples/valley-ceasefire.txt --published 2026-03-17 --format table
	@if [ -f $(SEED) ]; then \
		echo "== polemos code $(SEED) (the reference article, read in place) =="; \
		$(BIN)/polemos code $(SEED) --published 2025-10-28 --format table; \
	else echo "(../shared/data/seed is absent: skipping the reference article)"; fi

test: install
	$(BIN)/python -m pytest -q

# The attribution scorers (src/polemos/models/attribution/) from PolNeAR's train part in ../shared/data
# (its held-out fifth is never read); a few minutes on 2 cores; same data and seed, same weights.
train-attribution: install
	$(BIN)/python -m polemos.training.attribution --seed 13

bench: install
	$(BIN)/python -m polemos.bench

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
