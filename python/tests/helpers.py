"""Helpers that build the dbt project for real: demo data in a temporary directory, `dbt build`
run as a separate process (as a user runs it), results read back with DuckDB.

Tests that change seeds or configuration work on a copy of the project, never on the repository.
Fixtures built from these live in conftest.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from candidate_scoring.demo_data import generate_demo_data
from candidate_scoring.settings import PROJECT_DIR, PROJECT_ENTRIES, copy_project

__all__ = [
    "AS_OF_VARS",
    "COMPARED_MARTS",
    "DBT",
    "DEMO_CANDIDATES",
    "DEMO_EVENTS",
    "NIGHT_HISTORY",
    "NIGHT_HISTORY_VERSIONS",
    "NIGHT_INCREMENTAL_TABLES",
    "NIGHT_LOOKBACK_DAYS",
    "NIGHT_NODES",
    "NIGHT_VARS",
    "PROJECT_DIR",
    "PROJECT_ENTRIES",
    "TODAY",
    "Build",
    "DbtRun",
    "NextNight",
    "RecordingConnection",
    "build_project",
    "check_night_rows",
    "copy_project",
    "night_rows_sql",
    "query",
    "run_dbt",
]

DBT = Path(sys.executable).parent / "dbt"
# Every build of the suite scores as of the day the data ends, so results can be compared.
TODAY = datetime.now(UTC).date()
AS_OF_VARS = f"{{as_of_date: '{TODAY.isoformat()}'}}"
# The marts every engine's build must reproduce, each with an order that makes rows comparable.
COMPARED_MARTS = {
    "scoring.candidate_scores": "candidate_id",
    "scoring.candidate_score_breakdown": "candidate_id, criterion",
    "scoring.recruiter_worklist": "priority_rank",
    "data_quality.rejected_raw_rows": "source_table, record_id, rejection_reason, rejected_value",
    "data_quality.rejected_raw_values": "source_table, record_id, column_name",
    "data_quality.raw_row_reconciliation": "source_table",
    "data_quality.unscored_event_types": "event_type",
    "evaluation.backtest_summary": "weight_set, outcome",
    "evaluation.backtest_metrics_by_date": "weight_set, outcome, as_of_date",
    "evaluation.backtest_tier_performance": "weight_set, outcome, score_tier",
    "evaluation.backtest_score_calibration": "weight_set, outcome, score_decile",
    "evaluation.criterion_information_value": "weight_set, outcome, criterion, matched_rule",
    "evaluation.backtest_candidate_scores": "weight_set, as_of_date, candidate_id",
    "exports.crm_candidate_scores": "candidate_id",
    "exports.crm_recruiter_worklist": "priority_rank",
    "exports.campaign_tier_changes": "candidate_id",
    "history.daily_tier_counts": "as_of_date, score_tier",
    "restricted.crm_candidate_contacts": "candidate_id",
}
DEMO_CANDIDATES = 5_000
DEMO_EVENTS = 100_000


# The same next night on every engine, for what keeps state from run to run: the incremental
# event and fit models and the score-history snapshot. The night brings new and re-sent raw
# events of the latest days, erasure requests and a corrected candidate version, and changes
# the scored states by hand (candidates no longer scored, others with 7 more points) rather
# than by rebuilding everything; then `dbt build --select NIGHT_NODES`. Each engine's result is
# compared with DuckDB's.
NIGHT_STATES = "intermediate.int_candidate_score_states"
NIGHT_NEXT_STATES = "intermediate.next_states"
NIGHT_CANDIDATES = "staging.base_recruitment__candidates"
NIGHT_NEXT_CANDIDATES = "staging.next_candidates"
NIGHT_HISTORY = "history.candidate_score_history"
# each incremental table, with the column holding the time of the run that wrote a row
NIGHT_INCREMENTAL_TABLES = {
    "staging.base_recruitment__engagement_events_loaded": "loaded_at",
    "intermediate.int_engagement_event_days_loaded": "counted_at",
    "intermediate.int_engagement_decay_sums": "summed_at",
    "intermediate.int_candidates_enriched": "enriched_at",
    "intermediate.int_candidate_attributes_unpivoted": "enriched_at",
    "intermediate.int_candidate_attributes_matched": "enriched_at",
    "intermediate.int_candidate_attributes_scored": "enriched_at",
    "intermediate.int_candidate_fit_criteria_combined": "written_at",
}
NIGHT_NODES = (
    "base_recruitment__engagement_events_loaded",
    "int_engagement_event_days_loaded",
    "int_engagement_decay_sums",
    "int_candidates_enriched",
    "int_candidate_attributes_unpivoted",
    "int_candidate_attributes_matched",
    "int_candidate_attributes_scored",
    "int_candidate_fit_criteria_combined",
    "candidate_score_history",
)
# The night's vars: a lookback one day shorter than the first build's, so that the night also
# settles a day into the engagement sums (appends to them), not only rewrites their recent days.
NIGHT_LOOKBACK_DAYS = 2
NIGHT_VARS = (
    f"{{as_of_date: '{TODAY.isoformat()}', late_event_lookback_days: {NIGHT_LOOKBACK_DAYS}}}"
)
# Columns an engine writes its own way, left out of the comparison: the md5s of the weights
# and of the fit configuration as the engine's driver prints them, and the time of the run
# that enriched a candidate where another time marks the rows a night wrote. Sums of decayed
# counts are compared to the ninth decimal (each engine's exp() may differ in a double's last
# bit).
NIGHT_ENGINE_COLUMNS = {"decay_configuration", "fit_configuration", "enriched_at"}
NIGHT_ROUNDED_COLUMNS = {"scaled_event_count"}
# The build times differ between engines: whether the night recorded or closed a version
# stands in for them.
NIGHT_HISTORY_VERSIONS = """
    select
        candidate_id, score_tier, tier_priority, total_score_points, weight_set, scored_as_of,
        dbt_valid_from = max(dbt_valid_from) over () as recorded_by_the_night,
        coalesce(dbt_valid_to = max(dbt_valid_from) over (), false) as closed_by_the_night,
        dbt_valid_to is null as is_current
    from {history}
    order by candidate_id, dbt_valid_from
