# tiegraph: `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/tiegraph-demo.db
# the demo's own actor data (fictional institutions), merged with the packaged dictionaries
DEMO_DATA := $(CURDIR)/demo/data
demo serve screenshots load: export TIEGRAPH_DATA_DIR := $(DEMO_DATA)

.PHONY: venv demo test test-fast typecheck lint format bench clean pg bench-store chromium web-assets serve load screenshots

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: venv
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/tiegraph ingest demo/corpus demo/real --db $(DEMO_DB)
	$(BIN)/tiegraph summary --db $(DEMO_DB)
	@echo
	$(BIN)/tiegraph changes --db $(DEMO_DB) --measure troops_stationed
	@echo
	@echo "Try: $(BIN)/tiegraph quotes --db $(DEMO_DB) --about prk"
	@echo "     $(BIN)/tiegraph events --db $(DEMO_DB) --dyad KOR,PRK --type assault"
	@echo "     $(BIN)/tiegraph dyad KOR USA --db $(DEMO_DB)"
	@echo "     $(BIN)/tiegraph brief KOR USA --db $(DEMO_DB) --format html --out brief.html"
	@echo "     $(BIN)/tiegraph eval eval/voa/gold     (real news, exhaustive gold: precision and recall)"
	@echo "  or: export TIEGRAPH_DB=$(CURDIR)/$(DEMO_DB)   (then leave out --db)"
	@echo "Web UI: make serve   (or $(BIN)/tiegraph serve --db $(DEMO_DB)), then open http://127.0.0.1:8000"

lint: venv
	$(BIN)/ruff check tiegraph tests benchmarks
	$(BIN)/ruff format --check tiegraph tests benchmarks

format: venv
	$(BIN)/ruff format tiegraph tests benchmarks
	$(BIN)/ruff check --fix tiegraph tests benchmarks

test: venv lint typecheck chromium pg
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# the quick inner loop: everything but the slow end-to-end modules (tests/conftest.py)
test-fast: venv
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not slow"

typecheck: venv
	$(BIN)/mypy

# Store tests start their own PostgreSQL from Debian's server binaries; installs only if
# missing (initdb runs as the `postgres` user). Without it the PostgreSQL half of the
# store tests skips with the reason.
pg:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null || \
	  echo "postgresql-15 not installed: PostgreSQL store tests will skip"; }

bench-store: venv
	$(BIN)/python benchmarks/store.py

# Browser tests drive Debian's chromium (never `playwright install`); installs only if missing.
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq chromium >/dev/null || echo "chromium not installed: browser tests will skip"; }

# Front-end libraries from npm (pinned in package-lock.json), copied into the package's
# static folder; the copies are committed so the UI works without node at run time.
VENDOR := tiegraph/web/static/vendor
VENDOR_PKGS := vega vega-lite vega-embed cytoscape swagger-ui-dist
web-assets:
	npm ci --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js \
	  node_modules/vega-embed/build/vega-embed.min.js node_modules/cytoscape/dist/cytoscape.min.js \
	  node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/
	sed -i '/^\/\/# sourceMappingURL=/d' $(VENDOR)/*.js
	for p in $(VENDOR_PKGS); do cp node_modules/$$p/LICENSE $(VENDOR)/LICENSE.$$p; done
	node -e 'const l=require("./package-lock.json").packages;console.log(JSON.stringify(Object.fromEntries(process.argv.slice(1).map(p=>[p,l["node_modules/"+p].version])),null,1))' $(VENDOR_PKGS) > $(VENDOR)/VERSIONS.json

serve: venv
	test -f $(DEMO_DB) || $(BIN)/tiegraph ingest demo/corpus demo/real --db $(DEMO_DB)
	$(BIN)/tiegraph serve --db $(DEMO_DB)

# The README's screenshots (docs/screenshots/*.png) from the demo corpus, in chromium.
screenshots: venv chromium
	TIEGRAPH_SCREENSHOT_DIR=docs/screenshots $(BIN)/python -m pytest -q tests/test_web_browser.py -k readme_screenshots

# 200 GET requests, 20 at a time, to a local server over the demo corpus (benchmarks/results/load.json).
load: venv
	$(BIN)/python benchmarks/load.py --requests 200 --concurrency 20

# every benchmark in one run, one JSON object of ratios (benchmarks/results/bench_all.json);
# the issue-size memory run takes hours on 2 cores: `--memory-sizes 2000 6000 --docs 96` is quick
bench: venv
	$(BIN)/python benchmarks/bench_all.py

clean:
	rm -rf $(VENV) .pytest_cache $(DEMO_DB)
