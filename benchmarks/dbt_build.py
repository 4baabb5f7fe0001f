"""Time the models (with the score-history snapshot) and `dbt test` of the project at a scale.

Generates the raw tables into a fresh temporary directory, then runs dbt in a child process
(as `make build` does) and reports wall time and the child's peak resident memory for each
step, plus the time to read the whole scored view once (what a BI tool's first query costs),
the slowest models of `dbt run` and the time of the models that exist only for backtests.
`--backtest-months` sets var backtest.months (12 by default in dbt_project.yml), to measure
what the backtest grid costs. The database is deleted afterwards unless --keep is given.

Example (from the repository root, venv active):
    python benchmarks/dbt_build.py --candidates 1000000 --events 50000000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).parent / "dbt"


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=50_000_000)
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB memory_limit for dbt")
    parser.add_argument("--out-dir", type=Path, default=None, help="default: a temporary dir")
    parser.add_argument("--keep", action="store_true", help="keep the database file")
    parser.add_argument(
        "--backtest-months",
        type=int,
        default=None,
        help="var backtest.months (default: the project's)",
    )
    return parser.parse_args(argv)


def _run_dbt(arguments: list[str], environment: dict[str, str], target: Path) -> float:
    """Run one dbt command; return its wall seconds. Raises on failure."""
    started = time.perf_counter()
    completed = subprocess.run(
        [
            str(DBT),
            "--no-use-colors",
            *arguments,
            "--target-path",
            str(target / "target"),
            "--log-path",
            str(target / "logs"),
        ],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"dbt {' '.join(arguments)} failed:\n{completed.stdout[-4000:]}")
    return elapsed


# Models that exist only to evaluate weight sets (the scoring models also score the backtest
# dates, which this does not count).
BACKTEST_PATHS = ("models/intermediate/backtest/", "models/marts/evaluation/")


def _model_timings(target: Path) -> list[tuple[str, str, float]]:
    """(model name, file path, seconds) of every model of the last dbt invocation, slowest first."""
    results = json.loads((target / "target" / "run_results.json").read_text(encoding="utf-8"))
    manifest = json.loads((target / "target" / "manifest.json").read_text(encoding="utf-8"))
    timings = [
        (
            result["unique_id"].split(".")[-1],
            manifest["nodes"][result["unique_id"]]["original_file_path"],
            float(result["execution_time"]),
        )
        for result in results["results"]
        if result["unique_id"].startswith("model.")
    ]
    return sorted(timings, key=lambda timing: -timing[2])


def _peak_child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    sys.path.insert(0, str(REPO_ROOT / "python"))
    import duckdb

    from candidate_scoring.database import fetch_value
    from candidate_scoring.demo_data import generate_demo_data

    out_dir = args.out_dir or Path(tempfile.mkdtemp(prefix="dbt-build-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    database = out_dir / "warehouse.duckdb"
    today = datetime.now(UTC).date()
    try:
        started = time.perf_counter()
        generate_demo_data(database, candidates=args.candidates, events=args.events, end_date=today)
        generate_seconds = time.perf_counter() - started

        environment = {
            **os.environ,
            "CANDIDATE_SCORING_DUCKDB_PATH": str(database),
            "CANDIDATE_SCORING_DUCKDB_MEMORY_LIMIT": args.memory_limit,
            "DBT_PROFILES_DIR": str(REPO_ROOT),
        }
        backtest = (
            ""
            if args.backtest_months is None
            else f", backtest: {{months: {args.backtest_months}, outcome_window_days: 90, "
            "outcomes: [placement, application], holdout_share: 0.3}"
        )
        as_of = ["--vars", f"{{as_of_date: '{today.isoformat()}'{backtest}}}"]
        seed_seconds = _run_dbt(["seed", *as_of], environment, out_dir)
        # the models and the score-history snapshot, in DAG order (history models read the
        # snapshot, so a plain `dbt run` cannot build them on a fresh warehouse)
        run_seconds = _run_dbt(
            ["build", "--resource-type", "model", "--resource-type", "snapshot", *as_of],
            environment,
            out_dir,
        )
        run_rss = _peak_child_rss_mb()
        timings = _model_timings(out_dir)
        with duckdb.connect(str(database), read_only=True) as connection:
            [(weight_sets, backtest_dates)] = connection.execute(
                "select count(distinct weight_set), count(distinct as_of_date) - 1 "
                "from intermediate.int_scoring_scenarios"
            ).fetchall()
        test_seconds = _run_dbt(["test", *as_of], environment, out_dir)

        started = time.perf_counter()
        with duckdb.connect(str(database), read_only=True) as connection:
            scored_rows = fetch_value(
                connection, "select count(*), sum(total_score) from scoring.candidate_scores"
            )
        read_seconds = time.perf_counter() - started
        size_mb = database.stat().st_size / 1024 / 1024
    finally:
        if not args.keep and args.out_dir is None:
            shutil.rmtree(out_dir, ignore_errors=True)

    print(
        f"candidates={args.candidates:,} events={args.events:,} "
        f"generate={generate_seconds:.1f}s seed={seed_seconds:.1f}s run={run_seconds:.1f}s "
        f"test={test_seconds:.1f}s read_candidate_scores={read_seconds:.1f}s "
        f"scored_rows={scored_rows:,} peak_rss_dbt={_peak_child_rss_mb():.0f}MB "
        f"(run {run_rss:.0f}MB) db={size_mb:.0f}MB memory_limit={args.memory_limit} "
        f"cpus={os.cpu_count()} weight_sets={weight_sets} backtest_dates={backtest_dates}"
    )
    backtest_seconds = sum(
        seconds for _, path, seconds in timings if path.startswith(BACKTEST_PATHS)
    )
    print(f"backtest-only models: {backtest_seconds:.1f}s of run; slowest models:")
    for name, _, seconds in timings[:8]:
        print(f"  {name}: {seconds:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
