# plankg: `make run` sets everything up, builds and validates the graph, and serves it;
# `make test` sets up what the tests need and runs them. Both work on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PLANKG := $(VENV)/bin/plankg
STAMP := $(VENV)/.installed

BROWSER := /usr/bin/chromium

.PHONY: install browser build run test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

# Debian's Chromium, for the browser tests (scripts/install-browser.sh; apt, never a download)
browser: $(BROWSER)
$(BROWSER):
	bash scripts/install-browser.sh

build: install
	$(PLANKG) build

run: build
	$(PLANKG) serve --host 127.0.0.1 --port 8000

test: install browser
	$(PY) -m pytest -q

clean:
	rm -rf data/build $(VENV)
