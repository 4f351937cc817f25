# Partnership Playbook: every task a person or CI runs.
#   make serve   set up (first run) and serve the internal edition with live reload
#                (PORT=8001 for another port; HOST=0.0.0.0 to open it from a phone on the same network)
#   make test    set up (first run, Chromium and nginx included) and run the whole test suite
#   make check   the quick loop while editing: every test but the browser and server ones (under 90 s)
#   make build   strict build of the internal edition into site/
#   make public  strict build of the partner edition into site-public/
#                (both: SITE_URL=https://host/path/ is the address the edition is served at)
#   make pdf     both editions as PDFs in dist/
#   make bundle  the partner edition as a zip that works opened from disk, in dist/
#   make dist    everything above, for publishing, into dist/
#   make partner-diff  what the partner edition gains, loses and changes against BASE (default HEAD~1),
#                e.g. BASE=origin/main: pages, files and passages, from two builds in temporary folders
#   make bench   speed benchmarks, the atlas PDF included (not part of the test suite)
#   make screenshots  pictures of an assessment for the docs, from the built partner edition

# Values given to make (SITE_URL=..., PORT=..., also on the command line) are text, never commands:
# - each variable set on the command line is taken as it is written, without make expanding it (make would
#   otherwise run a $(shell ...) inside it, for every recipe, whether the Makefile reads it or not);
# - recipes read them from the environment, inside double quotes ("$$SITE_URL"), never as $(SITE_URL) pasted
#   into a shell line, so quotes, semicolons and backquotes in a value reach Python as one argument.
# tests/test_makefile.py tries every variable below with values that would run a command.
$(foreach name,$(.VARIABLES),$(if $(filter command line,$(origin $(name))),$(eval override $(name) := $$(value $(name)))))

override VENV := .venv
PY     := "$(VENV)/bin/python"
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
PYTHON ?= python3
DIST   ?= dist
export PYTHON DIST SITE_URL INTERNAL_SITE_URL PARTNER_SITE_URL HOST PORT V

# Material prints a banner about MkDocs 2 on every run; this project pins mkdocs<2.
export NO_MKDOCS_2_WARNING := true

.PHONY: setup chromium nginx serve build public pdf bundle dist partner-diff test check bench screenshots clean

setup: $(STAMP)

$(STAMP): requirements.txt
	"$$PYTHON" -m venv $(VENV)
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

# The hosting test serves both editions through Debian's nginx with the shipped configuration (hosting/).
nginx:
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's nginx-light for the hosting test..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
	  else \
	    echo "The hosting test needs nginx: run 'sudo apt-get install nginx-light', then 'make test' again." >&2; exit 1; \
	  fi; \
	fi

serve: setup
	$(PY) -m macros.serve.server $${HOST:+--host "$$HOST"} $${PORT:+--port "$$PORT"}

build: setup
	$(PY) -m macros.build.safe_build mkdocs.yml

public: setup
	$(PY) -m macros.build.safe_build mkdocs-public.yml

# Each edition's print page, printed by Chromium; a failed run keeps the previous PDFs.
pdf: build public chromium
	$(PY) -m macros.publish.pdf site site-public "$$DIST"

# The partner edition for file:// (macros/publish/bundle.py); a failed run keeps the previous zip.
bundle: setup
	$(PY) -m macros.publish.bundle "$$DIST/partnership-playbook-partner.zip"

# Every publishing output: both editions as folders to upload (built for INTERNAL_SITE_URL and
# PARTNER_SITE_URL), both PDFs and the partner bundle.
dist: setup chromium
	@if [ -n "$$SITE_URL" ]; then \
	  echo "make dist builds both editions: set INTERNAL_SITE_URL and PARTNER_SITE_URL instead of SITE_URL." >&2; exit 2; \
	fi
	SITE_URL="$$INTERNAL_SITE_URL" $(PY) -m macros.build.safe_build mkdocs.yml
	SITE_URL="$$PARTNER_SITE_URL" $(PY) -m macros.build.safe_build mkdocs-public.yml
	$(PY) -m macros.publish.pdf site site-public "$$DIST"
	SITE_URL="$$PARTNER_SITE_URL" $(PY) -m macros.publish.bundle "$$DIST/partnership-playbook-partner.zip"
	@for pair in site:web-internal site-public:web-partner; do \
	  src="$${pair%%:*}"; dst="$$DIST/$${pair#*:}"; \
	  rm -rf "$$dst.new" && cp -r "$$src" "$$dst.new" && rm -rf "$$dst" && mv "$$dst.new" "$$dst"; \
	done
	@echo "dist/: web-internal/ and web-partner/ (upload to your hosts), the two PDFs and the partner bundle."

# BASE reaches the command as one argument, never as shell or make text: it is not exported as given (make
# would expand it), its unexpanded value goes into the environment, and the module checks it with git.
unexport BASE
partner-diff: export PB_BASE := $(value BASE)
partner-diff: setup
	@$(PY) -m macros.publish.partner_diff -- "$${PB_BASE:-HEAD~1}"

# One pytest worker per CPU (pytest-xdist). On 2 cores: 334 tests in 292 s with other work on the machine;
# in one process, 304 tests took 445 s on an idle machine.
test: setup chromium nginx
	$(PY) -m pytest -n auto

# Everything but the tests that drive Chromium or start nginx: for the edit-test loop (make test stays the gate).
check: setup
	$(PY) -m pytest -n auto -m "not browser and not server"

bench: setup chromium
	$(PY) benchmarks/run_all.py

screenshots: setup chromium
	$(PY) -m macros.publish.screenshots

clean:
	rm -rf site site-public "$$DIST" .pytest_cache
