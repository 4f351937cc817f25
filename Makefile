# Partnership Playbook: every task a person or CI runs.
#   make serve   set up (first run) and serve the internal edition with live reload
#   make test    set up (first run, Chromium included) and run the whole test suite
#   make build   strict build of the internal edition into site/
#   make public  strict build of the partner edition into site-public/
#   make bench   speed benchmarks (not part of the test suite)
#   make screenshots  pictures of an assessment for the docs, from the built partner edition

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
PYTHON ?= python3

# Material prints a banner about MkDocs 2 on every run; this project pins mkdocs<2.
export NO_MKDOCS_2_WARNING := true

.PHONY: setup chromium serve build public test bench screenshots clean

setup: $(STAMP)

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium: run 'sudo apt-get install chromium', then 'make test' again." >&2; exit 1; \
	  fi; \
	fi

serve: setup
	$(PY) -m macros.serve

build: setup
	$(PY) -m macros.safe_build mkdocs.yml

public: setup
	$(PY) -m macros.safe_build mkdocs-public.yml

test: setup chromium
	$(PY) -m pytest

bench: setup chromium
	$(PY) benchmarks/run_all.py

screenshots: setup chromium
	$(PY) -m macros.screenshots

clean:
	rm -rf site site-public .pytest_cache .cache
