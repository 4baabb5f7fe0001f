"""What a build produced: where the scored views are and how candidates spread over tiers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from candidate_scoring.database import fetch_value

SCORED_VIEWS = (
    "scoring.candidate_scores",
    "scoring.candidate_score_breakdown",
    "scoring.recruiter_worklist",
    "data_quality.rejected_raw_rows",
    "data_quality.raw_row_reconciliation",
)


class BuildNotFoundError(RuntimeError):
    """The database has no scored views: dbt build has not run against it."""


@dataclass(frozen=True)
class BuildSummary:
    database_path: Path
    as_of_date: str
    weight_set: str
    tier_counts: list[tuple[str, str, int]]  # tier, recommended action, candidates
    reconciliation: list[tuple[str, int, int, int]]  # table, raw, accepted, rejected
    rejection_counts: list[tuple[str, str, int]]  # table, reason, rows


def read_summary(database_path: Path) -> BuildSummary:
    """Read the tier counts and the raw row reconciliation from a built database."""
    if not database_path.exists():
        raise BuildNotFoundError(f"{database_path}: no such database; run `make demo` first")
    with duckdb.connect(str(database_path), read_only=True) as connection:
        missing = [
            view
            for view in SCORED_VIEWS
            if not fetch_value(
                connection,
                "select count(*) from information_schema.tables "
                "where table_schema = ? and table_name = ?",
                view.split("."),
            )
        ]
        if missing:
            raise BuildNotFoundError(
                f"{database_path}: {', '.join(missing)} not found; run `dbt build` first"
            )
        as_of_date, weight_set = connection.execute(
            "select cast(max(as_of_date) as varchar), max(weight_set) from scoring.candidate_scores"
        ).fetchone() or (None, None)
        tier_counts = connection.execute(
            """
            select tiers.tier, tiers.recommended_action, count(scores.candidate_id)
            from scoring_config.score_tiers as tiers
            left join scoring.candidate_scores as scores
                on tiers.tier = scores.score_tier
            where tiers.weight_set = ?
            group by tiers.tier, tiers.recommended_action, tiers.priority
            order by tiers.priority
            """,
            [weight_set],
        ).fetchall()
        reconciliation = connection.execute(
            "select source_table, raw_rows, accepted_rows, rejected_rows "
            "from data_quality.raw_row_reconciliation order by source_table"
        ).fetchall()
        rejection_counts = connection.execute(
            "select source_table, rejection_reason, count(*) from data_quality.rejected_raw_rows "
            "group by source_table, rejection_reason order by source_table, count(*) desc"
        ).fetchall()
    return BuildSummary(
        database_path=database_path,
        as_of_date=as_of_date or "-",
        weight_set=weight_set or "-",
        tier_counts=tier_counts,
        reconciliation=reconciliation,
        rejection_counts=rejection_counts,
    )


def format_summary(summary: BuildSummary) -> str:
    """The summary as the text `candidate-scoring summary` prints."""
    total = sum(count for _, _, count in summary.tier_counts)
    lines = [
        f"Scored views in {summary.database_path}:",
        *(f"  {view}" for view in SCORED_VIEWS),
        "",
        f"Candidates by tier (as of {summary.as_of_date}, weight set {summary.weight_set}):",
    ]
    for tier, action, count in summary.tier_counts:
        share = count / total if total else 0.0
        lines.append(f"  {tier:<13} {count:>9,}  {share:6.1%}  {action}")
    lines.append(f"  {'total':<13} {total:>9,}")
    lines += ["", "Raw rows (read = used + rejected, reasons in data_quality.rejected_raw_rows):"]
    for table, raw, accepted, rejected in summary.reconciliation:
        lines.append(f"  {table:<18} {raw:>11,} = {accepted:>11,} + {rejected:>9,}")
    return "\n".join(lines)
