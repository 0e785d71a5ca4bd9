# The two commands of the README do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := ../shared/data/seed/arabnews-2025-10-28-pakistan-afghanistan-talks.txt

NPM ?= npm
CHROMIUM ?= /usr/bin/chromium
WEB_STAMP := node_modules/.installed
DEMO_DB := var/demo.db
PORT ?= 8000

.PHONY: install demo serve test bench bench-serve bench-corpus soak browser screenshots train train-attribution clean example-docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The web UI's country boundaries (world-atlas, Natural Earth) come from the npm registry, pinned in package-lock.json.
$(WEB_STAMP): package.json package-lock.json
	@if command -v $(NPM) >/dev/null 2>&1; then \
		$(NPM) ci --no-audit --no-fund --loglevel=error && touch $(WEB_STAMP); \
	else echo "npm not found: the map will show no country boundaries (install Node.js, then make install)"; fi

install: $(STAMP) $(WEB_STAMP)

# Debian's chromium for the browser tests (Playwright's own browser download cannot work offline).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "$(CHROMIUM) is missing: apt-get install chromium (the browser tests will be skipped)"; fi; \
	fi

demo: install
	@echo "== polemos code samples/valley-ceasefire.txt (our own sample article) =="
	$(BIN)/polemos code samples/valley-ceasefire.txt --published 2026-03-17 --format table
	@if [ -f $(SEED) ]; then \
		echo "== polemos code $(SEED) (the reference article, read in place) =="; \
		$(BIN)/polemos code $(SEED) --published 2025-10-28 --format table; \
	else echo "(../shared/data/seed is absent: skipping the reference article)"; fi

# The web UI and API on a demo corpus: our sample article and 300 generated reports
# (scripts/generate_corpus.py), ingested once into var/demo.db; writes need the token in var/demo.token.
serve: install
	@mkdir -p var
	@[ -f var/demo.token ] || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(32))" > var/demo.token
	@[ -f var/demo-corpus.jsonl ] || $(BIN)/python scripts/generate_corpus.py --count 300 --out var/demo-corpus.jsonl
	$(BIN)/polemos ingest samples/ var/demo-corpus.jsonl --db $(DEMO_DB) --no-progress || [ $$? -eq 4 ]
	$(BIN)/polemos serve --db $(DEMO_DB) --port $(PORT) --token-file var/demo.token

test: install browser
	$(BIN)/python -m pytest -q

# Rebuild every shipped model from labelled data (labels/, ../shared read in place): the static
# vectors distilled from MiniLM, then the learned heads. Deterministic: same data, same weights.
TRAIN_STAMP := $(VENV)/.train-installed
$(TRAIN_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	touch $(TRAIN_STAMP)

train: $(TRAIN_STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python -m polemos.training.distill
	$(BIN)/python -m polemos.training.attribution
	$(BIN)/python -m polemos.training.triggers
	$(BIN)/python -m polemos.training.events

# The attribution scorers (src/polemos/models/attribution/) from PolNeAR's train part in ../shared/data
# (its held-out fifth is never read); a few minutes on 2 cores; same data and seed, same weights.
train-attribution: install
	$(BIN)/python -m polemos.training.attribution --seed 13

bench: install
	$(BIN)/python -m polemos.bench

# The server under load on a 1M-event store, and page loads in chromium; figures into docs/benchmarks.md.
bench-serve: install browser
	$(BIN)/python scripts/bench_serve.py

# Issue 14: the corpus-scale Dask run (a 3,000-input prefix of the 100k corpus; LIMIT=0 for all of it)
# and the soak under SIGKILLs on SQLite and PostgreSQL; figures into docs/benchmarks.md.
LIMIT ?= 3000
bench-corpus: install
	$(BIN)/python scripts/corpus_run.py --limit $(LIMIT)

soak: install
	$(BIN)/python scripts/soak.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info node_modules

# Screenshots of each view for docs/screenshots, taken by the browser tests.
screenshots: install browser
	POLEMOS_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_serve_browser.py

# The worked example (README.md, docs/worked-example.md) run again, its commands' new output written in
# place; tests/test_worked_example.py fails until this is run after a change of what polemos prints.
example-docs: install
	$(BIN)/python scripts/worked_example.py --update
