"""When the scheduled run scores the backtest grid, and when it scores the as-of date only.

The backtest (every weight set on twelve monthly dates, the evaluation marts) is most of a
full build's work, and its answer changes only when the grid moves to a new month or the
scoring policy changes. A nightly run therefore builds it only when:
- no backtest was recorded for this warehouse yet, or the evaluation marts are missing;
- the grid's latest date moved (the as-of date passed into a new month of outcomes);
- the erasure requests changed: the backtest tables (kept otherwise) hold candidate ids, and an
  erased candidate must leave them on the night of the request, as every other table does;
- the scoring policy changed: a seed file or dbt_project.yml differs from the last backtest's;
- the run is asked to (`candidate-scoring run --backtest`).
Otherwise the build passes var run_backtest false and leaves out the models tagged backtest,
which keep what the last backtest built (their as-of dates say which). The marker file
`backtest.json` in the runs folder records the last backtest that built.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from candidate_scoring.database import write_json
from candidate_scoring.settings import project_vars

MARKER = "backtest.json"
# The build arguments of a run that scores the as-of date only.
NIGHTLY_ONLY_ARGUMENTS = ("--exclude", "tag:backtest")


@dataclass(frozen=True)
class BacktestPlan:
    due: bool
    reason: str
    grid_month: str
    policy: str
    erasures: str  # fingerprint of the raw erasure requests (erasure_requests_fingerprint)


def scoring_policy_fingerprint(project_dir: Path) -> str:
    """A hash of what decides the scores: the seed files and dbt_project.yml."""
    digest = hashlib.sha256()
    for path in [project_dir / "dbt_project.yml", *sorted((project_dir / "seeds").rglob("*.csv"))]:
        digest.update(str(path.relative_to(project_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def backtest_grid_month(project_dir: Path, as_of_date: str | None) -> str:
    """The month of the grid's latest date: the month whose outcome window has passed by the
    as-of date (as int_scoring_scenarios computes it)."""
    configured = project_vars(project_dir)
    as_of = as_of_date or configured.get("as_of_date") or datetime.now(UTC).date().isoformat()
    backtest = configured.get("backtest")
    window = backtest.get("outcome_window_days", 90) if isinstance(backtest, dict) else 90
    latest = date.fromisoformat(str(as_of)) - timedelta(days=int(window))
    return latest.strftime("%Y-%m")


def plan_backtest(
    project_dir: Path,
    runs_dir: Path,
    as_of_date: str | None,
    *,
    forced: bool,
    evaluation_built: bool,
    erasures: str = "",
) -> BacktestPlan:
    grid_month = backtest_grid_month(project_dir, as_of_date)
    policy = scoring_policy_fingerprint(project_dir)

    def plan(due: bool, reason: str) -> BacktestPlan:
        return BacktestPlan(due, reason, grid_month, policy, erasures)

    if forced:
        return plan(True, "asked for (--backtest)")
    if not evaluation_built:
        return plan(True, "no evaluation marts in the warehouse yet")
    try:
        last = json.loads((runs_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return plan(True, "no backtest recorded for this warehouse")
    if last.get("grid_month") != grid_month:
        return plan(True, f"the grid moved from {last.get('grid_month')} to {grid_month}")
    # before the policy: of two reasons, the one that concerns personal data is the one to read
    if last.get("erasures", "") != erasures:
        return plan(
            True,
            "the erasure requests changed since the last backtest: erased candidates leave "
            "its tables",
        )
    if last.get("policy") != policy:
        return plan(True, "the seeds or dbt_project.yml changed since the last backtest")
    return plan(
        False,
        f"grid {grid_month} and scoring policy as at the backtest of run {last.get('run_id')}",
    )


def erasure_requests_fingerprint(database: Path, project_dir: Path) -> str:
    """A hash of the raw erasure requests in the DuckDB warehouse (vars raw_database and
    raw_schema, table erasure_requests); empty when there is no such table."""
    import duckdb

    configured = project_vars(project_dir)
    schema = str(configured.get("raw_schema") or "raw")
    catalog = configured.get("raw_database")
    with duckdb.connect(str(database), read_only=True) as connection:
        found = connection.execute(
            "select count(*) from information_schema.tables where table_schema = ? "
            "and table_name = 'erasure_requests' and (? is null or table_catalog = ?)",
            [schema, catalog, catalog],
        ).fetchone()
        if not found or not found[0]:
            return ""
        prefix = f'"{catalog}".' if catalog else ""
        rows = connection.execute(
            f'select * from {prefix}"{schema}"."erasure_requests" order by all'
        ).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def record_backtest(runs_dir: Path, plan: BacktestPlan, run_id: str) -> None:
    """Remember the backtest a successful build made, for the next night's plan."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    write_json(
        runs_dir / MARKER,
        {
            "run_id": run_id,
            "grid_month": plan.grid_month,
            "policy": plan.policy,
            "erasures": plan.erasures,
        },
    )
