"""When the scheduled run scores the backtest grid: only when it is due (backtest_schedule.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from candidate_scoring.backtest_schedule import (
    backtest_grid_month,
    erasure_requests_fingerprint,
    plan_backtest,
    record_backtest,
)
from tests.helpers import copy_project

# 90-day outcome window (dbt_project.yml): the grid's latest month is the as-of date's - 90 days
AS_OF = "2026-11-28"
SAME_GRID = "2026-11-29"  # minus 90 days: still August
NEXT_GRID = "2026-11-30"  # minus 90 days: 1 September


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _plan(project: Path, runs: Path, as_of: str, **overrides: Any) -> tuple[bool, str]:
    options = {"forced": False, "evaluation_built": True, **overrides}
    plan = plan_backtest(project, runs, as_of, **options)
    return plan.due, plan.reason


def test_the_grid_month_follows_the_outcome_window(project: Path) -> None:
    assert backtest_grid_month(project, AS_OF) == "2026-08"
    assert backtest_grid_month(project, SAME_GRID) == "2026-08"
    assert backtest_grid_month(project, NEXT_GRID) == "2026-09"


def test_a_backtest_is_due_until_one_is_recorded_then_only_when_something_moved(
    project: Path, tmp_path: Path
) -> None:
    runs = tmp_path / "runs"
    assert _plan(project, runs, AS_OF) == (True, "no backtest recorded for this warehouse")
    assert _plan(project, runs, AS_OF, evaluation_built=False)[0]

    record_backtest(
        runs, plan_backtest(project, runs, AS_OF, forced=True, evaluation_built=True), "r1"
    )
    due, reason = _plan(project, runs, SAME_GRID)
    assert not due and "of run r1" in reason
    # the marts were dropped, or the run asks for it: due again
    assert _plan(project, runs, SAME_GRID, evaluation_built=False)[0]
    assert _plan(project, runs, SAME_GRID, forced=True) == (True, "asked for (--backtest)")
    # a new month of outcomes
    assert _plan(project, runs, NEXT_GRID) == (True, "the grid moved from 2026-08 to 2026-09")
    # a reviewed change to a weight seed
    seed = project / "seeds" / "event_points.csv"
    seed.write_text(seed.read_text() + "\n", encoding="utf-8")
    assert _plan(project, runs, SAME_GRID) == (
        True,
        "the seeds or dbt_project.yml changed since the last backtest",
    )


def test_a_change_to_the_erasure_requests_makes_the_backtest_due(
    project: Path, tmp_path: Path
) -> None:
    runs = tmp_path / "runs"
    record_backtest(
        runs,
        plan_backtest(project, runs, AS_OF, forced=True, evaluation_built=True, erasures="a"),
        "r1",
    )
    assert not _plan(project, runs, SAME_GRID, erasures="a")[0]
    # the backtest tables hold candidate ids and are kept otherwise: an erased candidate would
    # stay in them (and in the published evaluation schema) until the next month
    due, reason = _plan(project, runs, SAME_GRID, erasures="b")
    assert due and "erasure requests changed" in reason


def test_the_erasure_fingerprint_reads_the_raw_requests(project: Path, tmp_path: Path) -> None:
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema raw")
    assert erasure_requests_fingerprint(database, project) == ""
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            "create table raw.erasure_requests (candidate_id text, requested_at text)"
        )
        connection.execute("insert into raw.erasure_requests values ('C1', '2026-11-01')")
    first = erasure_requests_fingerprint(database, project)
    assert first and first == erasure_requests_fingerprint(database, project)
    with duckdb.connect(str(database)) as connection:
        connection.execute("insert into raw.erasure_requests values ('C2', null)")
    assert erasure_requests_fingerprint(database, project) not in ("", first)
