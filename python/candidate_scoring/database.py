"""Small typed helpers around DuckDB connections, shared by the tooling's modules."""

from __future__ import annotations

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
