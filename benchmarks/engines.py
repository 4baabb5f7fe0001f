"""Time `dbt build` of the same generated data on each engine: DuckDB, PostgreSQL, Spark (issue 9).

Generates the raw tables once (DuckDB), copies them into each engine the way the tests do
(a throwaway Postgres server; a local Spark warehouse), then runs `dbt build` with that
engine's target, as of the day the data ends. For each engine: wall time of the build, its
peak memory, and per node kind the seconds from run_results.json. Memory is sampled every
half second as the summed resident memory of every process the build uses: dbt and its
children (Spark's JVM is one), and for Postgres the server's processes too. The copy into the
engine is timed apart and not part of the build. With --night, the build a nightly
`candidate-scoring run` makes when the backtest is not due follows on the same data, timed the
same way (`dbt build --vars '{run_backtest: false}' --exclude tag:backtest`): a night with
nothing new, which reloads the lookback's days of events and records no new history (on Spark
the incremental models drop and write the partitions they reload). Results go to
<out-dir>/engines_results.json. --night-again times that night once more on the warehouses a
previous run left in the same --out-dir (DuckDB, Spark), with the project as it is now: a
change to the nightly models measured at 1M without another full build.

Example (from the repository root, venv active, `make spark-setup` done for Spark):
    python benchmarks/engines.py --candidates 5000 --events 100000
    python benchmarks/engines.py --candidates 1000000 --events 50000000 --engines spark
    python benchmarks/engines.py --engines spark --night-again --out-dir <that run's dir>
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO_ROOT / "python"))
from candidate_scoring import postgres, spark  # noqa: E402
from candidate_scoring.demo_data import generate_demo_data  # noqa: E402
from candidate_scoring.settings import copy_project  # noqa: E402

ENGINES = ("duckdb", "postgres", "spark")
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=5_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--out-dir", type=Path, default=None, help="default: a temporary dir")
    parser.add_argument("--night", action="store_true", help="time a second build too")
    parser.add_argument(
        "--night-again",
        action="store_true",
        help="time only the night, on the warehouses a previous run left in --out-dir",
    )
    args = parser.parse_args(argv)
    if args.night_again and args.out_dir is None:
        parser.error("--night-again needs the --out-dir of a previous run")
    if args.night_again and "postgres" in args.engines:
        parser.error("--night-again: a run's PostgreSQL server does not outlive it")
    return args


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # the parent pid is the 2nd field after the command name in parentheses
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _tree_rss_mb(roots: list[int]) -> float:
    tree, pending, total = _children(), list(roots), 0.0
    while pending:
        pid = pending.pop()
        pending.extend(tree.get(pid, []))
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_MB
        except (OSError, IndexError, ValueError):
            continue
    return total


@contextmanager
def _peak_memory(roots: list[int]) -> Iterator[list[float]]:
    """Samples the summed RSS of roots and their descendants until the block ends; the list
    it yields holds the peak (MB) once the block is over."""
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.5):
            peak[0] = max(peak[0], _tree_rss_mb(roots))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        stop.set()
        sampler.join()


def _kind_seconds(project_dir: Path) -> dict[str, Any]:
    results = json.loads((project_dir / "target" / "run_results.json").read_text("utf-8"))
    seconds: dict[str, float] = {}
    for result in results["results"]:
        kind = result["unique_id"].split(".")[0]
        seconds[kind] = seconds.get(kind, 0.0) + float(result["execution_time"])
    models = sorted(
        (r for r in results["results"] if r["unique_id"].startswith("model.")),
        key=lambda r: -float(r["execution_time"]),
    )[:5]
    return {
        "nodes": len(results["results"]),
        "seconds_by_kind": {kind: round(value, 1) for kind, value in sorted(seconds.items())},
        "slowest_models": {
            r["unique_id"].split(".")[-1]: round(float(r["execution_time"]), 1) for r in models
        },
    }


def _build(
    engine: str,
    project_dir: Path,
    environment: dict[str, str],
    extra: list[int],
    night: bool,
) -> dict[str, Any]:
    result = _timed_build(engine, project_dir, environment, extra, "build")
    result |= _kind_seconds(project_dir)  # read before the night's run replaces the file
    if night:
        result |= _timed_build(engine, project_dir, environment, extra, "night")
        result["night_slowest_models"] = _kind_seconds(project_dir)["slowest_models"]
    return result


def _timed_build(
    engine: str, project_dir: Path, environment: dict[str, str], extra: list[int], run: str
) -> dict[str, Any]:
    dbt_vars: dict[str, Any] = {"as_of_date": environment["BENCH_AS_OF_DATE"]}
    arguments = ["build"]
    if run == "night":  # the scheduled run's build when the backtest is not due
        dbt_vars["run_backtest"] = False
        arguments += ["--exclude", "tag:backtest"]
    log = project_dir.parent / f"{engine}_{run}.log"
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [str(BIN / "dbt"), "--no-use-colors", *arguments, "--vars", json.dumps(dbt_vars)],
            cwd=project_dir,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        with _peak_memory([process.pid, *extra]) as peak:
            returncode = process.wait()
    seconds = time.perf_counter() - started
    if returncode != 0:
        raise SystemExit(f"{engine}: dbt build ({run}) exited {returncode}, see {log}")
    return {f"{run}_seconds": round(seconds, 1), f"{run}_peak_rss_mb": round(peak[0])}


def _environment(project_dir: Path, as_of_date: str) -> dict[str, str]:
    return {
        **os.environ,
        "DBT_PROFILES_DIR": str(project_dir),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "BENCH_AS_OF_DATE": as_of_date,
    }


def _night_again(args: argparse.Namespace) -> int:
    out_dir = args.out_dir
    as_of_file = out_dir / "as_of_date"
    if not as_of_file.exists():
        raise SystemExit(f"--night-again: {as_of_file} is missing: not the out-dir of a run")
    results: dict[str, Any] = {
        "as_of_date": as_of_file.read_text("utf-8").strip(),
        "cores": os.cpu_count(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    for engine in args.engines:
        engine_dir = out_dir / engine
        warehouse = engine_dir / ("warehouse.duckdb" if engine == "duckdb" else "warehouse")
        if not warehouse.exists():
            raise SystemExit(f"--night-again: {warehouse} is missing: no {engine} run there")
        shutil.rmtree(engine_dir / "project", ignore_errors=True)
        project_dir = copy_project(engine_dir / "project")
        environment = _environment(project_dir, results["as_of_date"])
        if engine == "duckdb":
            environment["CANDIDATE_SCORING_DUCKDB_PATH"] = str(warehouse)
        else:
            environment |= spark.environment(warehouse)
        result = _timed_build(engine, project_dir, environment, [], "night")
        result["night_slowest_models"] = _kind_seconds(project_dir)["slowest_models"]
        results[engine] = result
        print(
            f"{engine}: night again {result['night_seconds']:.1f} s, peak RSS "
            f"{result['night_peak_rss_mb']:,} MB, slowest {result['night_slowest_models']}"
        )
    path = out_dir / "engines_night_again_results.json"
    path.write_text(json.dumps(results, indent=2), "utf-8")
    print(f"results: {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.night_again:
        return _night_again(args)
    out_dir = args.out_dir or Path(tempfile.mkdtemp(prefix="candidate-scoring-engines-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    raw = out_dir / "generated.duckdb"
    raw.unlink(missing_ok=True)
    today = datetime.now(UTC).date()
    (out_dir / "as_of_date").write_text(today.isoformat(), "utf-8")  # for --night-again
    started = time.perf_counter()
    generate_demo_data(raw, candidates=args.candidates, events=args.events, end_date=today)
    print(
        f"generated {args.candidates:,} candidates / {args.events:,} events in "
        f"{time.perf_counter() - started:.0f} s"
    )
    results: dict[str, Any] = {
        "candidates": args.candidates,
        "events": args.events,
        "cores": os.cpu_count(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    for engine in args.engines:
        engine_dir = out_dir / engine
        shutil.rmtree(engine_dir, ignore_errors=True)
        project_dir = copy_project(engine_dir / "project")
        environment = _environment(project_dir, today.isoformat())
        loaded = time.perf_counter()
        if engine == "duckdb":
            database = engine_dir / "warehouse.duckdb"
            shutil.copy2(raw, database)
            environment["CANDIDATE_SCORING_DUCKDB_PATH"] = str(database)
            result = {"copy_seconds": round(time.perf_counter() - loaded, 1)}
            result |= _build(engine, project_dir, environment, [], args.night)
        elif engine == "postgres":
            with postgres.running_server() as server:
                postgres.copy_raw_tables(raw, server)
                environment |= server.environment()
                result = {"copy_seconds": round(time.perf_counter() - loaded, 1)}
                postmaster = int(
                    (server.data_dir / "cluster" / "postmaster.pid").read_text().split()[0]
                )
                result |= _build(engine, project_dir, environment, [postmaster], args.night)
        else:
            spark_dir = engine_dir / "warehouse"
            spark.copy_raw_tables(raw, spark_dir)
            environment |= spark.environment(spark_dir)
            result = {"copy_seconds": round(time.perf_counter() - loaded, 1)}
            result |= _build(engine, project_dir, environment, [], args.night)
        results[engine] = result
        print(
            f"{engine}: build {result['build_seconds']:.1f} s, peak RSS "
            f"{result['build_peak_rss_mb']:,} MB, {result['nodes']} nodes, "
            f"seconds by kind {result['seconds_by_kind']}, copy {result['copy_seconds']} s"
        )
        print(f"    slowest models: {result['slowest_models']}")
        if args.night:
            print(
                f"    night {result['night_seconds']:.1f} s, peak RSS "
                f"{result['night_peak_rss_mb']:,} MB, slowest {result['night_slowest_models']}"
            )
    (out_dir / "engines_results.json").write_text(json.dumps(results, indent=2), "utf-8")
    print(f"results: {out_dir / 'engines_results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
