"""The same project on Apache Spark: dbt-spark's session method on a local PySpark warehouse in
a temporary folder, the demo's raw tables copied in, `dbt build` with the spark target, and
every mart equal to DuckDB's. Spark's tables are read back through Parquet with DuckDB.

`make test` installs dbt-spark and PySpark (requirements-spark.txt); Java 17 is the machine's."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from candidate_scoring import spark
from tests.helpers import AS_OF_VARS, COMPARED_MARTS, Build, copy_project, query, run_dbt

HISTORY = "history.candidate_score_history"
STATES = "intermediate.int_candidate_score_states"


@dataclass
class SparkBuild:
    project_dir: Path
    spark_dir: Path
    marts: Path  # the Parquet folder of each compared mart (schema.name)


@pytest.fixture(scope="module")
def spark_build(
    demo_build: Build, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SparkBuild]:
    """The demo data built on Spark, its compared marts exported."""
    if importlib.util.find_spec("dbt.adapters.spark") is None or not shutil.which("java"):
        pytest.fail("dbt-spark or Java is missing: make test installs requirements-spark.txt")
    root = tmp_path_factory.mktemp("spark")
    build = SparkBuild(copy_project(root / "project"), root / "warehouse", root / "marts")
    spark.copy_raw_tables(demo_build.database, build.spark_dir)
    with _spark_target(build):
        run_dbt(build.project_dir, demo_build.database, "build", "--vars", AS_OF_VARS)
    spark.export_tables(build.spark_dir, sorted(COMPARED_MARTS), build.marts)
    yield build


@contextmanager
def _spark_target(build: SparkBuild) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in spark.environment(build.spark_dir).items():
            patch.setenv(name, value)
        yield


def _comparable(value: Any) -> Any:
    # points are decimal(12, 2) on every engine; floats only in intermediate arithmetic, where
    # exp() may differ in the last bit
    if isinstance(value, float):
        return round(value, 9)
    # Spark writes timestamps as instants; the project's are UTC
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _rows(database: Path | None, sql: str) -> list[tuple[Any, ...]]:
    if database is not None:
        rows = query(database, sql)
    else:
        with duckdb.connect() as connection:
            connection.execute("set TimeZone = 'UTC'")
            rows = connection.execute(sql).fetchall()
    return [tuple(_comparable(value) for value in row) for row in rows]


@pytest.mark.parametrize("mart", sorted(COMPARED_MARTS))
def test_spark_builds_every_mart_equal_to_duckdb(
    demo_build: Build, spark_build: SparkBuild, mart: str
) -> None:
    order = COMPARED_MARTS[mart]
    expected = _rows(demo_build.database, f"select * from {mart} order by {order}")
    columns = ", ".join(
        name
        for (name,) in query(
            demo_build.database,
            "select column_name from information_schema.columns where table_schema || '.' || "
            f"table_name = '{mart}' order by ordinal_position",
        )
    )
    parquet = spark_build.marts / mart / "*.parquet"
    actual = _rows(None, f"select {columns} from read_parquet('{parquet}') order by {order}")
    assert len(actual) == len(expected) > 0 or mart == "data_quality.rejected_raw_values"
    differing = [(a, e) for a, e in zip(actual, expected, strict=True) if a != e]
    assert not differing, differing[:3]


def test_points_are_decimals_on_spark(spark_build: SparkBuild) -> None:
    [(total,)] = _rows(
        None,
        "select sum(total_score) from "
        f"read_parquet('{spark_build.marts / 'scoring.candidate_scores'}/*.parquet')",
    )
    assert isinstance(total, Decimal)


EVENTS_LOADED = "staging.base_recruitment__engagement_events_loaded"
EVENT_DAYS = "intermediate.int_engagement_event_days_loaded"
ERASURE_REQUESTS = "staging.base_recruitment__erasure_requests"
NEXT_NIGHT_NODES = (
    "base_recruitment__engagement_events_loaded",
    "int_engagement_event_days_loaded",
)


@dataclass
class NextNight:
    duckdb: Path  # DuckDB's warehouse after the night
    spark_tables: Path  # Spark's tables after it, as Parquet folders (schema.name)
    gone: list[str]  # candidates no longer scored
    rescored: list[str]  # candidates with 7 more points
    erased: list[str]  # candidates with a new erasure request


def _listed(candidate_ids: list[str]) -> str:
    return ", ".join(f"'{candidate_id}'" for candidate_id in candidate_ids)


@pytest.fixture(scope="module")
def next_night(
    demo_build: Build, spark_build: SparkBuild, tmp_path_factory: pytest.TempPathFactory
) -> NextNight:
    """The same next night on both engines, for what keeps state across runs: the incremental
    event models and the score-history snapshot. New and re-sent raw events of the latest
    days, erasure requests, and scored states changed by hand (10 candidates no longer
    scored, 20 with 7 more points) rather than by a whole rebuild on Spark. DuckDB runs dbt's
    own incremental and snapshot statements, Spark the project's rewrites. It changes the
    Spark warehouse: the marts the other tests compare were exported before."""
    root = tmp_path_factory.mktemp("next_night")
    ids = [
        candidate_id
        for (candidate_id,) in query(
            demo_build.database, f"select candidate_id from {STATES} order by 1 limit 31"
        )
    ]
    night = NextNight(root / "warehouse.duckdb", root / "spark", ids[:10], ids[10:30], [])
    night.erased = [ids[11], ids[30]]  # one rescored, one unchanged
    latest_events = (
        "select event_id from raw.engagement_events order by occurred_at desc, event_id limit"
    )
    changes = [
        # 40 new events of the latest days (in the reload window), 5 re-sent ones
        "insert into raw.engagement_events (event_id, candidate_id, event_type, occurred_at,"
        " job_id, channel) select event_id || '-next', candidate_id, event_type,"
        " occurred_at, job_id, channel from raw.engagement_events"
        f" where event_id in ({latest_events} 40)",
        "insert into raw.engagement_events select * from raw.engagement_events"
        f" where event_id in ({latest_events} 5)",
        f"insert into {ERASURE_REQUESTS} select candidate_id, cast(null as string),"
        " cast(null as timestamp), cast(null as string), cast(null as string)"
        f" from {STATES} where candidate_id in ({_listed(night.erased)})",
        "create table intermediate.next_states as select candidate_id, score_tier,"
        " tier_priority, total_score_points"
        f" + case when candidate_id in ({_listed(night.rescored)}) then 7 else 0 end"
        " as total_score_points, weight_set, scored_as_of"
        f" from {STATES} where candidate_id not in ({_listed(night.gone)})",
    ]
    nodes = ("--select", *NEXT_NIGHT_NODES, "candidate_score_history")

    shutil.copy(demo_build.database, night.duckdb)
    with duckdb.connect(str(night.duckdb)) as connection:
        for statement in (
            *changes,
            f"create or replace table {STATES} as select * from intermediate.next_states",
            "drop table intermediate.next_states",
        ):
            connection.execute(statement)
    run_dbt(spark_build.project_dir, night.duckdb, "build", *nodes, "--vars", AS_OF_VARS)

    spark.run_sql(
        spark_build.spark_dir,
        [
            *changes,
            f"insert overwrite table {STATES} select * from intermediate.next_states",
            "drop table intermediate.next_states",
        ],
    )
    with _spark_target(spark_build):
        run_dbt(spark_build.project_dir, demo_build.database, "build", *nodes, "--vars", AS_OF_VARS)
    spark.export_tables(
        spark_build.spark_dir, [HISTORY, EVENTS_LOADED, EVENT_DAYS], night.spark_tables
    )
    return night


def _spark_table(night: NextNight, table: str) -> str:
    return f"read_parquet('{night.spark_tables / table}/*.parquet')"


# What both engines' history must agree on after the night. The build times differ between
# engines: whether the night recorded or closed a version stands in for them.
HISTORY_VERSIONS = """
    select
        candidate_id, score_tier, tier_priority, total_score_points, weight_set, scored_as_of,
        dbt_valid_from = max(dbt_valid_from) over () as recorded_by_the_night,
        coalesce(dbt_valid_to = max(dbt_valid_from) over (), false) as closed_by_the_night,
        dbt_valid_to is null as is_current
    from {history}
    order by candidate_id, dbt_valid_from
