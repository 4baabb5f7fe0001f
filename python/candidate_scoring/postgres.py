"""A throwaway PostgreSQL server for running the project on Postgres, from the OS packages.

`initdb` and `pg_ctl` in a temporary folder, listening on 127.0.0.1 only, on a free port; as
root (CI) they run as the `postgres` user, since initdb refuses root. Stopping removes the
folder. The demo's raw tables are copied in with COPY, so both engines score the same rows.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

DATABASE = "candidate_scoring"
USER = "candidate_scoring"
RAW_TABLES = ("candidates", "engagement_events", "placements", "recruiter_feedback")
# DuckDB type names and the Postgres types they load as
POSTGRES_TYPES = {
    "VARCHAR": "text",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "DOUBLE": "double precision",
    "BOOLEAN": "boolean",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "DATE": "date",
}


@dataclass(frozen=True)
class PostgresServer:
    data_dir: Path
    port: int

    def environment(self) -> dict[str, str]:
        """What profiles.yml's postgres target reads."""
        return {
            "CANDIDATE_SCORING_TARGET": "postgres",
            "CANDIDATE_SCORING_POSTGRES_HOST": "127.0.0.1",
            "CANDIDATE_SCORING_POSTGRES_PORT": str(self.port),
            "CANDIDATE_SCORING_POSTGRES_USER": USER,
            "CANDIDATE_SCORING_POSTGRES_PASSWORD": "",
            "CANDIDATE_SCORING_POSTGRES_DATABASE": DATABASE,
        }

    def dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} user={USER} dbname={DATABASE}"


def _binaries() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not versions:
        raise RuntimeError(
            "PostgreSQL is not installed: apt-get install postgresql (the server binaries "
            "initdb and pg_ctl are needed; nothing is started as a service)"
        )
    return versions[-1].parent


def _as_postgres_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start() -> PostgresServer:
    """Create, start and open a new server; the caller stops it with stop()."""
    binaries = _binaries()
    data_dir = Path(tempfile.mkdtemp(prefix="candidate-scoring-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(data_dir, "postgres", "postgres")
    cluster = data_dir / "cluster"
    port = _free_port()
    subprocess.run(
        _as_postgres_user(
            [
                str(binaries / "initdb"),
                "-D",
                str(cluster),
                "--auth=trust",
                "--locale=C.UTF-8",
                "--encoding=UTF8",
                "-U",
                "postgres",
            ]
        ),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_postgres_user(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(cluster),
                "-l",
                str(data_dir / "server.log"),
                "-o",
                f"-h 127.0.0.1 -p {port} -k {data_dir} -c timezone=UTC",
                "-w",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    server = PostgresServer(data_dir, port)
    for statement in (
        f"create role {USER} login superuser",
        f"create database {DATABASE} owner {USER}",
    ):
        subprocess.run(
            [
                str(binaries / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                statement,
            ],
            check=True,
            capture_output=True,
        )
    return server


def stop(server: PostgresServer) -> None:
    """Stop the server and remove its folder; safe to call twice."""
    cluster = server.data_dir / "cluster"
    if cluster.exists():
        subprocess.run(
            _as_postgres_user(
                [str(_binaries() / "pg_ctl"), "-D", str(cluster), "-m", "fast", "-w", "stop"]
            ),
            check=False,
            capture_output=True,
        )
    shutil.rmtree(server.data_dir, ignore_errors=True)


@contextmanager
def running_server() -> Iterator[PostgresServer]:
    server = start()
    try:
        yield server
    finally:
        stop(server)


def copy_raw_tables(duckdb_path: Path, server: PostgresServer, schema: str = "raw") -> None:
    """Copy the raw tables of a DuckDB warehouse into schema `schema` of the server."""
    import psycopg2  # imported late: only the Postgres runs need it

    with (
        duckdb.connect(str(duckdb_path), read_only=True) as source,
        psycopg2.connect(server.dsn()) as target,
        target.cursor() as cursor,
    ):
        cursor.execute(f"create schema if not exists {schema}")
        for table in RAW_TABLES:
            columns = source.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                [schema, table],
            ).fetchall()
            definition = ", ".join(f"{name} {POSTGRES_TYPES[kind]}" for name, kind in columns)
            cursor.execute(f"drop table if exists {schema}.{table}")
            cursor.execute(f"create table {schema}.{table} ({definition})")
            rows = source.execute(f"select * from {schema}.{table}").fetchall()
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            for row in rows:
                writer.writerow(["\\N" if value is None else value for value in row])
            buffer.seek(0)
            cursor.copy_expert(
                f"copy {schema}.{table} from stdin with (format csv, null '\\N')", buffer
            )
