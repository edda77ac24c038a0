# Two commands on a fresh machine with Python 3.11+ and make:
#   make run    set up .venv and run the hourly job on feeds.yaml
#   make test   set up .venv and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTED := $(VENV)/.installed-test
# axe-core, the accessibility engine the browser tests inject (npm, pinned by its lock file)
AXE    := tests/browser

.PHONY: run test lint demo check bench bench-classify accuracy clean

# the package and what it needs to run
$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

# plus what the tests and checks need
$(TESTED): $(STAMP) $(AXE)/package-lock.json
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@if command -v npm >/dev/null; then \
	  npm ci --prefix $(AXE) --no-audit --no-fund --loglevel=error; \
	else \
	  echo "npm not found: the browser tests' axe-core is not installed and they will be skipped (apt-get install npm chromium)"; \
	fi
	touch $(TESTED)

run: $(STAMP)
	$(BIN)/aggregator run --config feeds.yaml

test: $(TESTED)
	$(BIN)/python -m pytest

lint: $(TESTED)
	$(BIN)/ruff check aggregator tests bench
	$(BIN)/ruff format --check aggregator tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

check: $(STAMP)
	$(BIN)/aggregator check --config feeds.yaml

demo: $(STAMP)
	$(BIN)/aggregator demo

bench: $(TESTED)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py

# classifying 20,000 items made from the calls corpus, against the cold run's budget
bench-classify: $(STAMP)
	$(BIN)/python bench/classify.py

# the corpus's figures; the kind model measured against the rules is fitted with scikit-learn
accuracy: $(TESTED)
	$(BIN)/python bench/accuracy.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(AXE)/node_modules
