"""Builders of DuckDB SQL text shared by the table modules.

Python values reach the SQL only through these helpers: strings quoted and escaped, numbers
written with ``repr`` (exact round trip), so the same arguments always give the same text.
"""

from __future__ import annotations

from collections.abc import Sequence


def lit(value: str) -> str:
    """Quote a Python string as a SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def str_list(values: Sequence[str]) -> str:
    """Render strings as a DuckDB list literal."""
    return "[" + ", ".join(lit(v) for v in values) + "]"


def num_list(values: Sequence[float]) -> str:
    """Render numbers as a DuckDB list literal."""
    return "[" + ", ".join(repr(v) for v in values) + "]"


def in_list(values: Sequence[str]) -> str:
    """Render strings as the inside of an ``in (...)`` predicate."""
    return ", ".join(lit(v) for v in values)


def at(list_sql: str, index_sql: str) -> str:
    """Element of a SQL list selected by a 0-based index expression."""
    return f"{list_sql}[({index_sql}) + 1]"


def code(prefix: str, number_sql: str, width: int) -> str:
    """Identifier such as 'C00000042': a prefix and a zero-padded number."""
    return f"{lit(prefix)} || lpad(({number_sql})::varchar, {width}, '0')"


def cumulative(weights: Sequence[float]) -> list[float]:
    """Normalised cumulative thresholds of ``weights`` (the last one is dropped)."""
    total = float(sum(weights))
    out, acc = [], 0.0
    for weight in weights[:-1]:
        acc += weight / total
        out.append(round(acc, 12))
    return out


def weighted_whens(u_sql: str, values_sql: Sequence[str], weights: Sequence[float]) -> str:
    """The ``when`` branches of ``weighted``; its ``else`` is ``values_sql[-1]``."""
    return " ".join(
        f"when {u_sql} < {t!r} then {v}"
        for t, v in zip(cumulative(weights), values_sql, strict=False)
    )


def weighted(u_sql: str, values_sql: Sequence[str], weights: Sequence[float]) -> str:
    """Case expression picking ``values_sql[k]`` with probability ``weights[k]``."""
    return f"case {weighted_whens(u_sql, values_sql, weights)} else {values_sql[-1]} end"


def interpolated_whens(
    u_sql: str,
    x_sql: str,
    values_sql: Sequence[str],
    low: Sequence[float],
    high: Sequence[float],
) -> str:
    """``when`` branches picking ``values_sql[k]`` with a weight that moves linearly from
    ``low[k]`` (x=0) to ``high[k]`` (x=1); the caller's ``else`` is ``values_sql[-1]``."""
    return " ".join(
        f"when {u_sql} < (1 - {x_sql}) * {lo!r} + {x_sql} * {hi!r} then {v}"
        for lo, hi, v in zip(cumulative(low), cumulative(high), values_sql, strict=False)
    )


def initcap(sql: str) -> str:
    """SQL capitalising each '_'-separated word ('job_offer' -> 'Job_Offer')."""
    return (
        f"array_to_string(list_transform(string_split({sql}, '_'), "
        f"lambda w: upper(w[1]) || w[2:]), '_')"
    )
