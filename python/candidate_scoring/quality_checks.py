"""Great Expectations checks of the scored view, run after `dbt build`.

dbt's data tests guard the models from inside the build; these checks read
scoring.candidate_scores the way a BI tool or a CRM sync does (a read-only connection) and
validate what those consumers rely on. GX's SQL data source over DuckDB returns wrong results
(every expectation fails with "list index out of range", GX issues 10738 and 11579), so the
view is read with duckdb into pandas and validated there.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from candidate_scoring.database import fetch_value


@dataclass(frozen=True)
class CheckResult:
    expectation: str
    column: str
    success: bool
    unexpected_examples: list[object]


def _tier_rules(connection: duckdb.DuckDBPyConnection, weight_set: str) -> list[tuple[str, bool]]:
    rows = connection.execute(
        "select tier, is_disqualified_tier from scoring_config.score_tiers where weight_set = ?",
        [weight_set],
    ).fetchall()
    if not rows:
        raise ValueError(f"scoring_config.score_tiers has no tiers for weight set {weight_set!r}")
    return rows


def check_candidate_scores(database_path: Path) -> list[CheckResult]:
    """Validate scoring.candidate_scores; return one result per expectation."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx  # imported late: it takes seconds
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    with duckdb.connect(str(database_path), read_only=True) as connection:
        scores = connection.execute("select * from scoring.candidate_scores").df()
        weight_set = scores["weight_set"].iloc[0] if len(scores) else "default"
        tiers = _tier_rules(connection, weight_set)
        accepted_candidates = fetch_value(
            connection, "select count(*) from staging.stg_recruitment__candidates"
        )

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    expectations = gx.expectations
    suite = gx.ExpectationSuite(name="candidate_scores")
    for column in ("candidate_id", "fit_score", "engagement_score", "total_score", "score_tier"):
        suite.add_expectation(expectations.ExpectColumnValuesToNotBeNull(column=column))
    suite.add_expectation(expectations.ExpectColumnValuesToBeUnique(column="candidate_id"))
    suite.add_expectation(
        expectations.ExpectColumnValuesToBeInSet(
            column="score_tier", value_set=[tier for tier, _ in tiers]
        )
    )
    # disqualified candidates are in the disqualified tier and nobody else is
    suite.add_expectation(
        expectations.ExpectColumnPairValuesToBeInSet(
            column_A="is_disqualified",
            column_B="score_tier",
            value_pairs_set=[(is_disqualified, tier) for tier, is_disqualified in tiers],
        )
    )
    suite.add_expectation(expectations.ExpectTableRowCountToEqual(value=accepted_candidates))

    batch = (
        context.data_sources.add_pandas("warehouse")
        .add_dataframe_asset("candidate_scores")
        .add_batch_definition_whole_dataframe("whole_view")
        .get_batch(batch_parameters={"dataframe": scores})
    )
    validation = batch.validate(suite, result_format="SUMMARY")
    results = []
    for result in validation.results:
        config = result.expectation_config
        if config is None:  # typed optional; a suite's results always carry their expectation
            raise RuntimeError(
                f"Great Expectations returned a result without expectation: {result}"
            )
        results.append(
            CheckResult(
                expectation=config.type,
                column=str(config.kwargs.get("column") or config.kwargs.get("column_A") or ""),
                success=bool(result.success),
                unexpected_examples=list(result.result.get("partial_unexpected_list") or [])[:5],
            )
        )
    return results
