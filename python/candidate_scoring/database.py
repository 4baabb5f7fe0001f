"""Small typed helpers around DuckDB connections and files, shared by the tooling's modules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import duckdb


class Connection(Protocol):
    """What the tooling needs of a connection: a DuckDB connection, or a wrapper of one."""

    def execute(self, query: str, parameters: object = None) -> duckdb.DuckDBPyConnection: ...


def fetch_value(connection: Connection, query: str, parameters: object = None) -> Any:
    """First column of the first row of ``query``, which must return a row (count(*), ...)."""
    row = connection.execute(query, parameters).fetchone()
    if row is None:
        raise LookupError(f"query returned no row: {query}")
    return row[0]


def scored_as_of_and_weight_set(
    connection: Connection, catalog: str = ""
) -> tuple[str | None, str | None]:
    """The as-of date (YYYY-MM-DD) and weight set of scoring.candidate_scores; None when
    empty. ``catalog``: the attached database it is in, when not the current one."""
    prefix = f"{catalog}." if catalog else ""
    row = connection.execute(
        "select cast(max(as_of_date) as varchar), max(weight_set) "
        f"from {prefix}scoring.candidate_scores"
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def write_json(path: Path, data: object) -> None:
    """Write JSON through a temporary file: a reader never sees half a file."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    temporary.replace(path)
