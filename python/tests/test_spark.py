"""The same project on Apache Spark: dbt-spark's session method on a local PySpark warehouse in
a temporary folder, the demo's raw tables copied in, `dbt build` with the spark target, and
every mart equal to DuckDB's. Spark's tables are read back through Parquet with DuckDB.

`make test` installs dbt-spark and PySpark (requirements-spark.txt); Java 17 is the machine's."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from candidate_scoring import spark
from tests.helpers import AS_OF_VARS, COMPARED_MARTS, Build, copy_project, query, run_dbt

# The score history is a snapshot, which merges into its table: dbt-spark's Parquet tables
# cannot, so on Spark the history and what reads it are left out (dbt_project.yml).
WITHOUT_HISTORY = {"exports.campaign_tier_changes", "history.daily_tier_counts"}
SPARK_MARTS = {mart: order for mart, order in COMPARED_MARTS.items() if mart not in WITHOUT_HISTORY}


@pytest.fixture(scope="module")
def spark_build(demo_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The Parquet folders of Spark's marts, one per mart (schema.name)."""
    if importlib.util.find_spec("dbt.adapters.spark") is None or not shutil.which("java"):
        pytest.fail("dbt-spark or Java is missing: make test installs requirements-spark.txt")
    root = tmp_path_factory.mktemp("spark")
    project_dir = copy_project(root / "project")
    spark_dir = root / "warehouse"
    spark.copy_raw_tables(demo_build.database, spark_dir)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in spark.environment(spark_dir).items():
            patch.setenv(name, value)
        run_dbt(project_dir, demo_build.database, "build", "--vars", AS_OF_VARS)
    spark.export_tables(spark_dir, sorted(SPARK_MARTS), root / "marts")
    yield root / "marts"


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


@pytest.mark.parametrize("mart", sorted(SPARK_MARTS))
def test_spark_builds_every_mart_equal_to_duckdb(
    demo_build: Build, spark_build: Path, mart: str
) -> None:
    order = SPARK_MARTS[mart]
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
        None,
        f"select {columns} from read_parquet('{spark_build / mart}/*.parquet') order by {order}",
    )
    assert len(actual) == len(expected) > 0 or mart == "data_quality.rejected_raw_values"
    differing = [(a, e) for a, e in zip(actual, expected, strict=True) if a != e]
    assert not differing, differing[:3]


def test_points_are_decimals_on_spark(spark_build: Path) -> None:
    [(total,)] = _rows(
        None,
        "select sum(total_score) from "
        f"read_parquet('{spark_build / 'scoring.candidate_scores'}/*.parquet')",
    )
    assert isinstance(total, Decimal)


def test_spark_runs_in_a_temporary_warehouse_only() -> None:
    # nothing of Spark's (metastore_db, spark-warehouse, derby.log) is left in the project
    leftovers = {"metastore_db", "spark-warehouse", "derby.log"} & set(os.listdir(Path.cwd()))
    assert not leftovers, leftovers