"""


@dataclass
class NextNight:
    gone: list[str]  # candidates no longer scored
    rescored: list[str]  # candidates with 7 more points
    erased: list[str]  # candidates with a new erasure request: one rescored, one unchanged
    corrected: str  # a candidate whose company size is corrected (one more employee)
    candidate_columns: list[str]  # of NIGHT_CANDIDATES, in order

    @classmethod
    def of(cls, database: Path) -> NextNight:
        """The night's candidates, from a DuckDB warehouse built on the demo data."""
        ids = [
            candidate_id
            for (candidate_id,) in query(
                database, f"select candidate_id from {NIGHT_STATES} order by 1 limit 31"
            )
        ]
        [(corrected,)] = query(
            database,
            f"select min(candidate_id) from {NIGHT_CANDIDATES} where company_size is not null"
            f" and candidate_id > '{ids[-1]}'"
            f" and candidate_id in (select candidate_id from {NIGHT_STATES})",
        )
        columns = [
            name
            for (name,) in query(
                database,
                "select column_name from information_schema.columns where table_schema || '.'"
                f" || table_name = '{NIGHT_CANDIDATES}' order by ordinal_position",
            )
        ]
        return cls(ids[:10], ids[10:30], [ids[11], ids[30]], corrected, columns)

    def statements(self, spark: bool = False) -> list[str]:
        """The night, in SQL that DuckDB, PostgreSQL and Spark all run, but for the last
        steps: the next states and candidates replace the tables they were made from, by an
        overwrite on Spark (no delete there, and no overwrite of a table read)."""
        replaced = []
        for table, next_table in (
            (NIGHT_STATES, NIGHT_NEXT_STATES),
            (NIGHT_CANDIDATES, NIGHT_NEXT_CANDIDATES),
        ):
            replaced += (
                [f"insert overwrite table {table} select * from {next_table}"]
                if spark
                else [f"delete from {table}", f"insert into {table} select * from {next_table}"]
            )
            replaced.append(f"drop table {next_table}")
        return [*self._changes(), *replaced]

    def _changes(self) -> list[str]:
        # NULLs placed explicitly: each engine has its own default
        latest = (
            "select event_id from raw.engagement_events"
            " order by occurred_at desc nulls last, event_id nulls last"
        )
        return [
            # 40 new events of the latest days (inside the reload window), 5 re-sent ones
            "insert into raw.engagement_events (event_id, candidate_id, event_type,"
            " occurred_at, job_id, channel) select event_id || '-next', candidate_id,"
            " event_type, occurred_at, job_id, channel from raw.engagement_events"
            f" where event_id in ({latest} limit 40)",
            "insert into raw.engagement_events select * from raw.engagement_events"
            f" where event_id in ({latest} limit 5)",
            # a stand-in for new raw erasure requests, which the demo data has no table for
            "insert into staging.base_recruitment__erasure_requests select candidate_id,"
            " cast(null as varchar(255)), cast(null as timestamp), cast(null as varchar(255)),"
            f" cast(null as varchar(255)) from {NIGHT_STATES}"
            f" where candidate_id in ({_listed(self.erased)})",
            f"create table {NIGHT_NEXT_STATES} as select candidate_id, score_tier,"
            " tier_priority, total_score_points"
            f" + case when candidate_id in ({_listed(self.rescored)}) then 7 else 0 end"
            " as total_score_points, weight_set, scored_as_of"
            f" from {NIGHT_STATES} where candidate_id not in ({_listed(self.gone)})",
            # a stand-in for a corrected raw candidate row: the fit models redo that candidate
            f"create table {NIGHT_NEXT_CANDIDATES} as select "
            + ", ".join(
                f"case when candidate_id = '{self.corrected}' then company_size + 1"
                " else company_size end as company_size"
                if column == "company_size"
                else column
                for column in self.candidate_columns
            )
            + f" from {NIGHT_CANDIDATES}",
        ]

    def check_history(self, versions: list[tuple[Any, ...]]) -> None:
        """What NIGHT_HISTORY_VERSIONS must show: the erased have no row, the gone their one
        row closed, the rescored their old version closed and a new one with 7 more points,
        and nobody else a new version."""
        by_candidate: dict[str, list[tuple[Any, ...]]] = {}
        for row in versions:
            by_candidate.setdefault(row[0], []).append(row)
        assert not set(self.erased) & by_candidate.keys()
        for candidate_id in self.gone:
            [(*_, recorded, closed, current)] = by_candidate[candidate_id]
            assert (recorded, closed, current) == (False, True, False)
        rescored = set(self.rescored) - set(self.erased)
        for candidate_id in rescored:
            old, new = by_candidate[candidate_id]
            assert old[-3:] == (False, True, False)
            assert new[-3:] == (True, False, True)
            assert new[3] == old[3] + 7
        assert sum(row[-3] for row in versions) == len(rescored)


