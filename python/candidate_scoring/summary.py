"""What a build produced: where the scored views are, how candidates spread over tiers, how
well each weight set predicted outcomes in the backtests, what the raw data lost on the way
(rejected rows, nulled values, unscored events) and the warnings of the last dbt invocation
(target/run_results.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb

from candidate_scoring.database import fetch_value, scored_as_of_and_weight_set
from candidate_scoring.settings import backtest_outcomes

SCORED_VIEWS = (
    "scoring.candidate_scores",
    "scoring.candidate_score_breakdown",
    "scoring.recruiter_worklist",
    "history.candidate_tier_transitions",
    "history.tier_changes_today",
    "exports.crm_candidate_scores",
    "data_quality.rejected_raw_rows",
    "data_quality.raw_row_reconciliation",
    "data_quality.rejected_raw_values",
    "data_quality.unscored_event_types",
    "evaluation.backtest_summary",
)


class BuildNotFoundError(RuntimeError):
    """The database has no scored views: dbt build has not run against it."""


@dataclass(frozen=True)
class DbtWarning:
    """A result of status warn: a data test of severity warn that found rows."""

    name: str
    unique_id: str
    message: str
    failures: int | None


RunResultsState = Literal["read", "missing", "unreadable", "other_database"]


@dataclass(frozen=True)
class RunResults:
    """The warnings of the last dbt invocation, or why they cannot be shown."""

    path: Path
    state: RunResultsState
    note: str = ""
    command: str = ""
    generated_at: str = ""
    database: str | None = None  # the database the invocation ran against, when known
    tests_run: int = 0
    errors: int = 0  # results of status error or fail
    warnings: list[DbtWarning] = field(default_factory=list)


@dataclass(frozen=True)
class BacktestResult:
    """One row of evaluation.backtest_summary: a weight set's out-of-sample ranking power."""

    weight_set: str
    is_weight_set_in_force: bool
    outcome: str
    as_of_dates: int
    candidates: int
    conversions: int
    auc: float | None
    top_tier: str | None
    top_tier_conversion_rate: float | None
    top_tier_lift: float | None


@dataclass(frozen=True)
class BuildSummary:
    database_path: Path
    as_of_date: str
    weight_set: str
    tier_counts: list[tuple[str, str, int]]  # tier, recommended action, candidates
    reconciliation: list[tuple[str, int, int, int, int]]  # table, raw, used, rejected, erased
    rejection_counts: list[tuple[str, str, int]]  # table, reason, rows
    nulled_values: list[tuple[str, str, int]]  # table, column, values set to NULL
    unscored_events: list[tuple[str, int]]  # event type, events
    backtests: list[BacktestResult] = field(default_factory=list)
    run_results: RunResults | None = None
    last_run: dict[str, Any] | None = None  # the record of the last `candidate-scoring run`


def _dbt_databases(path: Path, run_results: dict[str, Any]) -> set[str]:
    """The databases a dbt invocation ran against: the first part of its relation names, else
    the nodes of the manifest written by the same invocation (a `dbt test` names no relation)."""
    databases = {
        str(result["relation_name"]).split(".", 1)[0].strip('"').lower()
        for result in run_results.get("results") or []
        if result.get("relation_name")
    }
    if databases:
        return databases
    manifest_path = path.with_name("manifest.json")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    invocation = (run_results.get("metadata") or {}).get("invocation_id")
    if invocation is None or (manifest.get("metadata") or {}).get("invocation_id") != invocation:
        return set()
    return {
        str(node["database"]).lower()
        for node in (manifest.get("nodes") or {}).values()
        if node.get("database") and node.get("resource_type") in ("model", "seed", "test")
    }


