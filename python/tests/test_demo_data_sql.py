"""The generator's SQL, rendered with real parameters as DuckDB runs it, follows the
project's sqlfluff conventions (.sqlfluff: lower case everywhere, explicit aliases, ...)."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from sqlfluff.core import FluffConfig, Linter

from candidate_scoring.demo_data import write_raw_tables
from candidate_scoring.settings import PROJECT_DIR
from tests.helpers import RecordingConnection

# Rules of .sqlfluff that do not apply to statements assembled from Python fragments.
EXCLUDED_RULES = {
    # Each fragment is indented for its place in the Python source, not for the depth it is
    # spliced in at; literal lists (40 companies, 12 roles' skills) cannot fit a line.
    "LT02": "layout.indent",
    "LT05": "layout.long_lines",
    # A statement is a string, not a file: it need not start or end with a line break.
    "LT12": "layout.end_of_file",
    "LT13": "layout.start_of_file",
    # Each layer selects * from the previous one and adds draws: the stacking is the method.
    "AM04": "ambiguous.column_count",
    # The schema is the caller's argument, quoted so any identifier the generator accepts
    # works, keywords included.
    "RF06": "references.quoting",
}


def _linter() -> Linter:
    """The project's .sqlfluff with the raw templater (no dbt) and the exclusions above."""
    config = FluffConfig.from_path(
        str(PROJECT_DIR),
        overrides={
            "dialect": "duckdb",
            "templater": "raw",
            "exclude_rules": ",".join(EXCLUDED_RULES),
        },
    )
    return Linter(config=config)


def _violations(linter: Linter, sql: str) -> list[str]:
    lines = sql.splitlines()
    return [
        f"{v.rule_code()} line {v.line_no}: {v.desc()}\n    {lines[v.line_no - 1].strip()[:160]}"
        for v in linter.lint_string(sql).get_violations()
    ]


@pytest.fixture(scope="module")
def statements() -> list[str]:
    """Every statement one generator run executes, in order."""
    recorder = RecordingConnection(duckdb.connect())
    counts = write_raw_tables(
        recorder, candidates=300, events=3_000, seed=42, end_date=date(2026, 11, 28), schema="raw"
    )
    assert all(rows > 0 for rows in counts.values()), counts
    return recorder.statements


def test_generator_runs_its_statements_in_dependency_order(statements: list[str]) -> None:
    created = [s.split(" as", 1)[0].split()[-1] for s in statements if "create or replace" in s]
    assert created == [
        "_demo_row_index",
        '"raw".candidates',
        '"raw".engagement_events',
        "_placements_clean",
        '"raw".placements',
        '"raw".recruiter_feedback',
    ]


def test_generator_sql_follows_the_project_lint_rules(statements: list[str]) -> None:
    linter = _linter()
    problems = [
        f"statement {index}: {violation}"
        for index, sql in enumerate(statements)
        for violation in _violations(linter, sql)
    ]
    assert not problems, "\n".join(problems)


def test_the_lint_configuration_still_catches_upper_case_and_parse_errors() -> None:
    linter = _linter()
    upper = _violations(linter, "SELECT x AS y FROM t AS u")
    assert any(v.startswith("CP01") for v in upper), upper
    broken = _violations(linter, "select lambda s, k: s from t as u")
    assert any(v.startswith("PRS") for v in broken), broken
