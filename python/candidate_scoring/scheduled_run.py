"""`candidate-scoring run`: the one command a scheduler (cron, an orchestrator) runs each night.

Steps, in order, each only when the ones before it passed:
1. freshness  `dbt source freshness`: a stale extract is a warning, one past error_after fails
2. build      `dbt build` (models, snapshot, seeds and every data and unit test); the backtest
              grid and evaluation marts only when due (backtest_schedule.py): a new month
              of the grid, changed erasure requests, a changed scoring policy, none built
              yet, or --backtest
3. checks     the Great Expectations checks (`candidate-scoring check`)
4. publish    the read-only database BI tools open, swapped in one step (publishing.py)
5. exports    the CSV and Parquet files of the export tables, with their manifest

A failed step stops the run: the last good publication and export files stay in place. Every
run appends one line to `<warehouse>_runs/runs.log` and writes a JSON record
(`<run id>.json` and `latest.json`) with its steps, counts per tier, rejected rows, warnings,
duration and as-of date. Rerunning after a crash is safe: the build replaces every model (an
incremental one deletes and appends its reloaded days in one transaction), the snapshot adds
nothing when nothing changed, and publishing writes new files before it swaps.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from candidate_scoring.backtest_schedule import (
    NIGHTLY_ONLY_ARGUMENTS,
    erasure_requests_fingerprint,
    plan_backtest,
    record_backtest,
)
from candidate_scoring.database import scored_as_of_and_weight_set, write_json
from candidate_scoring.publishing import (
    ExportError,
    PublishError,
    publish_both,
    purge_erased_export_runs,
    read_settings,
)
from candidate_scoring.settings import DATABASE_ENV_VAR, PROJECT_DIR

# Exit codes a scheduler can tell apart.
EXIT_SUCCESS = 0
EXIT_FAILED = 1  # a step failed; nothing new was published
EXIT_CANNOT_RUN = 2  # another run holds the warehouse, or there is no warehouse
EXIT_WARNINGS = 3  # published, with warnings (a stale extract, a high rejection rate, ...)

StepStatus = Literal["passed", "warned", "failed", "skipped"]
RunStatus = Literal["success", "warnings", "failed", "cannot_run"]
EXIT_CODES: dict[str, int] = {
    "success": EXIT_SUCCESS,
    "warnings": EXIT_WARNINGS,
    "failed": EXIT_FAILED,
    "cannot_run": EXIT_CANNOT_RUN,
}
STEPS = ("freshness", "build", "checks", "publish", "exports")
DBT = Path(sys.executable).parent / "dbt"


@dataclass
class Step:
    name: str
    status: StepStatus = "skipped"
    seconds: float = 0.0
    detail: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class RunRecord:
    run_id: str
    database: str
    status: RunStatus = "failed"
    exit_code: int = EXIT_FAILED
    started_at: str = ""
    finished_at: str = ""
    duration_seconds: float = 0.0
    as_of_date: str | None = None
    weight_set: str | None = None
    # whether the build scored the backtest grid, and why (backtest_schedule.py)
    backtest: str = ""
    steps: list[Step] = field(default_factory=list)
    tiers: dict[str, int] = field(default_factory=dict)
    rejected_rows: dict[str, int] = field(default_factory=dict)
    erased_rows: int = 0
    warnings: list[str] = field(default_factory=list)
    published_database: str | None = None
    export_dir: str | None = None
    export_files: list[dict[str, Any]] = field(default_factory=list)
    cannot_run_reason: str = ""

    def summary_line(self) -> str:
        """The one line per run of runs.log."""
        tiers = ", ".join(f"{tier} {count:,}" for tier, count in self.tiers.items()) or "-"
        failed = any(step.status == "failed" for step in self.steps)
        parts = [
            f"{self.started_at} run {self.run_id}",
            f"as-of {self.as_of_date or '?'}",
            f"weight set {self.weight_set or '?'}",
            f"backtest {self.backtest.split(':')[0] or '-'}",
            f"{self.status.upper()} (exit {self.exit_code}) in {self.duration_seconds:.0f} s",
            f"tiers: {tiers}",
            f"rejected rows {sum(self.rejected_rows.values()):,}",
            f"warnings {len(self.warnings)}",
        ]
        if self.cannot_run_reason:
            parts.append(f"not run: {self.cannot_run_reason}")
        elif failed:
            step = next(step for step in self.steps if step.status == "failed")
            parts.append(f"failed step: {step.name} ({step.detail})")
        elif self.status in ("success", "warnings"):
            parts.append(f"published {self.published_database}")
        return "; ".join(parts)


def default_runs_dir(database: Path) -> Path:
    return database.with_name(f"{database.stem}_runs")


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[bool]:
    """Hold the warehouse's run lock if no other run does; the OS frees it if we die."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _dbt(project_dir: Path, database: Path, *arguments: str) -> int:
    """Run dbt as the Makefile does; its output goes to ours (the scheduler's log)."""
    environment = {
        **os.environ,
        DATABASE_ENV_VAR: str(database),
        "DBT_PROFILES_DIR": str(project_dir),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    sys.stdout.flush()
    return subprocess.run(
        [str(DBT), "--no-use-colors", *arguments],
        cwd=project_dir,
        env=environment,
        check=False,
    ).returncode


def _freshness_statuses(project_dir: Path) -> list[tuple[str, str]]:
    path = project_dir / "target" / "sources.json"
    try:
        results = json.loads(path.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError) as error:
        return [("sources.json", f"unreadable: {error}")]
    return [
        (str(result.get("unique_id", "")).split(".", 2)[-1], str(result.get("status")))
        for result in results
    ]


def _step_freshness(step: Step, project_dir: Path, database: Path) -> None:
    (project_dir / "target" / "sources.json").unlink(missing_ok=True)
    returncode = _dbt(project_dir, database, "source", "freshness")
    if not (project_dir / "target" / "sources.json").exists():
        step.status = "failed"
        step.detail = f"dbt source freshness exited {returncode}: see its output above"
        return
    statuses = _freshness_statuses(project_dir)
    # past error_after: scoring on it would hand out stale scores as fresh ones
    errors = [f"{source} is stale (error)" for source, status in statuses if status == "error"]
    if errors or returncode != 0 or any(source == "sources.json" for source, _ in statuses):
        step.status = "failed"
        step.detail = "; ".join(errors) or (
            f"dbt source freshness exited {returncode}: see its output above"
        )
        return
    step.warnings = [
        f"stale extract: {source} (past warn_after)"
        if status == "warn"
        # dbt reads freshness from a timestamp column; an extract of text times cannot be
        # checked this way (the build's own stale-extract warning still checks it)
        else f"freshness of {source} not checked: {status}"
        for source, status in statuses
        if status not in ("pass", "error")
    ]
    step.status = "warned" if step.warnings else "passed"


def _step_build(
    step: Step, project_dir: Path, database: Path, as_of_date: str | None, with_backtest: bool
) -> None:
    from candidate_scoring.summary import read_run_results

    arguments = ["build"]
    build_vars: dict[str, Any] = {"as_of_date": as_of_date} if as_of_date else {}
    if not with_backtest:
        build_vars["run_backtest"] = False
        arguments += NIGHTLY_ONLY_ARGUMENTS
    if build_vars:
        arguments += ["--vars", json.dumps(build_vars)]
    returncode = _dbt(project_dir, database, *arguments)
    if returncode != 0:
        step.status = "failed"
        step.detail = f"dbt build exited {returncode}: see its output above"
        return
    results = read_run_results(project_dir / "target" / "run_results.json", database.stem)
    step.warnings = [
        f"{warning.name}: {warning.message}".strip(": ") for warning in results.warnings
    ]
    step.status = "warned" if step.warnings else "passed"


def _step_checks(step: Step, project_dir: Path, database: Path) -> None:
    from candidate_scoring.quality_checks import QualityCheckError, check_warehouse

    try:
        report = check_warehouse(database, project_dir=project_dir)
    except QualityCheckError as error:
        step.status, step.detail = "failed", str(error)
        return
    if not report.success:
        step.status = "failed"
        step.detail = "; ".join(result.describe() for result in report.failed)
        return
    step.status = "passed"


def _read_counts(record: RunRecord, database: Path) -> None:
    """Tiers, rejected and erased rows of the build, for the record."""
    import duckdb

    with duckdb.connect(str(database), read_only=True) as connection:
        record.as_of_date, record.weight_set = scored_as_of_and_weight_set(connection)
        record.tiers = dict(
            connection.execute(
                "select score_tier, count(*) from scoring.candidate_scores "
                "group by score_tier order by min(tier_priority)"
            ).fetchall()
        )
        reconciliation = connection.execute(
            "select source_table, rejected_rows, erased_rows "
            "from data_quality.raw_row_reconciliation order by source_table"
        ).fetchall()
    record.rejected_rows = {table: int(rejected) for table, rejected, _ in reconciliation}
    record.erased_rows = sum(int(erased) for _, _, erased in reconciliation)


def _evaluation_built(database: Path) -> bool:
    """Whether a backtest has built the evaluation marts in this warehouse."""
    import duckdb

    with duckdb.connect(str(database), read_only=True) as connection:
        row = connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'evaluation' and table_name = 'backtest_summary'"
        ).fetchone()
    return bool(row and row[0])


