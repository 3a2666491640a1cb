# countylines: the two commands of the README, and the steps behind them.
#   make demo   set up, then run the main job on the embedded default (SQLite + Parquet)
#   make essex  the same on real files: Essex crime data and geography + a Clacton scenario
#   make test   set up, then run the whole test suite (lint, types, tests on SQLite and PostgreSQL)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= ../shared/data
export COUNTYLINES_WORKSPACE ?= workspace

.PHONY: setup demo essex test lint typecheck pytest bench clean

WEB    := src/countylines/web
setup: $(VENV)/.installed $(WEB)/node_modules/.package-lock.json

# front-end libraries the web workspace serves itself (no CDN); lifecycle scripts not run
$(WEB)/node_modules/.package-lock.json: $(WEB)/package-lock.json
	cd $(WEB) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	scripts/demo.sh

essex: setup
	COUNTYLINES_WORKSPACE=workspace-essex scripts/essex.sh "$(DATA)"

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

pytest: setup
	@url=$$(scripts/test-services.sh | sed -n 's/^COUNTYLINES_TEST_POSTGRES_URL=//p'); \
	url="$${COUNTYLINES_TEST_POSTGRES_URL:-$$url}"; \
	if [ -n "$$url" ]; then echo "PostgreSQL tests: on ($${url##*@})"; \
	else echo "PostgreSQL tests: skipped (no server; see scripts/test-services.sh)"; fi; \
	COUNTYLINES_TEST_POSTGRES_URL="$$url" $(BIN)/pytest -q $(PYTEST_ARGS)

test: lint typecheck pytest

bench: setup
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