"""


def test_spark_s_snapshot_records_the_versions_dbt_s_merge_records(
    next_night: NextNight,
) -> None:
    expected = _rows(next_night.duckdb, HISTORY_VERSIONS.format(history=HISTORY))
    actual = _rows(None, HISTORY_VERSIONS.format(history=_spark_table(next_night, HISTORY)))
    assert actual == expected
    # and what that is: the erased have no row, the gone their one row closed, the rescored
    # their old version closed and a new one with 7 more points
    versions: dict[str, list[tuple[Any, ...]]] = {}
    for row in actual:
        versions.setdefault(row[0], []).append(row)
    assert not set(next_night.erased) & versions.keys()
    for candidate_id in next_night.gone:
        [(*_, recorded, closed, current)] = versions[candidate_id]
        assert (recorded, closed, current) == (False, True, False)
    rescored = set(next_night.rescored) - set(next_night.erased)
    for candidate_id in rescored:
        old, new = versions[candidate_id]
        assert old[-3:] == (False, True, False)
        assert new[-3:] == (True, False, True)
        assert new[3] == old[3] + 7
    assert sum(row[-3] for row in actual) == len(rescored)


@pytest.mark.parametrize(
    ("table", "run_time"), [(EVENTS_LOADED, "loaded_at"), (EVENT_DAYS, "counted_at")]
)
def test_spark_s_incremental_event_models_load_the_night_as_duckdb_s(
    next_night: NextNight, table: str, run_time: str
) -> None:
    # every row equal but the run's time; which run wrote a row stands in for it
    comparable = (
        f"select * exclude ({run_time}),"
        f" {run_time} = max({run_time}) over () as is_from_the_night from {{table}}"
    )
    expected = sorted(_rows(next_night.duckdb, comparable.format(table=table)), key=repr)
    actual = sorted(_rows(None, comparable.format(table=_spark_table(next_night, table))), key=repr)
    assert actual == expected
    # incremental, not rebuilt: rows of the first build are kept and the night added some
    assert {row[-1] for row in actual} == {True, False}


def test_spark_runs_in_a_temporary_warehouse_only() -> None:
    # nothing of Spark's (metastore_db, spark-warehouse, derby.log) is left in the project
    leftovers = {"metastore_db", "spark-warehouse", "derby.log"} & set(os.listdir(Path.cwd()))
    assert not leftovers, leftovers
