"""Time the project at a scale against what a user would write by hand (issue 10).

On one generated dataset, in one run, each step a child process measured on its own (wall
time, and peak resident memory from os.wait4):
1. full build    `dbt build` on a fresh warehouse holding the log up to a new day: seeds,
                 models, snapshot, every data and unit test, the backtest grid.
2. next night    the events of that day (a typical day, two months before the generated
                 log ends; its share of the log is printed) are appended to the raw table,
                 and a new version (one more employee at the company) of 1 in
                 CHANGED_CANDIDATES_ONE_IN candidates to the candidates table, then the
                 build a nightly `candidate-scoring run` makes when the backtest is not
                 due: `dbt build --vars '{run_backtest: false}' --exclude tag:backtest`,
                 incremental models reading the new day.
3. models alone  `dbt run --full-refresh` of every model, then of the scoring models only
                 (run_backtest false, tag backtest excluded): what the reference computes.
4. reference     one hand-written DuckDB SQL script (benchmarks/reference/scoring.sql)
                 computing the same scores and rejected rows from the same raw tables; its
                 scores are asserted equal to the project's before any ratio is reported.
5. pandas        a straightforward pandas implementation (benchmarks/reference), only up to
                 --pandas-max-events (it holds the whole log in memory), also asserted equal.
Prints one line per step, the slowest models of each dbt step and the test share of the full
build (from run_results.json), and writes everything to <out-dir>/scale_results.json (each dbt
step's run_results.json beside it, as <step>_run_results.json).

Example (from the repository root, venv active):
    python benchmarks/scale.py --candidates 5000 --events 100000
    python benchmarks/scale.py --candidates 1000000 --events 50000000 --memory-limit 1.5GB
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
SCORES_MART = "scoring.candidate_scores"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO_ROOT / "python"))
from candidate_scoring.settings import copy_project  # noqa: E402

NEW_DAY_DAYS_BACK = 60
# a night in which 1% of candidates updated their profile: the fit points are redone for them
CHANGED_CANDIDATES_ONE_IN = 100


@dataclass
class Step:
    name: str
    seconds: float
    peak_rss_mb: float
    detail: dict[str, Any] = field(default_factory=dict)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=5_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB memory_limit, every step")
    parser.add_argument("--pandas-max-events", type=int, default=10_000_000)
    parser.add_argument("--out-dir", type=Path, default=None, help="default: a temporary dir")
    parser.add_argument("--keep", action="store_true", help="keep the output directory")
    return parser.parse_args(argv)


def _measure(name: str, command: list[str], environment: dict[str, str], log: Path) -> Step:
    """Run one child process to its end; its wall time and peak RSS (with its children's)."""
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            command,
            cwd=environment["BENCH_PROJECT_DIR"],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    returncode = os.waitstatus_to_exitcode(status)
    if returncode != 0:
        tail = log.read_text(encoding="utf-8")[-4000:]
        raise SystemExit(f"{name}: {' '.join(command)} exited {returncode}:\n{tail}")
    return Step(name, round(seconds, 1), round(usage.ru_maxrss / 1024))


def _node_seconds(project_dir: Path) -> dict[str, float]:
    """Execution seconds per node of the last dbt invocation (run_results.json)."""
    results = json.loads((project_dir / "target" / "run_results.json").read_text("utf-8"))
    return {result["unique_id"]: float(result["execution_time"]) for result in results["results"]}


def _dbt_detail(project_dir: Path) -> dict[str, Any]:
    nodes = _node_seconds(project_dir)
    models = {key: value for key, value in nodes.items() if key.startswith("model.")}
    tests = sum(value for key, value in nodes.items() if key.startswith(("test.", "unit_test.")))
    slowest = sorted(models.items(), key=lambda item: -item[1])[:8]
    return {
        "models_seconds": round(sum(models.values()), 1),
        "tests_seconds": round(tests, 1),
        "test_share": round(tests / max(sum(nodes.values()), 1e-9), 3),
        "slowest_models": {key.split(".")[-1]: round(value, 1) for key, value in slowest},
    }


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    out_dir = args.out_dir or Path(tempfile.mkdtemp(prefix="scale-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    project_dir = copy_project(out_dir / "project")
    database = out_dir / "warehouse.duckdb"
    today = datetime.now(UTC).date()
    # The generator's activity grows toward its last days; a day two months back is a
    # typical one. The first night sees the log up to that day, the next night that day too.
    new_day = today - timedelta(days=NEW_DAY_DAYS_BACK)
    first_night, next_night = new_day.isoformat(), (new_day + timedelta(days=1)).isoformat()
    environment = {
        **os.environ,
        "CANDIDATE_SCORING_DUCKDB_PATH": str(database),
        "CANDIDATE_SCORING_DUCKDB_MEMORY_LIMIT": args.memory_limit,
        "DBT_PROFILES_DIR": str(project_dir),
        "BENCH_PROJECT_DIR": str(project_dir),
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "benchmarks"), str(REPO_ROOT / "python")]),
    }
    steps: list[Step] = []
    try:
        # every DuckDB step runs in a child: a child's peak RSS counts its parent's at the fork
        prepare = (
            "import duckdb\nfrom datetime import date\nfrom pathlib import Path\n"
            "from candidate_scoring.demo_data import generate_demo_data\n"
            f"database = Path({str(database)!r})\n"
            f"generate_demo_data(database, candidates={args.candidates}, events={args.events}, "
            f"end_date=date.fromisoformat({today.isoformat()!r}))\n"
            "with duckdb.connect(str(database)) as connection:\n"
            "    connection.execute('create schema holding')\n"
            '    connection.execute("create table holding.new_day as select * from '
            f"raw.engagement_events where occurred_at >= '{first_night}' and occurred_at < "
            f"'{next_night}'\")\n"
            # the log after the new day is left out of this run (but the rows dated a year
            # ahead, which both nights reject as in the future)
            '    connection.execute("delete from raw.engagement_events where occurred_at >= '
            f"'{first_night}' and occurred_at < '{today + timedelta(days=1)}'\")\n"
            "    print(connection.execute('select (select count(*) from holding.new_day), "
            "(select count(*) from raw.engagement_events)').fetchall()[0])\n"
        )
        _measure("prepare", _python(prepare), environment, out_dir / "prepare.log")
        new_day_rows, log_rows = (
            int(value)
            for value in (out_dir / "prepare.log")
            .read_text("utf-8")
            .strip()
            .splitlines()[-1]
            .strip("()")
            .split(",")
        )
        deliver = (
            "import duckdb\n"
            f"with duckdb.connect({str(database)!r}) as connection:\n"
            "    connection.execute('insert into raw.engagement_events "
            "select * from holding.new_day')\n"
            # a copy of the latest version, a minute later, with one more employee
            '    connection.execute("insert into raw.candidates select * replace ('
            "company_size + 1 as company_size, updated_at + interval 1 minute as updated_at) "
            "from raw.candidates where hash(candidate_id) % "
            f"{CHANGED_CANDIDATES_ONE_IN} = 0 qualify row_number() over (partition by "
            'candidate_id order by updated_at desc) = 1")\n'
            "    print(connection.execute('select count(distinct candidate_id) from "
            f"raw.candidates where hash(candidate_id) % {CHANGED_CANDIDATES_ONE_IN} = 0')"
            ".fetchall()[0][0])\n"
        )

        dbt = [str(BIN / "dbt"), "--no-use-colors"]

        def dbt_step(name: str, *arguments: str) -> Step:
            step = _measure(name, [*dbt, *arguments], environment, out_dir / f"{name}.log")
            step.detail = _dbt_detail(project_dir)
            # every node's timing, for a look at what the step waited on
            shutil.copy(
                project_dir / "target" / "run_results.json",
                out_dir / f"{name}_run_results.json",
            )
            return step

        steps.append(
            dbt_step("full_build", "build", "--vars", json.dumps({"as_of_date": first_night}))
        )
        _measure("deliver", _python(deliver), environment, out_dir / "deliver.log")
        changed_candidates = int(
            (out_dir / "deliver.log").read_text("utf-8").strip().splitlines()[-1]
        )
        nightly_vars = json.dumps({"as_of_date": next_night, "run_backtest": False})
        steps.append(
            dbt_step(
                "next_night_build", "build", "--vars", nightly_vars, "--exclude", "tag:backtest"
            )
        )

        # the night's scores, kept: they must equal the reference's as the rebuild's do
        keep_night = (
            "import duckdb\n"
            f"with duckdb.connect({str(database)!r}) as connection:\n"
            "    connection.execute('create table holding.night_scores as "
            f"select * from {SCORES_MART}')\n"
        )
        _measure("keep_night", _python(keep_night), environment, out_dir / "keep_night.log")

        as_of = json.dumps({"as_of_date": next_night})
        steps.append(dbt_step("models_alone_all", "run", "--full-refresh", "--vars", as_of))
        steps.append(
            dbt_step(
                "models_alone_scoring",
                "run",
                "--full-refresh",
                "--vars",
                nightly_vars,
                "--exclude",
                "tag:backtest",
            )
        )

        # the hand-written reference, on the same raw tables, compared before it is reported;
        # "now" is the last dbt run's (an event after it is in the future for both)
        started_at = f"dbt_run_started_at(Path({str(project_dir)!r}))"
        for with_rejected in (True, False):
            name = "reference_sql" + ("" if with_rejected else "_scores_only")
            code = (
                "from pathlib import Path\n"
                "from reference import dbt_run_started_at, run_sql_reference\n"
                f"run_sql_reference(Path({str(database)!r}), {next_night!r}, 'default', "
                f"{started_at}, {args.memory_limit!r}, with_rejected_rows={with_rejected})"
            )
            steps.append(_measure(name, _python(code), environment, out_dir / f"{name}.log"))
        # the rebuild's scores, then the night's (maintained engagement sums), to the cent
        compare = (
            "from pathlib import Path\nfrom reference import assert_scores_equal\n"
            f"assert_scores_equal(Path({str(database)!r}), 'sql')\n"
            f"assert_scores_equal(Path({str(database)!r}), 'sql', 'holding.night_scores')"
        )
        _measure("compare_sql", _python(compare), environment, out_dir / "compare_sql.log")

        if args.events <= args.pandas_max_events:
            code = (
                "from pathlib import Path\nfrom reference import run_pandas_reference, "
                "assert_scores_equal, dbt_run_started_at\n"
                f"scores = run_pandas_reference(Path({str(database)!r}), {next_night!r}, "
                f"'default', {started_at})\n"
                f"assert_scores_equal(Path({str(database)!r}), scores)"
            )
            steps.append(
                _measure("reference_pandas", _python(code), environment, out_dir / "pandas.log")
            )
    finally:
        results = {
            "candidates": args.candidates,
            "events": args.events,
            "log_rows_first_night": log_rows if "log_rows" in locals() else None,
            "new_day_rows": new_day_rows if "new_day_rows" in locals() else None,
            "changed_candidates": changed_candidates if "changed_candidates" in locals() else None,
            "memory_limit": args.memory_limit,
            "cpus": os.cpu_count(),
            "steps": [asdict(step) for step in steps],
        }
        (out_dir / "scale_results.json").write_text(json.dumps(results, indent=2), "utf-8")
        if not args.keep and args.out_dir is None:
            shutil.rmtree(out_dir, ignore_errors=True)

    print(
        f"candidates={args.candidates:,} events={args.events:,} new_day={new_day_rows:,} "
        f"({new_day_rows / log_rows:.2%} of the log) changed_candidates={changed_candidates:,} "
        f"memory_limit={args.memory_limit} "
        f"cpus={os.cpu_count()}"
    )
    by_name = {step.name: step for step in steps}
    for step in steps:
        print(f"{step.name}: {step.seconds:.1f} s, peak RSS {step.peak_rss_mb:,.0f} MB")
        for key, value in step.detail.items():
            print(f"    {key}: {value}")
    full_build = by_name["full_build"].seconds
    reference = by_name["reference_sql"].seconds
    print(
        f"next night's build / full build: {by_name['next_night_build'].seconds / full_build:.1%}\n"
        f"models alone (scoring) / reference with rejected rows: "
        f"{by_name['models_alone_scoring'].seconds / reference:.2f}x; all models: "
        f"{by_name['models_alone_all'].seconds / reference:.2f}x; full build: "
        f"{full_build / reference:.2f}x; test share of the full build: "
        f"{by_name['full_build'].detail['test_share']:.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