def night_rows_sql(database: Path, table: str, source: str | None = None) -> str:
    """The rows of an incremental table (read from source, default the table), each
    with whether the night wrote it, in place of the run's time (which differs by engine).
    Columns as DuckDB's warehouse (database) names them."""
    run_time = NIGHT_INCREMENTAL_TABLES[table]
    columns = [
        f"cast({name} as decimal(38, 9)) as {name}" if name in NIGHT_ROUNDED_COLUMNS else name
        for (name,) in query(
            database,
            "select column_name from information_schema.columns where table_schema || '.' ||"
            f" table_name = '{table}' order by ordinal_position",
        )
        if name != run_time and name not in NIGHT_ENGINE_COLUMNS
    ]
    return (
        f"select {', '.join(columns)}, {run_time} = max({run_time}) over ()"
        f" as is_from_the_night from {source or table}"
    )


def check_night_rows(actual: list[tuple[Any, ...]], expected: list[tuple[Any, ...]]) -> None:
    """An engine's rows of night_rows_sql equal DuckDB's (in any order), and hold rows
    of the first build as well as the night's: incremental, not rebuilt."""
    assert sorted(actual, key=repr) == sorted(expected, key=repr)
    assert {row[-1] for row in actual} == {True, False}


def _listed(candidate_ids: list[str]) -> str:
    return ", ".join(f"'{candidate_id}'" for candidate_id in candidate_ids)


@dataclass
class DbtRun:
    returncode: int
    output: str


def run_dbt(
    project_dir: Path,
    database: Path,
    *arguments: str,
    check: bool = True,
    environment: dict[str, str] | None = None,
) -> DbtRun:
    """Run dbt in project_dir against database, the way the Makefile does; environment: more
    variables (another engine's target)."""
    environment = {
        **os.environ,
        **(environment or {}),
        "CANDIDATE_SCORING_DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(project_dir),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    completed = subprocess.run(
        [str(DBT), "--no-use-colors", *arguments],
        cwd=project_dir,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    run = DbtRun(completed.returncode, completed.stdout + completed.stderr)
    if check and run.returncode != 0:
        pytest.fail(f"dbt {' '.join(arguments)} failed:\n{run.output[-6000:]}")
    return run


def query(database: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a query on a built database, opened read-only as a BI tool would."""
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


@dataclass
class Build:
    project_dir: Path
    database: Path
    output: str


def build_project(project_dir: Path, database: Path, candidates: int, events: int) -> Build:
    generate_demo_data(database, candidates=candidates, events=events, end_date=TODAY)
    run = run_dbt(project_dir, database, "build", "--vars", AS_OF_VARS)
    return Build(project_dir, database, run.output)


class RecordingConnection:
    """A DuckDB connection that keeps the text of every statement it executes."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        self.statements: list[str] = []

    def execute(self, query: str, parameters: object = None) -> duckdb.DuckDBPyConnection:
        self.statements.append(query)
        return self.connection.execute(query, parameters)
