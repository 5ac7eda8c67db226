# plankg: `make run` sets everything up, builds and validates the graph, and serves it;
# `make test` sets up what the tests need and runs them; `make bench` runs the benchmarks
# (docs/benchmarks.md; `make bench PLANS="1000 10000"` for other corpus sizes); `make reliability` the reliability suite (docs/reliability.md). All work
# on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PLANKG := $(VENV)/bin/plankg
STAMP := $(VENV)/.installed
# npm ci writes this file last; it is newer than the lock file once the install is complete
NODE_STAMP := web/node_modules/.package-lock.json

.PHONY: install system build run test bench bench-servers reliability clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# The web UI's browser packages (YASGUI), exactly as web/package-lock.json pins them; served
# from web/node_modules by the API, never from a CDN. Install scripts are not run: none is needed.
$(NODE_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

install: $(STAMP) $(NODE_STAMP)

# Debian's Chromium and CJK fonts for the browser tests, wrk for the benchmarks, Virtuoso's
# server for the remote-store tests (apt, never a download); the script returns at once when all
# are installed
system:
	bash scripts/install-system.sh

build: install
	$(PLANKG) build
	$(PLANKG) export

run: build
	$(PLANKG) serve --host 127.0.0.1 --port 8000

test: install system
	$(PY) -m pytest -q

# Every benchmark at 5 (the real plans), 100 and 1,000 plans: docs/benchmarks.md, .json and plots.
# PLANS sets the sizes (`make bench PLANS="1000 10000"`), each passed as `--plans N`; SECTIONS
# the sections (`make bench PLANS=1000 SECTIONS=floor`), floor included beside the defaults
PLANS ?= 5 100 1000
SECTIONS ?= build queries endpoint validation visualisation floor
bench: install system
	$(PY) -m bench $(addprefix --plans=,$(PLANS)) $(addprefix --sections=,$(SECTIONS)) --out docs

# On demand: the embedded store, oxigraph serve and Virtuoso side by side (docs/scale.md)
bench-servers: install system
	$(PY) -m bench.servers --plans 100 --plans 1000

# The reliability suite whole: kills mid-build, serving during a rebuild, worker faults, fuzzing,
# the public surface, and 5 minutes of load at each of 4, 8 and 16 users on the 1,000-plan graph
# (built once into /tmp/plankg-reliability); about half an hour. Writes docs/reliability.md
reliability: install system
	$(PY) -m pip install --quiet -e '.[reliability]'
	$(PY) scripts/reliability.py --out docs/reliability.md

clean:
	rm -rf data/build $(VENV) web/node_modules
