"""Reference implementations of the project's scores for the benchmarks: one hand-written
DuckDB script (scoring.sql) and a plain pandas program (scoring_pandas.py), with the runner
and the equality check against the project's marts (run.py)."""

from .run import (
    Comparison,
    ReferenceConfig,
    assert_scores_equal,
    dbt_run_started_at,
    load_config,
    run_pandas_reference,
    run_sql_reference,
)

__all__ = [
    "Comparison",
    "ReferenceConfig",
    "assert_scores_equal",
    "dbt_run_started_at",
    "load_config",
    "run_pandas_reference",
    "run_sql_reference",
]
