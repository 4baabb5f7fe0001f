"""Time `dbt run` and `dbt test` of the project on generated demo data at a given scale.

Generates the raw tables into a fresh temporary directory, then runs dbt in a child process
(as `make build` does) and reports wall time and the child's peak resident memory for each
step, plus the time to read the whole scored view once (what a BI tool's first query costs).
The database is deleted afterwards unless --keep is given.

Example (from the repository root, venv active):
    python benchmarks/dbt_build.py --candidates 1000000 --events 50000000
"""

from __future__ import annotations

import argparse
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
        as_of = ["--vars", f"{{as_of_date: '{today.isoformat()}'}}"]
        seed_seconds = _run_dbt(["seed", *as_of], environment, out_dir)
        run_seconds = _run_dbt(["run", *as_of], environment, out_dir)
        run_rss = _peak_child_rss_mb()
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
        f"cpus={os.cpu_count()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
