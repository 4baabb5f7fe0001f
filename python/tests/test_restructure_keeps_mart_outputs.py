"""Temporary (issue 5): the restructured project gives the marts of the last commit before it,
e4aeb7c, on the same demo data and as-of date. Dropped once the restructure is done."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from datetime import date
from pathlib import Path

import duckdb

from candidate_scoring.demo_data import generate_demo_data
from candidate_scoring.settings import PROJECT_DIR

BEFORE = "e4aeb7c"
AS_OF = "2026-11-28"
DBT = Path(sys.executable).parent / "dbt"


def _build(project_dir: Path, database: Path) -> None:
    environment = {
        **os.environ,
        "CANDIDATE_SCORING_DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(project_dir),
    }
    run = subprocess.run(
        [str(DBT), "build", "--vars", f"{{as_of_date: '{AS_OF}'}}"],
        cwd=project_dir,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:]


def test_marts_are_unchanged_by_the_restructure(tmp_path: Path) -> None:
    archive = subprocess.run(
        ["git", "archive", BEFORE], cwd=PROJECT_DIR, capture_output=True, check=True
    ).stdout
    before_dir = tmp_path / "before"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(before_dir, filter="data")
    before_db, after_db = tmp_path / "before.duckdb", tmp_path / "after.duckdb"
    for database in (before_db, after_db):
        generate_demo_data(database, candidates=5_000, events=100_000, end_date=date(2026, 11, 28))
    _build(before_dir, before_db)
    _build(PROJECT_DIR, after_db)

    con = duckdb.connect()
    con.execute(f"attach '{before_db}' as b (read_only)")
    con.execute(f"attach '{after_db}' as a (read_only)")

    def differing(old_sql: str, new_sql: str) -> tuple[int, int, int]:
        def count(sql: str) -> int:
            return con.execute(f"select count(*) from ({sql})").fetchone()[0]  # type: ignore[index]

        return (
            count(f"{old_sql} except all {new_sql}"),
            count(f"{new_sql} except all {old_sql}"),
            count(new_sql),
        )

    for table in ("candidate_scores", "candidate_score_breakdown", "recruiter_worklist"):
        columns = [
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns where table_catalog = 'b' "
                f"and table_schema = 'scoring' and table_name = '{table}' "
                "order by ordinal_position"
            ).fetchall()
        ]
        # renamed on purpose: scored_as_of is as_of_date, the engagement family is activity
        old_select = ", ".join(
            "case criterion_family when 'engagement' then 'activity' else criterion_family end"
            if column == "criterion_family"
            else column
            for column in columns
        )
        only_before, only_after, rows = differing(
            f"select {old_select} from b.scoring.{table}", f"select * from a.scoring.{table}"
        )
        assert (only_before, only_after) == (0, 0) and rows > 0, table

    # staging no longer rejects event types the weights do not score: those rows are now used
    # (and reported as unscored) or rejected for a reason that is not policy; nothing else moves
    [(gone, gone_not_unknown_type, new, new_not_formerly_unknown, unscored)] = con.execute(
        """
        with before as (select * from b.data_quality.rejected_raw_rows),
        after as (select * from a.data_quality.rejected_raw_rows),
        gone as (select * from before except all select * from after),
        new as (select * from after except all select * from before)
        select
            (select count(*) from gone),
            (select count(*) from gone where rejection_reason != 'unknown_event_type'),
            (select count(*) from new),
            (select count(*) from new where record_id not in (
                select record_id from gone where record_id is not null)),
            (select sum(event_count) from a.data_quality.unscored_event_types)
        """
    ).fetchall()
    assert gone_not_unknown_type == 0 and new_not_formerly_unknown == 0
    assert gone == unscored + new > 0
