"""Helpers that build the dbt project for real: demo data in a temporary directory, `dbt build`
run as a separate process (as a user runs it), results read back with DuckDB.

Tests that change seeds or configuration work on a copy of the project, never on the repository.
Fixtures built from these live in conftest.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from candidate_scoring.demo_data import generate_demo_data
from candidate_scoring.settings import PROJECT_DIR, PROJECT_ENTRIES, copy_project

__all__ = [
    "AS_OF_VARS",
    "COMPARED_MARTS",
    "DBT",
    "DEMO_CANDIDATES",
    "DEMO_EVENTS",
    "PROJECT_DIR",
    "PROJECT_ENTRIES",
    "TODAY",
    "Build",
    "DbtRun",
    "RecordingConnection",
    "build_project",
    "copy_project",
    "query",
    "run_dbt",
]

DBT = Path(sys.executable).parent / "dbt"
# Every build of the suite scores as of the day the data ends, so results can be compared.
TODAY = datetime.now(UTC).date()
AS_OF_VARS = f"{{as_of_date: '{TODAY.isoformat()}'}}"
# The marts every engine's build must reproduce, each with an order that makes rows comparable.
COMPARED_MARTS = {
    "scoring.candidate_scores": "candidate_id",
    "scoring.candidate_score_breakdown": "candidate_id, criterion",
    "scoring.recruiter_worklist": "priority_rank",
    "data_quality.rejected_raw_rows": "source_table, record_id, rejection_reason, rejected_value",
    "data_quality.rejected_raw_values": "source_table, record_id, column_name",
    "data_quality.raw_row_reconciliation": "source_table",
    "data_quality.unscored_event_types": "event_type",
    "evaluation.backtest_summary": "weight_set, outcome",
    "evaluation.backtest_metrics_by_date": "weight_set, outcome, as_of_date",
    "evaluation.backtest_tier_performance": "weight_set, outcome, score_tier",
    "evaluation.backtest_score_calibration": "weight_set, outcome, score_decile",
    "evaluation.criterion_information_value": "weight_set, outcome, criterion, matched_rule",
    "evaluation.backtest_candidate_scores": "weight_set, as_of_date, candidate_id",
    "exports.crm_candidate_scores": "candidate_id",
    "exports.crm_recruiter_worklist": "priority_rank",
    "exports.campaign_tier_changes": "candidate_id",
    "history.daily_tier_counts": "as_of_date, score_tier",
    "restricted.crm_candidate_contacts": "candidate_id",
}
DEMO_CANDIDATES = 5_000
DEMO_EVENTS = 100_000


@dataclass
class DbtRun:
    returncode: int
    output: str


def run_dbt(project_dir: Path, database: Path, *arguments: str, check: bool = True) -> DbtRun:
    """Run dbt in project_dir against database, the way the Makefile does."""
    environment = {
        **os.environ,
        "CANDIDATE_SCORING_DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(project_dir),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    completed = subprocess.run(
        [str(DBT), "--no-use-colors", *arguments],
        cwd=project_dir,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    run = DbtRun(completed.returncode, completed.stdout + completed.stderr)
    if check and run.returncode != 0:
        pytest.fail(f"dbt {' '.join(arguments)} failed:\n{run.output[-6000:]}")
    return run


def query(database: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a query on a built database, opened read-only as a BI tool would."""
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


@dataclass
class Build:
    project_dir: Path
    database: Path
    output: str


def build_project(project_dir: Path, database: Path, candidates: int, events: int) -> Build:
    generate_demo_data(database, candidates=candidates, events=events, end_date=TODAY)
    run = run_dbt(project_dir, database, "build", "--vars", AS_OF_VARS)
    return Build(project_dir, database, run.output)


class RecordingConnection:
    """A DuckDB connection that keeps the text of every statement it executes."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        self.statements: list[str] = []

    def execute(self, query: str, parameters: object = None) -> duckdb.DuckDBPyConnection:
        self.statements.append(query)
        return self.connection.execute(query, parameters)
