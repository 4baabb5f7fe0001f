"""The row index every table is generated from, and how many rows each table needs.

A scan of a table runs on all threads, unlike the ``range`` table function, so one
temporary table of 0..size-1 is filled first and every statement selects from it.
"""

from __future__ import annotations

INDEX_TABLE = "_demo_row_index"


def candidate_extra_rows(n: int) -> tuple[int, int]:
    """Rows without candidate_id (~0.1 %) and exact duplicate rows (~1 %), at least one each."""
    return max(1, round(n * 0.001)), max(1, round(n * 0.01))


def event_duplicates(events: int) -> int:
    """Re-sent (exact duplicate) events: ~1.5 %, at least one when there are events."""
    return max(1, round(events * 0.015)) if events else 0


def candidate_indexes(n: int) -> str:
    """Query of the candidate indexes ``i`` in 0..n-1."""
    return f"select j as i\nfrom {INDEX_TABLE}\nwhere j < {n}"


def create_row_index(candidates: int, events: int) -> str:
    """Statement filling the index ``j = 0..size-1``, large enough for every table."""
    size = max(
        candidates + sum(candidate_extra_rows(candidates)), events + event_duplicates(events)
    )
    return f"create or replace temp table {INDEX_TABLE} as select range as j from range({size})"