def read_run_results(path: Path, database_name: str) -> RunResults:
    """The warnings in dbt's run_results.json, if it is from a run against ``database_name``
    (DuckDB names a database after its file: data/demo.duckdb is `demo`)."""
    if not path.exists():
        return RunResults(path, "missing", f"no dbt run results at {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        results = list(data["results"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        return RunResults(path, "unreadable", f"cannot read {path}: {error}")
    metadata = data.get("metadata") or {}
    command = str((data.get("args") or {}).get("invocation_command") or "dbt")
    generated_at = str(metadata.get("generated_at") or "")
    databases = _dbt_databases(path, data)
    if databases and database_name.lower() not in databases:
        return RunResults(
            path,
            "other_database",
            f"{path} is from `{command}` against database {', '.join(sorted(databases))}, "
            f"not this one ({database_name}): its warnings are not shown",
            command=command,
            generated_at=generated_at,
            database=", ".join(sorted(databases)),
        )
    warnings = [
        DbtWarning(
            name=str(result.get("unique_id", "")).split(".")[2]
            if str(result.get("unique_id", "")).count(".") >= 2
            else str(result.get("unique_id", "")),
            unique_id=str(result.get("unique_id", "")),
            message=str(result.get("message") or ""),
            failures=result.get("failures"),
        )
        for result in results
        if result.get("status") == "warn"
    ]
    return RunResults(
        path,
        "read",
        "" if databases else "the run results do not say which database dbt ran against",
        command=command,
        generated_at=generated_at,
        database=", ".join(sorted(databases)) or None,
        tests_run=sum(1 for r in results if str(r.get("unique_id", "")).startswith("test.")),
        errors=sum(1 for r in results if r.get("status") in ("error", "fail")),
        warnings=warnings,
    )


def read_summary(database_path: Path, run_results_path: Path | None = None) -> BuildSummary:
    """Read the tier counts, the data lost on the way and, if a path is given, the warnings
    of the last dbt invocation from a built database."""
    if not database_path.exists():
        raise BuildNotFoundError(
            f"{database_path}: no such database; `make build` builds your warehouse "
            "(README), `make demo` builds one on demo data (data/demo.duckdb)"
        )
    with duckdb.connect(str(database_path), read_only=True) as connection:
        missing = [
            view
            for view in SCORED_VIEWS
            if not fetch_value(
                connection,
                "select count(*) from information_schema.tables "
                "where table_catalog = current_database() "
                "and table_schema = ? and table_name = ?",
                view.split("."),
            )
        ]
        if missing:
            raise BuildNotFoundError(
                f"{database_path}: {', '.join(missing)} not found; run `dbt build` first"
            )
        database_name = str(fetch_value(connection, "select current_database()"))
        as_of_date, weight_set = scored_as_of_and_weight_set(connection)
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
            "select source_table, raw_rows, accepted_rows, rejected_rows, erased_rows "
            "from data_quality.raw_row_reconciliation order by source_table"
        ).fetchall()
        rejection_counts = connection.execute(
            "select source_table, rejection_reason, count(*) from data_quality.rejected_raw_rows "
            "group by source_table, rejection_reason order by source_table, count(*) desc"
        ).fetchall()
        nulled_values = connection.execute(
            "select source_table, column_name, count(*) from data_quality.rejected_raw_values "
            "group by source_table, column_name order by count(*) desc, column_name"
        ).fetchall()
        unscored_events = connection.execute(
            "select event_type, event_count from data_quality.unscored_event_types "
            "order by event_count desc, event_type"
        ).fetchall()
        # the set in force first, then the others by name; the primary outcome leads
        backtests = [
            BacktestResult(*row)
            for row in connection.execute(
                "select weight_set, is_weight_set_in_force, outcome, as_of_dates, candidates, "
                "conversions, auc, top_tier, top_tier_conversion_rate, top_tier_lift "
                "from evaluation.backtest_summary "
                "order by outcome != ?, outcome, not is_weight_set_in_force, weight_set",
                [_primary_outcome()],
            ).fetchall()
        ]
    return BuildSummary(
        database_path=database_path,
        as_of_date=as_of_date or "-",
        weight_set=weight_set or "-",
        tier_counts=tier_counts,
        reconciliation=reconciliation,
        rejection_counts=rejection_counts,
        nulled_values=nulled_values,
        unscored_events=unscored_events,
        backtests=backtests,
        run_results=None
        if run_results_path is None
        else read_run_results(run_results_path, database_name),
        last_run=_read_last_run(database_path),
    )


def _read_last_run(database_path: Path) -> dict[str, Any] | None:
    from candidate_scoring.scheduled_run import default_runs_dir

    path = default_runs_dir(database_path) / "latest.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _primary_outcome() -> str:
    """The outcome the backtests report first: the first of vars.backtest.outcomes."""
    return (backtest_outcomes() or ["placement"])[0]


