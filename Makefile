# Every command CI runs is here; .ci/run only installs the browser and calls `make test`.
VENV := .venv
BIN := $(VENV)/bin
# Quiet the banners mkdocs and its plugins print about MkDocs 2 (it is pinned below 2).
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve test lint format verify build zensical bench fonts clean

# Served at the root of the address it prints: site_url (which mkdocs.yml reads from
# SITE_URL) would otherwise move it to /derivations/, answering / with a redirect.
# --dirty: a save renders that page again (every check of it runs), not all 30 (pipeline/rebuild.py).
serve: $(VENV)/.project node_modules/.installed
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dirty -a 127.0.0.1:8000

test: $(VENV)/.test $(VENV)/.project node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# pytest exits 5 when it collected nothing: a run that tests nothing fails.
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

verify: $(VENV)/.project
	$(BIN)/python -m checker.verify docs/

# Strict builds into site/, then the steps after the build (pipeline/build.py: AFTER).
build: $(VENV)/.project node_modules/.installed
	$(BIN)/python -m pipeline.build mkdocs

# The same site built by Zensical, Material's successor (pinned in requirements-test.txt).
zensical: $(VENV)/.test $(VENV)/.project node_modules/.installed
	$(BIN)/python -m pipeline.build zensical

# The self-hosted fonts (docs/assets/fonts/, docs/stylesheets/fonts.css), copied from
# the @fontsource packages in package.json; run after changing them, and commit the result.
fonts: $(VENV)/.site node_modules/.installed
	$(BIN)/python -m pipeline.fonts

bench: $(VENV)/.test $(VENV)/.project node_modules/.installed benchmarks/lighthouse/node_modules/.installed
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/warm_build.py
	$(BIN)/python benchmarks/serve_rebuild.py
	$(BIN)/python benchmarks/page_weight.py

# What "Check your own step" costs a reader (benchmarks/browser_checker.py, HP): bytes after the click,
# the first answer and each check after it, cold, desktop and throttled, medians of 3.
bench-checker: $(VENV)/.test $(VENV)/.project node_modules/.installed
	$(BIN)/python benchmarks/browser_checker.py --throttle

# The first run sets up: about 80 s for the Python packages (one line per package as
# pip gets it), 5 s for npm; later runs skip both until a requirements file changes.
PIP := $(BIN)/python -m pip install --disable-pip-version-check --progress-bar off
# What pip is fetching and installing, line by line (unbuffered), without its other chatter;
# pipefail keeps pip's exit status.
PROGRESS := sed -u -n -E '/^(Collecting|Installing|Successfully)/p'
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

$(VENV)/.site: requirements.txt
	@echo "== Python packages for the site (requirements.txt) into $(VENV)"
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(PIP) -r requirements.txt | $(PROGRESS)
	touch $@

# The project root on the venv's path: mkdocs.yml's markdown_extensions (pipeline.printed, ...) are
# imported before any hook runs, and .venv/bin/mkdocs does not put the working directory on sys.path.
$(VENV)/.project: $(VENV)/.site
	$(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' | xargs -I{} sh -c 'echo "$(CURDIR)" > {}/dl-dz-project.pth'
	touch $@

$(VENV)/.test: $(VENV)/.site requirements-test.txt
	@echo "== Python packages for the tests (requirements-test.txt)"
	$(PIP) -r requirements-test.txt | $(PROGRESS)
	touch $@

node_modules/.installed: package.json package-lock.json
	@echo "== Node packages (package-lock.json): MathJax, the fonts"
	npm ci --no-audit --no-fund
	touch $@

# Lighthouse is for the benchmark only; the site and its tests do not install it.
benchmarks/lighthouse/node_modules/.installed: benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json
	npm ci --no-audit --no-fund --prefix benchmarks/lighthouse
	touch $@

clean:
	rm -rf site .pytest_cache .ruff_cache artifacts
