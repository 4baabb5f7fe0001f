"""The project on Apache Spark: a local PySpark warehouse, the raw tables copied into it, its
tables written out as Parquet for comparison, and SQL run on it (to look at the tables).

profiles.yml's `spark` target runs dbt-spark's session method: dbt starts Spark in its own
process, with its warehouse and its (Derby) metastore in $CANDIDATE_SCORING_SPARK_DIR. Derby
lets one process at a time open the metastore, so the raw tables are loaded by a separate
process (`python -m candidate_scoring.spark load`) that ends before dbt starts.

The raw tables go through Parquet: DuckDB writes its timestamps without a zone, which Spark
reads as timestamp_ntz; they are cast back to timestamps (the session's zone is UTC).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import duckdb

SPARK_DIR_ENV_VAR = "CANDIDATE_SCORING_SPARK_DIR"
RAW_TABLES = ("candidates", "engagement_events", "placements", "recruiter_feedback")


def environment(spark_dir: Path) -> dict[str, str]:
    """What profiles.yml's spark target reads."""
    return {"CANDIDATE_SCORING_TARGET": "spark", SPARK_DIR_ENV_VAR: str(spark_dir)}


def _session(spark_dir: Path) -> Any:
    # profiles.yml's spark target, from the same environment variables
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(os.environ.get("CANDIDATE_SCORING_SPARK_MASTER", "local[2]"))
        .enableHiveSupport()
        .config(
            "spark.driver.memory", os.environ.get("CANDIDATE_SCORING_SPARK_DRIVER_MEMORY", "3g")
        )
        .config("spark.sql.warehouse.dir", str(spark_dir / "warehouse"))
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={spark_dir}/metastore_db;create=true",
        )
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={spark_dir}")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )


def _load(duckdb_path: Path, spark_dir: Path, schema: str) -> None:
    spark = _session(spark_dir)
    spark.sql(f"create database if not exists {schema}")
    with (
        duckdb.connect(str(duckdb_path), read_only=True) as source,
        tempfile.TemporaryDirectory(prefix="candidate-scoring-parquet-") as folder,
    ):
        for table in RAW_TABLES:
            parquet = Path(folder) / f"{table}.parquet"
            source.execute(f"copy (select * from {schema}.{table}) to '{parquet}' (format parquet)")
            frame = spark.read.parquet(str(parquet))
            frame = frame.select(
                *(
                    frame[name].cast("timestamp").alias(name)
                    if kind == "timestamp_ntz"
                    else frame[name]
                    for name, kind in frame.dtypes
                )
            )
            frame.write.mode("overwrite").saveAsTable(f"{schema}.{table}")
    spark.stop()


def _export(spark_dir: Path, tables: list[str], out_dir: Path) -> None:
    spark = _session(spark_dir)
    for table in tables:
        spark.table(table).write.mode("overwrite").parquet(str(out_dir / table))
    spark.stop()


def _sql(spark_dir: Path, statements: list[str]) -> None:
    spark = _session(spark_dir)
    for statement in statements:
        for row in spark.sql(statement).collect():
            print("\t".join("" if value is None else str(value) for value in row))
    spark.stop()


def _run_in_own_process(*arguments: str) -> None:
    # Spark's JVM, and with it the metastore's lock, ends with the process (module docstring)
    subprocess.run(
        [sys.executable, "-m", "candidate_scoring.spark", *arguments],
        check=True,
        env={**os.environ, "PYSPARK_PYTHON": sys.executable},
    )


def export_tables(spark_dir: Path, tables: list[str], out_dir: Path) -> None:
    """Write tables of the Spark warehouse (schema.name) as Parquet folders out_dir/schema.name,
    for readers outside Spark (DuckDB reads them), in a process of its own."""
    _run_in_own_process("export", "--spark-dir", str(spark_dir), "--out-dir", str(out_dir), *tables)


def copy_raw_tables(duckdb_path: Path, spark_dir: Path, schema: str = "raw") -> None:
    """Copy the raw tables of a DuckDB warehouse into database `schema` of the Spark warehouse
    in spark_dir, in a process of its own (see the module's docstring)."""
    _run_in_own_process(
        "load", "--duckdb", str(duckdb_path), "--spark-dir", str(spark_dir), "--schema", schema
    )


def run_sql(spark_dir: Path, statements: list[str]) -> None:
    """Run SQL statements, in order, on the Spark warehouse in spark_dir, in a process of its
    own; the rows a statement returns are printed tab-separated."""
    _run_in_own_process("sql", "--spark-dir", str(spark_dir), *statements)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m candidate_scoring.spark",
        description="The local Spark warehouse: load raw tables, export tables, run SQL.",
    )
    warehouse = argparse.ArgumentParser(add_help=False)
    warehouse.add_argument(
        "--spark-dir",
        type=Path,
        default=Path(os.environ.get(SPARK_DIR_ENV_VAR, "data/spark")),
        help=f"the Spark warehouse and metastore (default: ${SPARK_DIR_ENV_VAR} or data/spark)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", parents=[warehouse], help="copy the raw tables")
    load.add_argument("--duckdb", type=Path, required=True)
    load.add_argument("--schema", default="raw")
    export = commands.add_parser(
        "export", parents=[warehouse], help="write tables as Parquet folders"
    )
    export.add_argument("--out-dir", type=Path, required=True)
    export.add_argument("tables", nargs="+", help="schema.name of each table")
    sql = commands.add_parser(
        "sql", parents=[warehouse], help="run SQL statements, printing the rows they return"
    )
    sql.add_argument("statements", nargs="+")
    arguments = parser.parse_args(argv)
    if arguments.command == "load":
        _load(arguments.duckdb, arguments.spark_dir.resolve(), arguments.schema)
    elif arguments.command == "export":
        _export(arguments.spark_dir.resolve(), arguments.tables, arguments.out_dir.resolve())
    else:
        _sql(arguments.spark_dir.resolve(), arguments.statements)
    return 0


if __name__ == "__main__":
    sys.exit(main())
