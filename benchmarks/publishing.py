"""Time what publishing adds to a build: the published database and the export files.

Generates the raw tables into a fresh temporary directory, runs `dbt build` (models, snapshot,
every test) as the scheduled run does, then the two last steps of `candidate-scoring run`:
publishing the read-only database BI tools open, and writing the export files. Checks that
the publication and every file hold exactly the rows of the warehouse's relations before it
reports the share publishing adds to the build, the size of the published database, and the
rows, size and time of each export file. The directory is deleted afterwards unless --keep.

Example (from the repository root, venv active):
    python benchmarks/publishing.py --candidates 5000 --events 100000
    python benchmarks/publishing.py --candidates 1000000 --events 50000000
"""

from __future__ import annotations

import argparse
import os
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
    parser.add_argument("--candidates", type=int, default=5_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB memory_limit for dbt")
    parser.add_argument("--out-dir", type=Path, default=None, help="default: a temporary dir")
    parser.add_argument("--keep", action="store_true", help="keep the output directory")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    sys.path.insert(0, str(REPO_ROOT / "python"))
    import duckdb

    from candidate_scoring.database import fetch_value
    from candidate_scoring.demo_data import generate_demo_data
    from candidate_scoring.publishing import export_files, publish_database, read_settings

    out_dir = args.out_dir or Path(tempfile.mkdtemp(prefix="publishing-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    database = out_dir / "warehouse.duckdb"
    published = out_dir / "warehouse_published.duckdb"
    today = datetime.now(UTC).date()
    try:
        generate_demo_data(database, candidates=args.candidates, events=args.events, end_date=today)
        environment = {
            **os.environ,
            "CANDIDATE_SCORING_DUCKDB_PATH": str(database),
            "CANDIDATE_SCORING_DUCKDB_MEMORY_LIMIT": args.memory_limit,
            "DBT_PROFILES_DIR": str(REPO_ROOT),
        }
        started = time.perf_counter()
        completed = subprocess.run(
            [
                str(DBT),
                "--no-use-colors",
                "build",
                "--vars",
                f"{{as_of_date: '{today.isoformat()}'}}",
                "--target-path",
                str(out_dir / "target"),
                "--log-path",
                str(out_dir / "logs"),
            ],
            cwd=REPO_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        build_seconds = time.perf_counter() - started
        # a failing data test (warn-level ones pass) still built every model: publishing is
        # timed on what was built, and the failure is reported
        build_note = "passed" if completed.returncode == 0 else "had failures"
        if completed.returncode != 0 and "ERROR creating" in completed.stdout:
            raise SystemExit(f"dbt build failed:\n{completed.stdout[-4000:]}")

        settings = read_settings()
        started = time.perf_counter()
        relations, as_of_date, weight_set = publish_database(
            database, published, settings, "benchmark"
        )
        publish_seconds = time.perf_counter() - started
        started = time.perf_counter()
        run_dir, files = export_files(
            published, out_dir / "exports", settings, "benchmark", as_of_date, weight_set
        )
        export_seconds = time.perf_counter() - started

        # the same rows both ways before any ratio
        with duckdb.connect(str(database), read_only=True) as connection:
            for relation, rows in relations.items():
                expected = fetch_value(connection, f"select count(*) from {relation}")
                assert rows == expected, f"{relation}: published {rows}, warehouse {expected}"
            for file in files:
                reader = "read_csv" if file.format == "csv" else "read_parquet"
                in_file = fetch_value(
                    connection, f"select count(*) from {reader}('{run_dir / file.name}')"
                )
                in_table = fetch_value(connection, f"select count(*) from {file.table}")
                assert file.rows == in_file == in_table, file.name
        published_mb = published.stat().st_size / 1024 / 1024
    finally:
        if not args.keep and args.out_dir is None:
            shutil.rmtree(out_dir, ignore_errors=True)

    added = publish_seconds + export_seconds
    print(
        f"candidates={args.candidates:,} events={args.events:,} build={build_seconds:.1f}s "
        f"({build_note}) publish={publish_seconds:.2f}s exports={export_seconds:.2f}s "
        f"added={added / build_seconds:.1%} of the build "
        f"published_db={published_mb:.1f}MB relations={len(relations)} cpus={os.cpu_count()}"
    )
    for file in files:
        print(
            f"  {file.name}: {file.rows:,} rows, {file.bytes / 1024 / 1024:.2f} MB, "
            f"{file.seconds:.2f}s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