def _format_backtests(backtests: list[BacktestResult]) -> list[str]:
    if not backtests:
        return ["Backtests: no candidate-dates to measure (evaluation.backtest_summary is empty)."]
    first = backtests[0]
    lines = [
        f"Backtests (evaluation.backtest_summary): each weight set's score as known on each of "
        f"{first.as_of_dates} monthly dates,",
        "against the outcome within the window after it, on the holdout candidates "
        "[conversions of candidate-dates]:",
    ]
    outcome_width = max(len(result.outcome) for result in backtests)
    for result in backtests:
        auc = "-" if result.auc is None else f"{result.auc:.3f}"
        in_force = " (in force)" if result.is_weight_set_in_force else ""
        base = result.conversions / result.candidates if result.candidates else 0.0
        if result.top_tier_lift is None or result.top_tier_conversion_rate is None:
            top = "top tier: no candidates"
        else:
            top = (
                f"{result.top_tier} converts {result.top_tier_conversion_rate:.1%} vs "
                f"{base:.1%} ({result.top_tier_lift:.1f}x lift)"
            )
        lines.append(
            f"  {result.outcome:<{outcome_width}}  {result.weight_set + in_force:<20} "
            f"AUC {auc}  {top}  [{result.conversions:,} of {result.candidates:,}]"
        )
    return lines


def _format_warnings(run: RunResults) -> list[str]:
    if run.state != "read":
        return [f"dbt warnings: unknown, {run.note}."]
    when = f", {run.generated_at[:19].replace('T', ' ')} UTC" if run.generated_at else ""
    source = f"last dbt invocation `{run.command}`{when} ({run.path})"
    lines = []
    if run.warnings:
        lines.append(f"dbt warnings ({len(run.warnings)}) of the {source}:")
        for warning in run.warnings:
            failures = "" if warning.failures is None else f" [{warning.failures:,} failing rows]"
            lines.append(f"  {warning.name}{failures}: {warning.message}")
    elif run.tests_run:
        lines.append(f"dbt warnings: no warnings in the {source}.")
    else:
        lines.append(
            f"dbt warnings: no warnings, but the {source} ran no data tests; "
            "`make build` runs them."
        )
    if run.errors:
        lines.append(f"  and {run.errors:,} errors or failed tests: see dbt's output or logs/.")
    if run.note:
        lines.append(f"  ({run.note})")
    return lines


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
    lines += ["", *_format_backtests(summary.backtests)]
    lines += [
        "",
        "Raw rows (read = used + rejected + erased on request; reasons in "
        "data_quality.rejected_raw_rows):",
    ]
    for table, raw, accepted, rejected, erased in summary.reconciliation:
        lines.append(f"  {table:<18} {raw:>11,} = {accepted:>11,} + {rejected:>9,} + {erased:>7,}")
    nulled = sum(count for _, _, count in summary.nulled_values)
    lines += ["", f"Values set to NULL in used rows (data_quality.rejected_raw_values): {nulled:,}"]
    lines += [f"  {table}.{column}: {count:,}" for table, column, count in summary.nulled_values]
    unscored = sum(count for _, count in summary.unscored_events)
    lines += [
        f"Events of types the weight set does not score (data_quality.unscored_event_types): "
        f"{unscored:,}"
    ]
    lines += [f"  {event_type}: {count:,}" for event_type, count in summary.unscored_events]
    lines += _format_last_run(summary.last_run)
    if summary.run_results is not None:
        lines += ["", *_format_warnings(summary.run_results)]
    return "\n".join(lines)


def _format_last_run(record: dict[str, Any] | None) -> list[str]:
    """Where the last scheduled run published (candidate-scoring run's record)."""
    if not record:
        return []
    lines = [
        "",
        f"Last scheduled run ({record.get('run_id')}, as of {record.get('as_of_date')}): "
        f"{str(record.get('status')).upper()}, exit {record.get('exit_code')}",
    ]
    if record.get("status") in ("success", "warnings"):
        lines += [
            f"  published for BI tools (read-only): {record.get('published_database')}",
            f"  export files: {Path(str(record.get('export_dir'))).parent.parent / 'current'}"
            f"/ ({len(record.get('export_files') or [])} files and manifest.json)",
        ]
    return lines
