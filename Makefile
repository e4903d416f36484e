# Hyvinvointitutka — the README's two commands are `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PORT    ?= 8501
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup setup-dev chromium init lint bench clean

run: setup chromium-optional  ## set up and start the app on the embedded data (http://localhost:8501)
	$(BIN)/python -m tutka init
	$(BIN)/python -m compileall -q tutka  # bytecode once (a start then imports instead of compiling, also with PYTHONDONTWRITEBYTECODE)
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --browser.gatherUsageStats false

test: setup-dev chromium      ## set up and run the gates (ruff, ruff format, mypy) and every test (unit, SQL, AppTest, real browser)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/python          ## virtualenv + runtime requirements
	$(BIN)/pip install --quiet -r requirements.txt

setup-dev: $(BIN)/python      ## virtualenv + runtime and test requirements
	$(BIN)/pip install --quiet -r requirements-dev.txt

chromium:                     ## Debian's Chromium for browser tests and image export (no browser downloads)
	@(command -v chromium >/dev/null && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]) || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core)

chromium-optional:
	@(command -v chromium >/dev/null && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]) || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core) \
	  || echo "Chromium could not be installed: PNG export is unavailable, everything else works."

init: setup                   ## (re)build the database from data/ (do not run while the app runs)
	$(BIN)/python -m tutka init

lint: setup-dev               ## the gates alone: ruff check, ruff format --check, mypy on tutka/
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: setup-dev              ## benchmarks at national scale (ratios against a baseline in the same run)
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf var test-artifacts .pytest_cache
