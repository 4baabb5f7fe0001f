"""The scheduled run (`candidate-scoring run`) on a scripted sequence of nights, as cron runs it:
score history and tier changes across as-of dates, exports that match the marts row for row
and hold no contact detail nor any candidate who may not be contacted, a reader in another
process that sees every publication whole, a failed build and a killed one that leave the
last good publication, and an erasure request that leaves no trace.

One warehouse goes through the sequence; each test reads the state its step left (the tests
of this module run in file order and share the module fixture)."""

from __future__ import annotations

import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from candidate_scoring.database import fetch_value
from candidate_scoring.demo_data import generate_demo_data
from candidate_scoring.publishing import PublishError, read_settings
from candidate_scoring.scheduled_run import Step, _step_freshness
from tests.helpers import TODAY, Build, copy_project, query

CLI = Path(sys.executable).parent / "candidate-scoring"
CANDIDATES = 1_500
EVENTS = 30_000
FIRST_NIGHT = (TODAY - timedelta(days=7)).isoformat()
SECOND_NIGHT = TODAY.isoformat()
EXPORTS = ("crm_candidate_scores", "crm_recruiter_worklist", "campaign_tier_changes")
PII_COLUMNS = {"email", "full_name"}


@dataclass
class Warehouse:
    project_dir: Path
    database: Path
    published: Path
    export_dir: Path
    runs_dir: Path
    checksums: dict[str, dict[str, str]] = field(default_factory=dict)

    def run(self, as_of_date: str) -> tuple[int, dict[str, Any], str]:
        completed = subprocess.run(self.command(as_of_date), capture_output=True, text=True)
        return self._record(completed.returncode, completed.stdout + completed.stderr)

    def command(self, as_of_date: str) -> list[str]:
        return [
            str(CLI),
            "--database",
            str(self.database),
            "run",
            "--as-of-date",
            as_of_date,
            "--project-dir",
            str(self.project_dir),
            "--published-database",
            str(self.published),
            "--export-dir",
            str(self.export_dir),
        ]

    def _record(self, returncode: int, output: str) -> tuple[int, dict[str, Any], str]:
        record = json.loads((self.runs_dir / "latest.json").read_text(encoding="utf-8"))
        return returncode, record, output

    def current_files(self) -> dict[str, str]:
        manifest = json.loads((self.export_dir / "current" / "manifest.json").read_text())
        return {file["name"]: file["sha256"] for file in manifest["files"]}


def _succeeded(returncode: int, record: dict[str, Any], output: str) -> None:
    assert (returncode, record["status"]) in ((0, "success"), (3, "warnings")), output[-4000:]
    assert record["exit_code"] == returncode


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    root = tmp_path_factory.mktemp("scheduled")
    project_dir = copy_project(root / "project")
    database = root / "warehouse.duckdb"
    generate_demo_data(database, candidates=CANDIDATES, events=EVENTS, end_date=TODAY)
    yield Warehouse(
        project_dir=project_dir,
        database=database,
        published=root / "published" / "scores.duckdb",
        export_dir=root / "exports",
        runs_dir=root / "warehouse_runs",
    )


def _scored_dates(warehouse: Warehouse) -> int:
    """How many dates the last build scored: the as-of date, and the backtest grid's if any."""
    sql = "select count(distinct as_of_date) from intermediate.int_scoring_scenarios"
    return int(query(warehouse.database, sql)[0][0])


