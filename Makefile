# The two commands of the README:
#   make demo   install everything, generate demo data, then the scheduled run (freshness, dbt
#               build, checks, publish, exports) and the summary, all in the demo's own
#               warehouse, data/demo.duckdb (never yours)
#   make test   install everything, lint, and run every test (dbt's and pytest's)
# Everything runs from the project root inside .venv; nothing outside the project is touched.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The warehouse file of build, check, summary and generate; profiles.yml reads the same
# variable. It holds your data: `make demo` never uses it.
export CANDIDATE_SCORING_DUCKDB_PATH ?= data/candidate_scoring.duckdb
# The demo's own warehouse.
DEMO_DUCKDB_PATH := data/demo.duckdb
# Keep dbt's own files out of the home directory.
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: setup spark-setup demo generate run build check summary docs lint postgres-binaries test \
	clean

# The venv is rebuilt whenever the pinned requirements change.
$(BIN)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --quiet --disable-pip-version-check --no-deps -e .
	touch $@

setup: $(BIN)/.installed

# The Spark engine on top (dbt-spark, PySpark; Java 17 from the machine), for the tests only:
# `make demo` and a DuckDB user never download it.
$(VENV)/.spark-installed: requirements-spark.txt $(BIN)/.installed
	$(BIN)/pip install --quiet --quiet --disable-pip-version-check -c requirements.txt \
		-r requirements-spark.txt
	touch $@

spark-setup: $(VENV)/.spark-installed

# The steps run in a second make with the demo's database: a step already made in this
# invocation (`make build demo`) is still run again for the demo.
demo: setup
	$(MAKE) --no-print-directory generate run summary \
		CANDIDATE_SCORING_DUCKDB_PATH=$(DEMO_DUCKDB_PATH)

generate: setup
	mkdir -p $(dir $(CANDIDATE_SCORING_DUCKDB_PATH))
	$(BIN)/candidate-scoring generate

# The scheduled run (python/candidate_scoring/scheduled_run.py); AS_OF_DATE=YYYY-MM-DD scores
# another date. Exit 3 (published, with warnings) is a success here; a scheduler should call
# .venv/bin/candidate-scoring run itself to tell 0, 1, 2 and 3 apart (make turns all into 2).
run: setup
	@test -f "$(CANDIDATE_SCORING_DUCKDB_PATH)" || { echo "No warehouse at \
	$(CANDIDATE_SCORING_DUCKDB_PATH): load your extracts there (README), or run 'make demo' \
	(demo data in $(DEMO_DUCKDB_PATH))."; exit 1; }
	$(BIN)/candidate-scoring run $(if $(AS_OF_DATE),--as-of-date $(AS_OF_DATE)) || test $$? -eq 3

build: setup
	@test -f "$(CANDIDATE_SCORING_DUCKDB_PATH)" || { echo "No warehouse at \
	$(CANDIDATE_SCORING_DUCKDB_PATH): load your extracts there (README), or run 'make demo' \
	(demo data in $(DEMO_DUCKDB_PATH))."; exit 1; }
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

# The tests also run the project on PostgreSQL: they need the server binaries of Debian's
# package (installed here once, as root), never a running service; each test run starts a
# throwaway server of its own (python/candidate_scoring/postgres.py) and stops it.
postgres-binaries:
	@test -n "$(wildcard /usr/lib/postgresql/*/bin/initdb)" || { \
		echo "Installing PostgreSQL server binaries (apt-get install postgresql)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }

# Every test: DuckDB, and the same project on PostgreSQL and on Apache Spark.
test: lint postgres-binaries spark-setup
	$(BIN)/pytest

clean:
	rm -rf target logs data .pytest_cache
