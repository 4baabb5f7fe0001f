"""The same project on Apache Spark: dbt-spark's session method on a local PySpark warehouse in
a temporary folder, the demo's raw tables copied in, `dbt build` with the spark target, and
every mart equal to DuckDB's. Spark's tables are read back through Parquet with DuckDB.

`make test` installs dbt-spark and PySpark (requirements-spark.txt); Java 17 is the machine's."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from candidate_scoring import spark
from tests.helpers import (
    AS_OF_VARS,
    COMPARED_MARTS,
    NIGHT_HISTORY,
    NIGHT_HISTORY_VERSIONS,
    NIGHT_INCREMENTAL_TABLES,
    NIGHT_LOOKBACK_DAYS,
    NIGHT_NODES,
    NIGHT_VARS,
    TODAY,
    Build,
    NextNight,
    check_night_rows,
    copy_project,
    night_rows_sql,
    query,
    run_dbt,
)


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
    run_dbt(
        build.project_dir,
        demo_build.database,
        "build",
        "--vars",
        AS_OF_VARS,
        environment=spark.environment(build.spark_dir),
    )
    spark.export_tables(build.spark_dir, sorted(COMPARED_MARTS), build.marts)
    yield build


def _comparable(value: Any) -> Any:
    # points are decimal(12, 2) on every engine; floats only in intermediate arithmetic, where
    # exp() may differ in the last bit
    if isinstance(value, float):
        return round(value, 9)
    # Spark writes timestamps as instants; the project's are UTC
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _parquet(tables: Path, table: str) -> str:
    # a table Spark exported (spark.export_tables), for DuckDB to read
    return f"read_parquet('{tables / table}/*.parquet')"


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
    actual = _rows(
        None, f"select {columns} from {_parquet(spark_build.marts, mart)} order by {order}"
    )
    assert len(actual) == len(expected) > 0 or mart == "data_quality.rejected_raw_values"
    differing = [(a, e) for a, e in zip(actual, expected, strict=True) if a != e]
    assert not differing, differing[:3]


def test_points_are_decimals_on_spark(spark_build: SparkBuild) -> None:
    [(total,)] = _rows(
        None,
        f"select sum(total_score) from {_parquet(spark_build.marts, 'scoring.candidate_scores')}",
    )
    assert isinstance(total, Decimal)


# The tables partitioned by day on Spark, each with the SQL of the latest day its reload
# window counts back from (as the project's macros read it before a night).
DAY_PARTITIONED_TABLES = {
    "staging.base_recruitment__engagement_events_loaded": (
        "select cast(max(occurred_at) as date) from {table} where occurred_at <= loaded_at"
    ),
    "intermediate.int_engagement_event_days_loaded": "select max(occurred_on) from {table}",
}
NULL_DAY = "__HIVE_DEFAULT_PARTITION__"
EVENT_LOG = "base_recruitment__engagement_events_loaded"


@dataclass
class SparkNight:
    tables: Path  # the Parquet folder of the history and each incremental table after the night
    day_files_before: dict[str, dict[str, frozenset[str]]]  # of DAY_PARTITIONED_TABLES
    day_files_after: dict[str, dict[str, frozenset[str]]]
    event_log_sql: str  # the SQL the night ran for the event log
    tables_left: frozenset[str]  # the tables of the staging schema after the night


def _day_files(spark_dir: Path, table: str) -> dict[str, frozenset[str]]:
    """The Parquet files of each day partition of a table in the Spark warehouse."""
    schema, name = table.split(".")
    folder = spark_dir / "warehouse" / f"{schema}.db" / name
    return {
        partition.name.removeprefix("occurred_on="): frozenset(
            data.name for data in partition.glob("part-*")
        )
        for partition in folder.glob("occurred_on=*")
    }


def _staging_tables(spark_dir: Path) -> frozenset[str]:
    """The tables of the staging schema in the Spark warehouse, from its folders."""
    return frozenset(folder.name for folder in (spark_dir / "warehouse" / "staging.db").iterdir())


@pytest.fixture(scope="module")
def spark_after_next_night(
    demo_build: Build,
    spark_build: SparkBuild,
    next_night: NextNight,
    tmp_path_factory: pytest.TempPathFactory,
) -> SparkNight:
    """Spark's history and incremental tables after the same next night as DuckDB's
    (tests/helpers.py), where the project's rewrites replace dbt's statements, and the files of
    the day-partitioned tables before and after it. It changes the Spark warehouse: the marts
    the other tests compare were exported before."""
    before = {table: _day_files(spark_build.spark_dir, table) for table in DAY_PARTITIONED_TABLES}
    spark.run_sql(spark_build.spark_dir, next_night.statements(spark=True))
    run_dbt(
        spark_build.project_dir,
        demo_build.database,
        "build",
        "--select",
        *NIGHT_NODES,
        "--vars",
        NIGHT_VARS,
        environment=spark.environment(spark_build.spark_dir),
    )
    tables = tmp_path_factory.mktemp("next_night_spark")
    spark.export_tables(spark_build.spark_dir, [NIGHT_HISTORY, *NIGHT_INCREMENTAL_TABLES], tables)
    after = {table: _day_files(spark_build.spark_dir, table) for table in DAY_PARTITIONED_TABLES}
    compiled = spark_build.project_dir / "target" / "compiled" / "candidate_scoring" / "models"
    event_log_sql = (compiled / "staging" / "recruitment" / "base" / f"{EVENT_LOG}.sql").read_text()
    return SparkNight(tables, before, after, event_log_sql, _staging_tables(spark_build.spark_dir))


def test_spark_s_snapshot_records_the_versions_dbt_s_merge_records(
    next_night: NextNight, duckdb_after_next_night: Path, spark_after_next_night: SparkNight
) -> None:
    expected = _rows(duckdb_after_next_night, NIGHT_HISTORY_VERSIONS.format(history=NIGHT_HISTORY))
    actual = _rows(
        None,
        NIGHT_HISTORY_VERSIONS.format(
            history=_parquet(spark_after_next_night.tables, NIGHT_HISTORY)
        ),
    )
    assert actual == expected
    next_night.check_history(actual)


@pytest.mark.parametrize("table", sorted(NIGHT_INCREMENTAL_TABLES))
def test_spark_s_incremental_models_load_the_night_as_duckdb_s(
    duckdb_after_next_night: Path, spark_after_next_night: SparkNight, table: str
) -> None:
    expected = _rows(duckdb_after_next_night, night_rows_sql(duckdb_after_next_night, table))
    actual = _rows(
        None,
        night_rows_sql(
            duckdb_after_next_night, table, _parquet(spark_after_next_night.tables, table)
        ),
    )
    check_night_rows(actual, expected)


@pytest.mark.parametrize("table", sorted(DAY_PARTITIONED_TABLES))
def test_spark_s_night_writes_only_the_days_it_reloads_and_those_of_the_erased(
    demo_build: Build, next_night: NextNight, spark_after_next_night: SparkNight, table: str
) -> None:
    # the reload window and the erased candidates' days, from DuckDB's warehouse before the
    # night (the same data as Spark's)
    [(latest,)] = query(demo_build.database, DAY_PARTITIONED_TABLES[table].format(table=table))
    reload_from = (latest - timedelta(days=NIGHT_LOOKBACK_DAYS)).isoformat()
    erased_ids = ", ".join(f"'{candidate_id}'" for candidate_id in next_night.erased)
    erased_days = {
        day.isoformat()
        for (day,) in query(
            demo_build.database,
            f"select distinct occurred_on from {table} where candidate_id in ({erased_ids})",
        )
    }
    before = spark_after_next_night.day_files_before[table]
    after = spark_after_next_night.day_files_after[table]
    days = before.keys() | after.keys()
    reloaded = {day for day in days if day == NULL_DAY or day >= reload_from}
    written = {day for day in days if before.get(day) != after.get(day)}
    # the erasure rewrote days outside the window, and most days were left as they were
    assert erased_days - reloaded
    assert written == reloaded | erased_days
    assert len(days - written) > len(written)


def test_spark_s_night_parses_the_raw_log_once_to_find_the_days_it_reloads(
    spark_after_next_night: SparkNight,
) -> None:
    # the event log read the raw rows of the reloaded days from the table its pre-hook wrote
    # (not the raw log, whose every time each read parsed), and its post-hook dropped it
    raw_to_reload = f"{EVENT_LOG}__raw_to_reload"
    assert f"staging.{raw_to_reload}" in spark_after_next_night.event_log_sql
    assert "raw.engagement_events" not in spark_after_next_night.event_log_sql
    assert EVENT_LOG in spark_after_next_night.tables_left
    assert raw_to_reload not in spark_after_next_night.tables_left


# Last in this module: it changes the raw log of the Spark warehouse the tests above read.
def test_spark_s_event_log_reloads_every_event_after_a_change_older_than_the_lookback(
    demo_build: Build,
    spark_build: SparkBuild,
    spark_after_next_night: SparkNight,
    tmp_path: Path,
) -> None:
    # one raw event of more than a year ago leaves the extract (an id sent once, as staging
    # spells it)
    [(gone,)] = query(
        demo_build.database,
        f"select event_id from raw.engagement_events where event_id in (select event_id from"
        f" staging.{EVENT_LOG} where occurred_on < date '{TODAY - timedelta(days=400)}')"
        " group by event_id having count(*) = 1 order by event_id limit 1",
    )
    spark.run_sql(
        spark_build.spark_dir,
        [
            "create table raw.kept_events as select * from raw.engagement_events"
            f" where event_id is null or event_id <> '{gone}'",
            "insert overwrite table raw.engagement_events select * from raw.kept_events",
            "drop table raw.kept_events",
        ],
    )
    run = run_dbt(
        spark_build.project_dir,
        demo_build.database,
        "run",
        "--select",
        EVENT_LOG,
        "--vars",
        NIGHT_VARS,
        environment=spark.environment(spark_build.spark_dir),
    )
    assert "older than late_event_lookback_days): reloading every event" in run.output
    spark.export_tables(
        spark_build.spark_dir, ["raw.engagement_events", f"staging.{EVENT_LOG}"], tmp_path
    )
    [(raw_rows, loaded_rows, still_loaded)] = _rows(
        None,
        f"select (select count(*) from {_parquet(tmp_path, 'raw.engagement_events')}),"
        f" (select count(*) from {_parquet(tmp_path, f'staging.{EVENT_LOG}')}),"
        f" (select count(*) from {_parquet(tmp_path, f'staging.{EVENT_LOG}')}"
        f" where event_id = '{gone}')",
    )
    # every raw row is a row of the log again (used, rejected or an erased trace), the gone
    # event is not, and the table of the rows to load was dropped
    assert loaded_rows == raw_rows
    assert still_loaded == 0
    assert f"{EVENT_LOG}__raw_to_reload" not in _staging_tables(spark_build.spark_dir)


def test_spark_runs_in_a_temporary_warehouse_only() -> None:
    # nothing of Spark's (metastore_db, spark-warehouse, derby.log) is left in the project
    leftovers = {"metastore_db", "spark-warehouse", "derby.log"} & set(os.listdir(Path.cwd()))
    assert not leftovers, leftovers