def test_first_night_publishes_scores_history_and_exports(warehouse: Warehouse) -> None:
    returncode, record, output = warehouse.run(FIRST_NIGHT)
    _succeeded(returncode, record, output)

    # the run record: every step passed, in order, with the counts of the build
    assert [step["name"] for step in record["steps"]] == [
        "freshness",
        "build",
        "checks",
        "publish",
        "exports",
    ]
    assert all(step["status"] in ("passed", "warned") for step in record["steps"])
    assert record["as_of_date"] == FIRST_NIGHT
    # no backtest yet: this night scores the grid and builds the evaluation marts
    assert record["backtest"].startswith("built: no evaluation marts"), record["backtest"]
    assert _scored_dates(warehouse) > 1
    scored = query(warehouse.database, "select count(*) from scoring.candidate_scores")[0][0]
    assert sum(record["tiers"].values()) == scored
    rejected = query(warehouse.database, "select count(*) from data_quality.rejected_raw_rows")
    assert sum(record["rejected_rows"].values()) == rejected[0][0] > 0
    log_lines = (warehouse.runs_dir / "runs.log").read_text().splitlines()
    assert len(log_lines) == 1 and f"as-of {FIRST_NIGHT}" in log_lines[0]

    # history: everyone enters once; today's changes are those entries
    history = query(
        warehouse.database,
        "select count(*), count(distinct candidate_id), min(scored_as_of), max(scored_as_of) "
        "from history.candidate_score_history",
    )[0]
    assert history[0] == history[1] == scored
    assert str(history[2]) == str(history[3]) == FIRST_NIGHT
    assert query(
        warehouse.database, "select distinct direction from history.tier_changes_today"
    ) == [("entered",)]

    # the published database carries the publication's own manifest
    manifest = query(warehouse.published, "select run_id, as_of_date from publication.manifest")
    assert manifest == [(record["run_id"], TODAY - timedelta(days=7))]
    warehouse.checksums[FIRST_NIGHT] = warehouse.current_files()


READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import duckdb

    published, export_dir, stop, out = map(Path, sys.argv[1:5])
    with out.open("w") as log:
        while True:
            stopping = stop.exists()
            try:
                with duckdb.connect(str(published), read_only=True) as connection:
                    row = connection.execute(
                        "select (select max(as_of_date) from scoring.candidate_scores),"
                        " (select min(as_of_date) from scoring.candidate_scores),"
                        " (select max(as_of_date) from scoring.recruiter_worklist),"
                        " (select max(scored_as_of) from exports.crm_candidate_scores),"
                        " (select max(scored_as_of) from history.candidate_score_history),"
                        " (select as_of_date from publication.manifest)"
                    ).fetchone()
                run_dir = (export_dir / "current").resolve()
                manifest = json.loads((run_dir / "manifest.json").read_text())
                with duckdb.connect() as connection:
                    files = connection.execute(
                        "select distinct cast(scored_as_of as varchar) from read_csv(?)",
                        [str(run_dir / "crm_candidate_scores.csv")],
                    ).fetchall()
                log.write(json.dumps({
                    "database": [str(value) for value in row],
                    "files": [manifest["as_of_date"], *[value for (value,) in files]],
                }) + "\\n")
            except Exception as error:
                log.write(json.dumps({"error": repr(error)}) + "\\n")
            log.flush()
            if stopping:
                break
            time.sleep(0.05)
    """
)


def test_second_night_reader_never_sees_a_lock_or_a_mixed_publication(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    stop, observations = tmp_path / "stop", tmp_path / "observations.jsonl"
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            READER,
            str(warehouse.published),
            str(warehouse.export_dir),
            str(stop),
            str(observations),
        ]
    )
    try:
        returncode, record, output = warehouse.run(SECOND_NIGHT)
    finally:
        stop.touch()
        reader.wait(timeout=60)
    _succeeded(returncode, record, output)

    seen = [json.loads(line) for line in observations.read_text().splitlines()]
    errors = [entry["error"] for entry in seen if "error" in entry]
    assert errors == []
    # the reader queried all through the build (about 40 s): many whole publications
    assert len(seen) > 50
    # the database and the export folder are each swapped whole (the folder a moment after
    # the database): within each, every relation or file is of the same publication; the
    # first night's until the swap, the second one's after, never back
    for publication in ("database", "files"):
        dates = []
        for entry in seen:
            values = set(entry[publication])
            assert len(values) == 1, f"a mix of {publication} publications: {entry}"
            dates.append(values.pop())
        assert dates[0] == FIRST_NIGHT and dates[-1] == SECOND_NIGHT, publication
        assert dates == sorted(dates), publication


def test_second_night_history_has_the_week_s_tier_changes(warehouse: Warehouse) -> None:
    db = warehouse.database
    changes = query(
        db,
        "select previous_tier, score_tier, direction, changed_as_of "
        "from history.tier_changes_today",
    )
    assert changes, "a week of engagement changes some tiers"
    assert {str(changed) for *_, changed in changes} == {SECOND_NIGHT}
    priorities = dict(query(db, "select tier, priority from scoring_config.score_tiers"))
    moved = [(previous, tier, direction) for previous, tier, direction, _ in changes if previous]
    assert moved, "a week of engagement moves some candidates between tiers"
    for previous, tier, direction in moved:
        assert previous != tier
        assert direction == ("up" if priorities[tier] < priorities[previous] else "down")
    # the others entered: candidates first scored since the first night
    entered = query(
        db,
        "select candidate_id from history.tier_changes_today where previous_tier is null "
        "intersect select candidate_id from history.candidate_score_history "
        f"where scored_as_of < '{SECOND_NIGHT}'",
    )
    assert entered == []
    assert all(row[2] == "entered" for row in changes if row[0] is None)
    # each change is in the transitions, and the history has one more version per change of
    # tier or whole-point score
    became_hot = query(
        db,
        "select candidate_id from history.candidate_tier_transitions "
        f"where score_tier = 'hot' and changed_as_of = '{SECOND_NIGHT}' and previous_tier "
        "is not null except select candidate_id from history.tier_changes_today "
        "where score_tier = 'hot'",
    )
    assert became_hot == []
    counts = query(
        db,
        "select scored_as_of, count(*) from history.candidate_score_history group by all "
        "order by all",
    )
    assert [str(day) for day, _ in counts] == [FIRST_NIGHT, SECOND_NIGHT]
    assert counts[1][1] >= len(changes)
    # daily tier counts: every candidate once per recorded date
    daily = query(
        db,
        "select as_of_date, sum(candidates) from history.daily_tier_counts group by all "
        "order by all",
    )
    scored = query(db, "select count(*) from scoring.candidate_scores")[0][0]
    assert daily[-1][1] == scored and len(daily) == 2


def test_a_rerun_with_nothing_new_adds_no_history_and_identical_exports(
    warehouse: Warehouse,
) -> None:
    warehouse.checksums[SECOND_NIGHT] = warehouse.current_files()
    before = query(warehouse.database, "select count(*) from history.candidate_score_history")
    changes = query(warehouse.database, "select * from history.tier_changes_today order by 1")

    evaluation = query(warehouse.database, "select * from evaluation.backtest_summary order by all")
    returncode, record, output = warehouse.run(SECOND_NIGHT)
    _succeeded(returncode, record, output)

    # same grid, same policy: the as-of date only; the evaluation marts stay as they were
    assert record["backtest"].startswith("kept: grid "), record["backtest"]
    assert _scored_dates(warehouse) == 1
    assert query(warehouse.database, "select * from evaluation.backtest_summary order by all") == (
        evaluation
    )
    after = query(warehouse.database, "select count(*) from history.candidate_score_history")
    assert after == before
    # the same changes for the triggers (keyed on candidate and date, they fire once)
    assert query(warehouse.database, "select * from history.tier_changes_today order by 1") == (
        changes
    )
    assert warehouse.current_files() == warehouse.checksums[SECOND_NIGHT]
    assert warehouse.checksums[SECOND_NIGHT] != warehouse.checksums[FIRST_NIGHT]


def test_exports_match_the_marts_row_for_row(warehouse: Warehouse) -> None:
    run_dir = (warehouse.export_dir / "current").resolve()
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["as_of_date"] == SECOND_NIGHT and manifest["weight_set"] == "default"
    assert sorted(file["name"] for file in manifest["files"]) == sorted(
        f"{table}.{extension}" for table in EXPORTS for extension in ("csv", "parquet")
    )
    with duckdb.connect(str(warehouse.database), read_only=True) as connection:
        for file in manifest["files"]:
            path = run_dir / file["name"]
            reader = "read_csv" if path.suffix == ".csv" else "read_parquet"
            relation = f"{reader}('{path}')"
            table = file["table"]
            assert file["rows"] == fetch_value(connection, f"select count(*) from {relation}")
            for left, right in ((relation, table), (table, relation)):
                difference = fetch_value(
                    connection,
                    f"select count(*) from (select * from {left} except all select * from {right})",
                )
                assert difference == 0, f"{path.name} and {table} differ"
        # and the export tables are the marts: the scores of every contactable candidate, the
        # worklist, today's changes of contactable candidates
        same = {
            "exports.crm_candidate_scores": (
                "select candidate_id, total_score, score_tier from scoring.candidate_scores "
                "where not is_disqualified"
            ),
            "exports.crm_recruiter_worklist": (
                "select candidate_id, total_score, score_tier from scoring.recruiter_worklist"
            ),
        }
        for export, mart in same.items():
            exported = f"select candidate_id, total_score, score_tier from {export}"
            for left, right in ((exported, mart), (mart, exported)):
                assert (
                    fetch_value(connection, f"select count(*) from ({left} except all {right})")
                    == 0
                ), export
        assert fetch_value(
            connection,
            "select count(*) from history.tier_changes_today as changes "
            "inner join scoring.candidate_scores as scores using (candidate_id) "
            "where not scores.is_disqualified",
        ) == fetch_value(connection, "select count(*) from exports.campaign_tier_changes")


def _text_columns(connection: duckdb.DuckDBPyConnection, skip_schemas: tuple[str, ...]):
    return connection.execute(
        f"""
        select table_schema, table_name, column_name from information_schema.columns
        where table_catalog = current_database()
            and table_schema not in ({", ".join(f"'{schema}'" for schema in skip_schemas)})
            and data_type = 'VARCHAR'
        order by all
        """
    ).fetchall()


def test_no_contact_detail_nor_uncontactable_candidate_leaves_the_warehouse(
    warehouse: Warehouse,
) -> None:
    with duckdb.connect(str(warehouse.published), read_only=True) as connection:
        columns = connection.execute(
            "select distinct column_name from information_schema.columns"
        ).fetchall()
        assert PII_COLUMNS.isdisjoint(column for (column,) in columns)
        for schema, table, column in _text_columns(connection, ()):
            emails = fetch_value(
                connection,
                f'select count(*) from "{schema}"."{table}" where "{column}" like \'%@%\'',
            )
            assert emails == 0, f"an email address in {schema}.{table}.{column}"
        schemas = {
            schema
            for (schema,) in connection.execute(
                "select distinct table_schema from information_schema.tables"
            ).fetchall()
        }
        assert schemas == {*read_settings(warehouse.project_dir).schemas, "publication"}

    run_dir = (warehouse.export_dir / "current").resolve()
    with duckdb.connect(str(warehouse.database), read_only=True) as connection:
        # the candidates who may not be contacted, from staging, by every reason
        uncontactable = {
            candidate_id
            for (candidate_id,) in connection.execute(
                "select candidate_id from scoring.candidate_scores where is_disqualified"
            ).fetchall()
        }
        reasons = connection.execute(
            "select distinct unnest(string_split(disqualification_reasons, ', ')) "
            "from scoring.candidate_scores where is_disqualified"
        ).fetchall()
        assert {"do_not_contact", "no_marketing_consent", "unsubscribe", "email_bounce"} <= {
            reason for (reason,) in reasons
        }
        for table in EXPORTS:
            for extension in ("csv", "parquet"):
                path = run_dir / f"{table}.{extension}"
                reader = "read_csv" if extension == "csv" else "read_parquet"
                exported = connection.execute(
                    f"select * from {reader}('{path}') limit 0"
                ).description
                assert PII_COLUMNS.isdisjoint(column[0] for column in exported)
                ids = {
                    candidate_id
                    for (candidate_id,) in connection.execute(
                        f"select candidate_id from {reader}('{path}')"
                    ).fetchall()
                }
                assert not ids & uncontactable, f"{path.name} holds uncontactable candidates"
            assert "@" not in (run_dir / f"{table}.csv").read_text()
        # contact details live only in the restricted model, for contactable candidates
        contacts = connection.execute(
            "select candidate_id from restricted.crm_candidate_contacts"
        ).fetchall()
        assert contacts and not {candidate_id for (candidate_id,) in contacts} & uncontactable


def test_a_failed_build_keeps_the_last_good_publication(warehouse: Warehouse) -> None:
    published_before = query(warehouse.published, "select run_id from publication.manifest")
    current_before = (warehouse.export_dir / "current").resolve()
    failing_test = warehouse.project_dir / "tests" / "assert_this_build_fails.sql"
    failing_test.write_text("select 1 as failure\n")
    try:
        returncode, record, output = warehouse.run(SECOND_NIGHT)
    finally:
        failing_test.unlink()
    assert (returncode, record["status"], record["exit_code"]) == (1, "failed", 1), output[-3000:]
    steps = {step["name"]: step["status"] for step in record["steps"]}
    assert steps == {
        "freshness": steps["freshness"],
        "build": "failed",
        "checks": "skipped",
        "publish": "skipped",
        "exports": "skipped",
    }
    assert "FAILED (exit 1)" in (warehouse.runs_dir / "runs.log").read_text().splitlines()[-1]
    assert query(warehouse.published, "select run_id from publication.manifest") == (
        published_before
    )
    assert (warehouse.export_dir / "current").resolve() == current_before


def test_an_unwritable_export_or_published_path_publishes_neither_and_says_why(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    published_before = query(warehouse.published, "select run_id from publication.manifest")
    current_before = (warehouse.export_dir / "current").resolve()
    # a folder that cannot be made, even by root: its parent is a file
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder\n")
    blocked_exports = replace(warehouse, export_dir=blocker / "exports")
    returncode, record, output = blocked_exports.run(SECOND_NIGHT)
    assert (returncode, record["status"]) == (1, "failed"), output[-3000:]
    steps = {step["name"]: step for step in record["steps"]}
    assert steps["exports"]["status"] == "failed"
    assert f"cannot write the exports to {blocker / 'exports'}" in steps["exports"]["detail"]
    assert "Not a directory" in steps["exports"]["detail"]
    # both or neither: the database this run staged was not put in place either
    assert steps["publish"]["status"] == "failed"
    assert "not published" in steps["publish"]["detail"]
    assert query(warehouse.published, "select run_id from publication.manifest") == (
        published_before
    )
    assert (warehouse.export_dir / "current").resolve() == current_before
    assert "Traceback" not in output

    blocked_database = replace(warehouse, published=blocker / "published.duckdb")
    returncode, record, output = blocked_database.run(SECOND_NIGHT)
    assert (returncode, record["status"]) == (1, "failed"), output[-3000:]
    steps = {step["name"]: step for step in record["steps"]}
    assert steps["publish"]["status"] == "failed"
    assert f"to {blocker / 'published.duckdb'}" in steps["publish"]["detail"]
    assert f"[Errno 17] File exists: '{blocker}'" in steps["publish"]["detail"]
    assert steps["exports"]["status"] == "skipped"
    assert "not written" in steps["exports"]["detail"]
    assert (warehouse.export_dir / "current").resolve() == current_before
    assert "Traceback" not in output
    assert "FAILED (exit 1)" in (warehouse.runs_dir / "runs.log").read_text().splitlines()[-1]


def test_a_second_run_while_one_holds_the_warehouse_cannot_run(warehouse: Warehouse) -> None:
    warehouse.runs_dir.mkdir(exist_ok=True)
    with (warehouse.runs_dir / "run.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        completed = subprocess.run(warehouse.command(SECOND_NIGHT), capture_output=True, text=True)
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert "another run holds" in completed.stderr
    last_line = (warehouse.runs_dir / "runs.log").read_text().splitlines()[-1]
    assert "CANNOT_RUN (exit 2)" in last_line and "another run holds" in last_line


def test_a_past_as_of_date_is_refused_and_the_publication_kept(warehouse: Warehouse) -> None:
    published_before = query(warehouse.published, "select run_id from publication.manifest")
    completed = subprocess.run(warehouse.command(FIRST_NIGHT), capture_output=True, text=True)
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert f"before the published as-of date {SECOND_NIGHT}" in completed.stderr
    assert query(warehouse.published, "select run_id from publication.manifest") == (
        published_before
    )


def test_a_killed_run_then_a_rerun_gives_identical_outputs(warehouse: Warehouse) -> None:
    published_before = query(warehouse.published, "select run_id from publication.manifest")
    scores_before = query(
        warehouse.published,
        "select * exclude (last_engaged_at) from scoring.candidate_scores order by candidate_id",
    )
    history_before = query(
        warehouse.database, "select count(*) from history.candidate_score_history"
    )
    process = subprocess.Popen(
        warehouse.command(SECOND_NIGHT),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    progress = 0
    for line in process.stdout:
        if re.search(r"\d+ of \d+ (OK|PASS)", line):
            progress += 1
        if progress >= 100:  # well into dbt build
            break
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert progress >= 100
    # the kill left the publication alone
    assert query(warehouse.published, "select run_id from publication.manifest") == (
        published_before
    )

    returncode, record, output = warehouse.run(SECOND_NIGHT)
    _succeeded(returncode, record, output)
    assert warehouse.current_files() == warehouse.checksums[SECOND_NIGHT]
    assert (
        query(
            warehouse.published,
            "select * exclude (last_engaged_at) from scoring.candidate_scores "
            "order by candidate_id",
        )
        == scores_before
    )
    assert (
        query(warehouse.database, "select count(*) from history.candidate_score_history")
        == history_before
    )


def test_an_erasure_request_leaves_no_trace_on_the_next_run_which_warns(
    warehouse: Warehouse,
) -> None:
    db = warehouse.database
    # one candidate on the worklist (in history and every export) and one with a superseded
    # version (in rejected_raw_rows); requested in another case and padding
    hot = query(db, "select candidate_id from scoring.recruiter_worklist order by 1 limit 1")[0][0]
    superseded = query(
        db,
        "select record_id from data_quality.rejected_raw_rows where source_table = 'candidates' "
        "and rejection_reason = 'superseded_by_newer_version' order by 1 limit 1",
    )[0][0]
    emails = [
        email
        for (email,) in query(
            db,
            f"select distinct email from staging.stg_recruitment__candidate_versions "
            f"where candidate_id in ('{hot}', '{superseded}') and email is not null",
        )
    ]
    assert emails
    with duckdb.connect(str(db)) as connection:
        connection.execute(
            "create table raw.erasure_requests (candidate_id varchar, requested_at varchar)"
        )
        connection.execute(
            "insert into raw.erasure_requests values (?, '2026-11-01T10:00:00Z'), (?, 'soon'), "
            "(null, '2026-11-02')",
            [f" {hot.lower()} ", superseded],
        )
        raw_rows = fetch_value(
            connection,
            "select count(*) from raw.candidates where upper(trim(candidate_id)) in (?, ?)",
            [hot, superseded],
        )

    # this night, any share of rejected rows is too high: the run publishes and warns (exit 3)
    settings = warehouse.project_dir / "dbt_project.yml"
    text = settings.read_text()
    settings.write_text(
        text.replace("max_rejected_row_share: 0.10", "max_rejected_row_share: 0.0001")
    )
    try:
        returncode, record, output = warehouse.run(SECOND_NIGHT)
    finally:
        settings.write_text(text)
    assert (returncode, record["status"]) == (3, "warnings"), output[-3000:]
    # the backtest tables hold candidate ids: the night rebuilds them for the erasure (of the
    # night's two reasons, the erasure is the one it names)
    assert record["backtest"].startswith("built: the erasure requests changed"), record["backtest"]
    assert any("rejects_too_many_rows" in warning for warning in record["warnings"])
    assert "WARNINGS (exit 3)" in (warehouse.runs_dir / "runs.log").read_text().splitlines()[-1]

    # nothing but counts: no relation of the warehouse (the raw extracts aside, the source
    # system's to purge, and the requests themselves, which keep the erasure going), of the
    # publication or of the export files holds either id or email
    needles = [hot, superseded, *emails]
    requests = ("staging", "base_recruitment__erasure_requests")
    for database, skip in ((db, ("raw",)), (warehouse.published, ())):
        with duckdb.connect(str(database), read_only=True) as connection:
            for schema, table, column in _text_columns(connection, skip):
                if (schema, table) == requests:
                    continue
                for needle in needles:
                    found = fetch_value(
                        connection,
                        f'select count(*) from "{schema}"."{table}" where "{column}" = ?',
                        [needle],
                    )
                    assert found == 0, f"{needle} in {database.name} {schema}.{table}.{column}"
    # every kept export run, not only the current one: the runs written before the request
    # that held the candidates are deleted
    kept_runs = sorted((warehouse.export_dir / "runs").iterdir())
    assert (warehouse.export_dir / "current").resolve() in kept_runs
    for path in (file for run_dir in kept_runs for file in run_dir.iterdir()):
        if path.suffix in (".csv", ".json"):
            assert not any(needle in path.read_text() for needle in needles), path
    exports_step = next(step for step in record["steps"] if step["name"] == "exports")
    assert "earlier runs deleted (they held erased candidates)" in exports_step["detail"]
    erased = query(
        db,
        "select source_table, erased_rows from data_quality.raw_row_reconciliation "
        "where source_table = 'candidates'",
    )
    assert erased == [("candidates", raw_rows)]
    assert record["erased_rows"] >= raw_rows
    # the request without an id is rejected and named, and erases nobody
    assert query(
        db,
        "select rejection_reason from data_quality.rejected_raw_rows "
        "where source_table = 'erasure_requests'",
    ) == [("missing_candidate_id",)]


def test_publication_settings_refuse_restricted_schemas(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "dbt_project.yml"
    text = path.read_text()
    path.write_text(
        text.replace(
            "schemas: [scoring, history, evaluation, exports]",
            "schemas: [scoring, restricted]",
        )
    )
    with pytest.raises(PublishError, match="restricted"):
        read_settings(project)
    path.write_text(text.replace("keep_export_runs: 14", "keep_export_runs: 1"))
    with pytest.raises(PublishError, match="at least 2"):
        read_settings(project)


def test_freshness_warns_past_warn_after_and_fails_past_error_after(
    demo_build: Build, tmp_path: Path
) -> None:
    """The freshness step on the demo warehouse with thresholds its extracts miss: past
    warn_after the run goes on and warns (dbt's warn_error must not turn it into an error),
    past error_after it stops."""
    project = copy_project(tmp_path / "project")
    sources = project / "models" / "staging" / "recruitment" / "_recruitment__sources.yml"
    text = sources.read_text()
    assert text.count("warn_after: {count: 2, period: day}") == 2
    sources.write_text(text.replace("{count: 2, period: day}", "{count: 1, period: minute}"))
    step = Step("freshness")
    _step_freshness(step, project, demo_build.database)
    assert step.status == "warned", step.detail
    assert any(
        "stale extract: " in warning and "engagement_events" in warning
        for warning in (step.warnings)
    )

    sources.write_text(
        text.replace("{count: 2, period: day}", "{count: 1, period: minute}").replace(
            "{count: 7, period: day}", "{count: 2, period: minute}"
        )
    )
    step = Step("freshness")
    _step_freshness(step, project, demo_build.database)
    assert step.status == "failed"
    assert "is stale (error)" in step.detail
