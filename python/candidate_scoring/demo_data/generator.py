"""Entry point of the generator: check the arguments, open the database, run the statements.

Every statement is built by a table module and executed here, in dependency order: the
placements read the events table back, and their dirt needs the clean placement count; the
recruiter feedback reads the clean placements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from candidate_scoring.database import Connection, fetch_value
from candidate_scoring.demo_data.candidates import create_candidates
from candidate_scoring.demo_data.events import create_events
from candidate_scoring.demo_data.feedback import create_feedback
from candidate_scoring.demo_data.placements import (
    CLEAN_TABLE,
    count_clean_placements,
    create_clean_placements,
    create_placements,
)
from candidate_scoring.demo_data.rng import Rng
from candidate_scoring.demo_data.row_index import INDEX_TABLE, create_row_index
from candidate_scoring.demo_data.sql import in_list
from candidate_scoring.demo_data.timeline import end_timestamp

# Unknown-candidate dirt uses ids 'C9' + 7 digits (index >= 90,000,000).
MAX_CANDIDATES = 90_000_000
MAX_EVENTS = 9_999_999_999
SQL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
TABLES = ("candidates", "engagement_events", "placements", "recruiter_feedback")
# The comment every raw table the generator writes carries. Only a table with it is replaced:
# a table loaded any other way (your extract) has no such comment, and replacing a demo table
# with your own drops it.
DEMO_TABLE_MARK = "candidate-scoring demo data"
DEMO_TABLE_COMMENT = (
    f"{DEMO_TABLE_MARK}, written by `candidate-scoring generate`: "
    "replaced by its next run (a table without this comment is never replaced)"
)


class ForeignTableError(RuntimeError):
    """A raw table the generator would replace was not written by it (no demo-data mark)."""

    def __init__(self, database: str, tables: list[str]) -> None:
        self.database = database
        self.tables = tables
        super().__init__(
            f"refusing to replace {', '.join(tables)} in {database}: "
            f"{'it was' if len(tables) == 1 else 'they were'} not written by "
            "`candidate-scoring generate` (no demo-data comment), so may be your data. "
            "Generate into another database (--database, or $CANDIDATE_SCORING_DUCKDB_PATH; "
            "`make demo` uses data/demo.duckdb), another schema (--schema), or pass --force "
            "to replace them."
        )


@dataclass(frozen=True)
class GenerationSummary:
    """What ``generate_demo_data`` wrote."""

    database_path: Path
    schema: str
    end_date: date
    row_counts: dict[str, int]  # raw table name -> rows written


def _validate(candidates: int, events: int, seed: int, schema: str, threads: int | None) -> None:
    """Raise ValueError for arguments the generator cannot honour."""
    if isinstance(candidates, bool) or not isinstance(candidates, int) or candidates < 1:
        raise ValueError(f"candidates must be an integer >= 1, got {candidates!r}")
    if candidates > MAX_CANDIDATES:
        raise ValueError(f"candidates must be <= {MAX_CANDIDATES:,}, got {candidates:,}")
    if isinstance(events, bool) or not isinstance(events, int) or events < 0:
        raise ValueError(f"events must be an integer >= 0, got {events!r}")
    if events > MAX_EVENTS:
        raise ValueError(f"events must be <= {MAX_EVENTS:,}, got {events:,}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not -(2**63) <= seed < 2**63:
        raise ValueError(f"seed must be a 64-bit signed integer, got {seed!r}")
    if not SQL_NAME.match(schema):
        raise ValueError(f"schema must be a plain SQL identifier, got {schema!r}")
    if threads is not None and (isinstance(threads, bool) or threads < 1):
        raise ValueError(f"threads must be an integer >= 1 or None, got {threads!r}")


def _connect(path: Path, memory_limit: str, threads: int | None) -> duckdb.DuckDBPyConnection:
    """Open the database with bounded memory and a spill directory next to the file."""
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": memory_limit,
        "preserve_insertion_order": False,
        "temp_directory": str(path.with_name(path.name + ".tmp")),
    }
    if threads is not None:
        config["threads"] = threads
    con = duckdb.connect(str(path), config=config)
    con.execute("set enable_progress_bar = false")
    return con


def foreign_tables(con: Connection, schema: str) -> list[str]:
    """The raw tables (or views) of ``schema`` the generator would replace but did not write."""
    if not SQL_NAME.match(schema):  # pasted into the query below: a plain name only
        raise ValueError(f"schema must be a plain SQL identifier, got {schema!r}")
    # compared case-insensitively, as DuckDB resolves names: raw.candidates is Raw.Candidates
    rows = con.execute(
        f"""
        select
            table_schema,
            table_name,
            coalesce(table_comment, '') as table_comment
        from information_schema.tables
        where
            table_catalog = current_database()
            and lower(table_schema) = lower('{schema}')
            and lower(table_name) in ({in_list(TABLES)})
        order by table_name
        """.strip()
    ).fetchall()
    return [
        f"{table_schema}.{name}"
        for table_schema, name, comment in rows
        if not comment.startswith(DEMO_TABLE_MARK)
    ]


def _mark(con: Connection, schema: str, table: str) -> None:
    con.execute(f"comment on table \"{schema}\".{table} is '{DEMO_TABLE_COMMENT}'")


def write_raw_tables(
    con: Connection,
    *,
    candidates: int,
    events: int,
    seed: int,
    end_date: date,
    schema: str,
    force: bool = False,
) -> dict[str, int]:
    """Run the generator's statements on ``con``; return the rows written per raw table.

    Raises ForeignTableError, before writing anything, if a raw table it would replace lacks
    the demo-data mark (unless ``force``).
    """
    _validate(candidates, events, seed, schema, None)
    if not force:
        foreign = foreign_tables(con, schema)
        if foreign:
            path = fetch_value(
                con,
                """
                select path
                from duckdb_databases()
                where database_name = current_database()
                """.strip(),
            )
            raise ForeignTableError(str(path or "the in-memory database"), foreign)
    rng = Rng(seed)
    end_ts = end_timestamp(end_date)
    con.execute(f'create schema if not exists "{schema}"')
    con.execute(create_row_index(candidates, events))
    con.execute(create_candidates(rng, schema, candidates, end_ts))
    _mark(con, schema, "candidates")
    con.execute(create_events(rng, schema, candidates, events, end_ts))
    _mark(con, schema, "engagement_events")
    con.execute(create_clean_placements(rng, schema, candidates, end_ts))
    clean_rows = int(fetch_value(con, count_clean_placements()))
    con.execute(create_placements(rng, schema, clean_rows))
    _mark(con, schema, "placements")
    con.execute(create_feedback(rng, schema, candidates, end_ts))
    _mark(con, schema, "recruiter_feedback")
    con.execute(f"drop table {CLEAN_TABLE}")
    con.execute(f"drop table {INDEX_TABLE}")
    return {
        table: int(fetch_value(con, f'select count(*) from "{schema}".{table}')) for table in TABLES
    }


def generate_demo_data(
    database_path: str | Path,
    *,
    candidates: int = 5_000,
    events: int = 100_000,
    seed: int = 42,
    end_date: date | None = None,
    schema: str = "raw",
    memory_limit: str = "4GB",
    threads: int | None = None,
    force: bool = False,
) -> GenerationSummary:
    """Write deterministic demo raw tables into the DuckDB file at ``database_path``.

    Creates ``schema`` if missing and replaces ``candidates``, ``engagement_events``,
    ``placements`` and ``recruiter_feedback``. ``events`` is the number of clean events; dirt
    adds ~1.5 % re-sent duplicates. Data spans the 730 days before ``end_date`` (default:
    today, UTC).

    Only tables an earlier run wrote (they carry its comment) are replaced: if one of the four
    exists without it, ForeignTableError is raised and nothing is written, unless ``force``.
    """
    _validate(candidates, events, seed, schema, threads)
    if isinstance(end_date, datetime):
        end_date = end_date.date()
    end = end_date or datetime.now(UTC).date()
    path = Path(database_path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir = path.with_name(path.name + ".tmp")
    tmp_existed = tmp_dir.exists()
    con = _connect(path, memory_limit, threads)
    try:
        counts = write_raw_tables(
            con,
            candidates=candidates,
            events=events,
            seed=seed,
            end_date=end,
            schema=schema,
            force=force,
        )
    finally:
        con.close()
    # Remove the spill directory DuckDB created, unless it was there before (or is in use).
    if not tmp_existed and tmp_dir.is_dir() and not any(tmp_dir.iterdir()):
        tmp_dir.rmdir()
    return GenerationSummary(database_path=path, schema=schema, end_date=end, row_counts=counts)
