# The two commands of the README do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := ../shared/data/seed/arabnews-2025-10-28-pakistan-afghanistan-talks.txt

.PHONY: install demo test bench train clean

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

# Rebuild every shipped model from labelled data (labels/, ../shared read in place): the static
# vectors distilled from MiniLM, then the learned heads. Deterministic: same data, same weights.
TRAIN_STAMP := $(VENV)/.train-installed
$(TRAIN_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	touch $(TRAIN_STAMP)

train: $(TRAIN_STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python -m polemos.training.distill
	$(BIN)/python -m polemos.training.triggers
	$(BIN)/python -m polemos.training.events

bench: install
	$(BIN)/python -m polemos.bench

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
