# Two commands for a newcomer (see README.md):
#   make serve   set up, build the site, serve it on http://127.0.0.1:$(PORT)/
#   make test    set up (Debian packages too, when root), run every test
#   make test-fast  the quick loop: no browser, Pyodide, LibreOffice or site build
# And for a bureau's server: make release (dist/: archives, deploy/, SHA256SUMS).
# Set-up is idempotent: stamp files skip pip / npm when their inputs are unchanged.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# Material prints a long banner about MkDocs 2.0 on every build; it is not ours to act on.
export NO_MKDOCS_2_WARNING := 1
DEBIAN_PACKAGES := chromium chromium-driver fonts-noto-cjk libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils \
  nginx libnginx-mod-http-brotli-static

.PHONY: serve test test-fast setup build debian clean release

setup: $(PY_STAMP) $(NODE_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { echo "Cannot create $(VENV): on Debian run  sudo apt-get install -y python3-venv"; rm -rf $(VENV); exit 1; }

# checker, forms and release are installed editable, so hooks, tests and bench import the tree.
$(PY_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build: setup
	$(BIN)/mkdocs build --strict

serve: build
	@echo "Serving site/ on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m release.serve --port $(PORT) --bind 127.0.0.1 site

# Debian packages the tests need: installed when root, otherwise named exactly.
debian:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	else \
	  echo "Missing Debian packages. Run as root:"; \
	  echo "  sudo apt-get install -y$$missing"; \
	  exit 1; \
	fi

# One pytest-xdist worker per core (WORKERS=1 for one worker, WORKERS=0 for no worker
# at all: pytest alone, as `pytest -p no:xdist`); tests/support/ does the site build,
# the release and the Pyodide runs once for all workers and hands out whole test files.
WORKERS ?= auto
test: setup debian
	$(BIN)/pytest -n $(WORKERS)

# The quick loop: every test but those marked browser, pyodide, office or slow
# (tests/support/markers.py puts the marks on by folder and fixture).
FAST := not browser and not pyodide and not office and not slow
test-fast: setup
	$(BIN)/pytest -n $(WORKERS) -m "$(FAST)"

clean:
	rm -rf site build dist .pytest_cache

# The release a bureau drops on its server: dist/cluster-guide-<date>-<hash>.tar.gz
# and .zip (the site with .br/.gz siblings, reproducible), deploy/ (nginx), SHA256SUMS.
release: setup
	$(BIN)/python -m release

# Speed of the self-assessment page (time to ready vs the stock Pyodide, second
# visit, offline, main-thread tasks, paste latency, evaluation time, bytes) behind
# make serve's release.serve and the release's nginx: one run, same browser.
# BENCH_ARGS="--baseline DIR --mbps 10 --runs 7" adds a build to compare, a link, runs.
.PHONY: bench-browser
bench-browser: build
	$(BIN)/python -m bench.browser_bench --site site --servers serve,nginx $(BENCH_ARGS)

# Speed of reading the Word 申报表: CPython, then the two pages in Chromium once ready.
.PHONY: bench-docx
bench-docx: build
	$(BIN)/python -m bench.docx_bench --site site

# Speed of the 批量初审: 100 applications screened in CPython, then in the browser
# (once Python is ready in every worker of the page).
.PHONY: bench-batch
bench-batch: build
	$(BIN)/python -m bench.batch_bench --site site