def _published_as_of_date(published_path: Path) -> str | None:
    """The as-of date of the last publication, if there is one."""
    import duckdb

    if not published_path.exists():
        return None
    try:
        with duckdb.connect(str(published_path), read_only=True) as connection:
            row = connection.execute(
                "select cast(max(as_of_date) as varchar) from publication.manifest"
            ).fetchone()
    except duckdb.Error:
        return None
    return str(row[0]) if row and row[0] else None


def _write_record(record: RunRecord, runs_dir: Path) -> Path:
    runs_dir.mkdir(parents=True, exist_ok=True)
    path = runs_dir / f"{record.run_id}.json"
    for target in (path, runs_dir / "latest.json"):
        write_json(target, asdict(record))
    with (runs_dir / "runs.log").open("a", encoding="utf-8") as log:
        log.write(record.summary_line() + "\n")
    return path


def run_scheduled(
    database: Path,
    *,
    published_path: Path,
    export_dir: Path,
    as_of_date: str | None = None,
    project_dir: Path = PROJECT_DIR,
    runs_dir: Path | None = None,
    backtest: bool = False,
) -> RunRecord:
    """Run the five steps; return (and write) the run's record. backtest: score the backtest
    grid even when it is not due."""
    database = database.resolve()
    published_path, export_dir = published_path.resolve(), export_dir.resolve()
    runs_dir = runs_dir or default_runs_dir(database)
    started = datetime.now(UTC)
    record = RunRecord(
        run_id=started.strftime("%Y%m%dT%H%M%S%fZ"),
        database=str(database),
        started_at=started.isoformat(timespec="seconds"),
        as_of_date=as_of_date,
        steps=[Step(name) for name in STEPS],
    )
    clock = time.monotonic()

    def finish(status: RunStatus) -> RunRecord:
        record.status = status
        record.exit_code = EXIT_CODES[status]
        record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        record.duration_seconds = round(time.monotonic() - clock, 1)
        record.warnings = [warning for step in record.steps for warning in step.warnings]
        if status != "cannot_run":
            try:
                _write_record(record, runs_dir)
            except OSError as error:
                print(f"error: cannot write the run record to {runs_dir}: {error}", file=sys.stderr)
        elif runs_dir.is_dir():
            # the run in progress owns latest.json; the log still says this one was refused
            with (runs_dir / "runs.log").open("a", encoding="utf-8") as log:
                log.write(record.summary_line() + "\n")
        return record

    if not database.exists():
        record.cannot_run_reason = f"no warehouse at {database}"
        return finish("cannot_run")

    def steps_in_order() -> RunRecord:
        with _exclusive(runs_dir / "run.lock") as acquired:
            if not acquired:
                record.cannot_run_reason = f"another run holds {runs_dir / 'run.lock'}"
                return finish("cannot_run")
            # read once: the lock keeps another run from publishing meanwhile
            published_as_of = _published_as_of_date(published_path)
            if as_of_date and published_as_of and as_of_date < published_as_of:
                # the CRM mirrors the files: a past date would clear everyone scored since
                record.cannot_run_reason = (
                    f"--as-of-date {as_of_date} is before the published as-of date "
                    f"{published_as_of}: the nightly job only moves forward (a what-if on a past "
                    "date: dbt build --vars '{as_of_date: ...}', which records no history and "
                    "publishes nothing)"
                )
                return finish("cannot_run")
            plan = plan_backtest(
                project_dir,
                runs_dir,
                as_of_date,
                forced=backtest,
                evaluation_built=_evaluation_built(database),
                erasures=erasure_requests_fingerprint(database, project_dir),
            )
            record.backtest = f"{'built' if plan.due else 'kept'}: {plan.reason}"
            steps = {step.name: step for step in record.steps}
            actions: dict[str, Callable[[], None]] = {
                "freshness": lambda: _step_freshness(steps["freshness"], project_dir, database),
                "build": lambda: _step_build(
                    steps["build"], project_dir, database, as_of_date, plan.due
                ),
                "checks": lambda: _step_checks(steps["checks"], project_dir, database),
            }
            for name, action in actions.items():
                step_clock = time.monotonic()
                action()
                steps[name].seconds = round(time.monotonic() - step_clock, 1)
                if name == "build" and steps[name].status != "failed":
                    _read_counts(record, database)
                    if plan.due:
                        record_backtest(runs_dir, plan, record.run_id)
                if steps[name].status == "failed":
                    return finish("failed")
            # the build's own as-of date: the configured var may be in the past too
            if record.as_of_date and published_as_of and record.as_of_date < published_as_of:
                steps["publish"].status = "failed"
                steps["publish"].detail = (
                    f"as-of date {record.as_of_date} is before the published {published_as_of}: "
                    "a what-if is not published"
                )
                return finish("failed")
            try:
                settings = read_settings(project_dir)
                step_clock = time.monotonic()
                # both or neither: the database and the files are staged, then moved in together
                staged, exports = publish_both(
                    database, published_path, export_dir, settings, record.run_id
                )
                seconds = round(time.monotonic() - step_clock, 1)
                steps["publish"].status = "passed"
                steps["publish"].detail = f"{len(staged.relations)} relations to {published_path}"
                record.published_database = str(published_path)
                purged = purge_erased_export_runs(database, export_dir)
                steps["exports"].status = "passed"
                steps["exports"].detail = f"{len(exports.files)} files to {exports.run_dir}" + (
                    f"; {len(purged)} earlier runs deleted (they held erased candidates)"
                    if purged
                    else ""
                )
                # one step on the clock: the files are written from the staged database
                steps["publish"].seconds = steps["exports"].seconds = seconds
            except PublishError as error:
                # both or neither: whichever part failed, nothing of this run is in place
                if isinstance(error, ExportError):
                    steps["exports"].status, steps["exports"].detail = "failed", str(error)
                    steps["publish"].status = "failed"
                    steps["publish"].detail = "not published: the export files could not be written"
                else:
                    steps["publish"].status, steps["publish"].detail = "failed", str(error)
                    steps["exports"].detail = "not written: the database could not be published"
                return finish("failed")
            record.export_dir = str(exports.run_dir)
            record.export_files = [asdict(file) for file in exports.files]
        warned = any(step.status == "warned" for step in record.steps)
        return finish("warnings" if warned else "success")

    try:
        return steps_in_order()
    except Exception as error:  # whatever fails, the run leaves its record
        unfinished = next(
            (step for step in record.steps if step.status == "skipped"), record.steps[-1]
        )
        unfinished.status = "failed"
        unfinished.detail = f"unexpected error: {type(error).__name__}: {error}"
        return finish("failed")
