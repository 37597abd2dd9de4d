# tiegraph: `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/tiegraph-demo.db

.PHONY: venv demo test lint format bench clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: venv
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/tiegraph ingest demo/corpus --db $(DEMO_DB)
	$(BIN)/tiegraph summary --db $(DEMO_DB)
	@echo
	$(BIN)/tiegraph changes --db $(DEMO_DB) --measure troops_stationed
	@echo
	@echo "Try: $(BIN)/tiegraph quotes --db $(DEMO_DB) --about PRK"
	@echo "     $(BIN)/tiegraph events --db $(DEMO_DB) --dyad KOR PRK"
	@echo "     $(BIN)/tiegraph eval ../shared/eval/dev"

lint: venv
	$(BIN)/ruff check tiegraph tests benchmarks
	$(BIN)/ruff format --check tiegraph tests benchmarks

format: venv
	$(BIN)/ruff format tiegraph tests benchmarks
	$(BIN)/ruff check --fix tiegraph tests benchmarks

test: venv lint
	$(BIN)/python -m pytest -q

bench: venv
	$(BIN)/python benchmarks/throughput.py --docs 200

clean:
	rm -rf $(VENV) .pytest_cache $(DEMO_DB)
