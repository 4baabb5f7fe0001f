"""The same project on PostgreSQL: a throwaway server from the OS packages, the demo's raw
tables copied in, `dbt build` with the postgres target, and every mart equal to DuckDB's; then
the same next night as DuckDB's, with equal history and incremental tables."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from candidate_scoring import postgres
from tests.helpers import (
    AS_OF_VARS,
    COMPARED_MARTS,
    NIGHT_HISTORY,
    NIGHT_HISTORY_VERSIONS,
    NIGHT_INCREMENTAL_TABLES,
    NIGHT_NODES,
    NIGHT_VARS,
    Build,
    NextNight,
    check_night_rows,
    copy_project,
    night_rows_sql,
    query,
    run_dbt,
)


@pytest.fixture(scope="module")
def postgres_build(
    demo_build: Build, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[postgres.PostgresServer, Path]]:
    if not shutil.which("runuser") or not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        pytest.fail("PostgreSQL server binaries are missing: make setup installs them")
    project_dir = copy_project(tmp_path_factory.mktemp("postgres") / "project")
    with postgres.running_server() as server:
        postgres.copy_raw_tables(demo_build.database, server)
        run_dbt(
            project_dir,
            demo_build.database,
            "build",
            "--vars",
            AS_OF_VARS,
            environment=server.environment(),
        )
        yield server, project_dir


def _postgres_rows(server: postgres.PostgresServer, sql: str) -> list[tuple[Any, ...]]:
    import psycopg2

    with psycopg2.connect(server.dsn()) as connection, connection.cursor() as cursor:
        cursor.execute(sql)
        return [tuple(_comparable(value) for value in row) for row in cursor.fetchall()]


def _comparable(value: Any) -> Any:
    # both engines store points as decimal(12, 2); floats only in intermediate arithmetic
    if isinstance(value, float):
        return round(value, 9)
    return value


@pytest.mark.parametrize("mart", sorted(COMPARED_MARTS))
def test_postgres_builds_every_mart_equal_to_duckdb(
    demo_build: Build, postgres_build: tuple[postgres.PostgresServer, Path], mart: str
) -> None:
    server, _ = postgres_build
    order = COMPARED_MARTS[mart]
    expected = [
        tuple(_comparable(value) for value in row)
        for row in query(demo_build.database, f"select * from {mart} order by {order}")
    ]
    actual = _postgres_rows(server, f"select * from {mart} order by {order}")
    assert len(actual) == len(expected) > 0 or mart == "data_quality.rejected_raw_values"
    differing = [(a, e) for a, e in zip(actual, expected, strict=True) if a != e]
    assert not differing, differing[:3]


def test_points_are_decimals_on_both_engines(
    postgres_build: tuple[postgres.PostgresServer, Path],
) -> None:
    server, _ = postgres_build
    [(total,)] = _postgres_rows(server, "select sum(total_score) from scoring.candidate_scores")
    assert isinstance(total, Decimal)


@pytest.fixture(scope="module")
def postgres_after_next_night(
    demo_build: Build,
    postgres_build: tuple[postgres.PostgresServer, Path],
    next_night: NextNight,
) -> postgres.PostgresServer:
    """The Postgres warehouse after the same next night as DuckDB's (tests/helpers.py)."""
    import psycopg2

    server, project_dir = postgres_build
    with psycopg2.connect(server.dsn()) as connection, connection.cursor() as cursor:
        for statement in next_night.statements():
            cursor.execute(statement)
    run_dbt(
        project_dir,
        demo_build.database,
        "build",
        "--select",
        *NIGHT_NODES,
        "--vars",
        NIGHT_VARS,
        environment=server.environment(),
    )
    return server


def test_postgres_history_records_the_night_as_duckdb_s(
    next_night: NextNight,
    duckdb_after_next_night: Path,
    postgres_after_next_night: postgres.PostgresServer,
) -> None:
    sql = NIGHT_HISTORY_VERSIONS.format(history=NIGHT_HISTORY)
    expected = [
        tuple(_comparable(value) for value in row) for row in query(duckdb_after_next_night, sql)
    ]
    actual = _postgres_rows(postgres_after_next_night, sql)
    assert actual == expected
    next_night.check_history(actual)


@pytest.mark.parametrize("table", sorted(NIGHT_INCREMENTAL_TABLES))
def test_postgres_incremental_models_load_the_night_as_duckdb_s(
    duckdb_after_next_night: Path, postgres_after_next_night: postgres.PostgresServer, table: str
) -> None:
    sql = night_rows_sql(duckdb_after_next_night, table)
    expected = [
        tuple(_comparable(value) for value in row) for row in query(duckdb_after_next_night, sql)
    ]
    check_night_rows(_postgres_rows(postgres_after_next_night, sql), expected)
