# The two commands of the README:
#   make demo   install everything, generate demo data, dbt build, check, print the summary
#   make test   install everything, lint, and run every test (dbt's and pytest's)
# Everything runs from the project root inside .venv; nothing outside the project is touched.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The warehouse file; profiles.yml reads the same variable.
export CANDIDATE_SCORING_DUCKDB_PATH ?= data/candidate_scoring.duckdb
# Keep dbt's own files out of the home directory.
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: setup demo generate build check summary docs lint test clean

# The venv is rebuilt whenever the pinned requirements change.
$(BIN)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --quiet --disable-pip-version-check --no-deps -e .
	touch $@

setup: $(BIN)/.installed

demo: setup generate build check summary

generate: setup
	mkdir -p $(dir $(CANDIDATE_SCORING_DUCKDB_PATH))
	$(BIN)/candidate-scoring generate

build: setup
	@test -f "$(CANDIDATE_SCORING_DUCKDB_PATH)" || { echo "No warehouse at \
	$(CANDIDATE_SCORING_DUCKDB_PATH): run 'make generate', or load your extracts there (README)."; \
	exit 1; }
	$(BIN)/dbt build

check: setup
	$(BIN)/candidate-scoring check

summary: setup
	$(BIN)/candidate-scoring summary

# The dbt docs site of the built warehouse: then `.venv/bin/dbt docs serve` to browse it.
docs: setup
	$(BIN)/dbt docs generate

lint: setup
	$(BIN)/ruff check python benchmarks
	$(BIN)/ruff format --check python benchmarks
	$(BIN)/mypy python benchmarks
	$(BIN)/sqlfluff lint models tests analyses

test: lint
	$(BIN)/pytest

clean:
	rm -rf target logs data .pytest_cache
