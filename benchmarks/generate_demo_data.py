"""Time the demo data generator and measure its peak memory at a given scale.

Writes into a fresh temporary directory (or --out-dir), prints one result line and
deletes the database afterwards unless --keep is given. Peak memory is the peak
resident set size of this process (resource.getrusage), which includes DuckDB's
buffer pool; DuckDB's own cap is the --memory-limit setting, printed alongside.

Example (from the repository root, venv active):
    python benchmarks/generate_demo_data.py --candidates 1000000 --events 50000000
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def _generator() -> Callable[..., object]:
    """Import generate_demo_data from the repository's python/ folder."""
    sys.path.insert(0, str(REPO_ROOT / "python"))
    from candidate_scoring.demo_data import generate_demo_data

    return generate_demo_data


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=50_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--end-date", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today, UTC)"
    )
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB memory_limit")
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads")
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=None,
        help="where to write (default: a new temporary directory)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database file")
    return parser.parse_args(argv)


def _peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _run(args: argparse.Namespace, out_dir: Path) -> str:
    """Generate once into ``out_dir`` and return the one-line result."""
    generate = _generator()
    db_path = out_dir / "demo_benchmark.duckdb"
    started = time.perf_counter()
    summary = generate(
        db_path,
        candidates=args.candidates,
        events=args.events,
        seed=args.seed,
        end_date=args.end_date,
        memory_limit=args.memory_limit,
        threads=args.threads,
    )
    wall = time.perf_counter() - started
    size_mb = db_path.stat().st_size / (1024 * 1024)
    counts = summary.row_counts  # type: ignore[attr-defined]
    line = (
        f"candidates={args.candidates} events={args.events} "
        f"rows_candidates={counts['candidates']} rows_events={counts['engagement_events']} "
        f"rows_placements={counts['placements']} wall_s={wall:.1f} "
        f"peak_rss_mb={_peak_rss_mb():.0f} db_size_mb={size_mb:.0f} "
        f"duckdb_memory_limit={args.memory_limit} threads={args.threads or 'default'} "
        f"cpus={os.cpu_count()}"
    )
    if not args.keep:
        db_path.unlink()
        db_path.with_name(db_path.name + ".wal").unlink(missing_ok=True)
    return line


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the benchmark and print the result line."""
    args = _parse_args(argv)
    if args.out_dir is not None:
        args.out_dir.mkdir(parents=True, exist_ok=True)
        print(_run(args, args.out_dir))
        return 0
    out_dir = Path(tempfile.mkdtemp(prefix="demo_benchmark_"))
    try:
        print(_run(args, out_dir))
    finally:
        if not args.keep:
            shutil.rmtree(out_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
