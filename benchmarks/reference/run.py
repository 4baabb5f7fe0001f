"""Run the reference implementations of the project's scores and check them against the mart.

The benchmark times the dbt project against what one hand-written DuckDB script
(``scoring.sql``) and a plain pandas program (``scoring_pandas.py``) take to compute the same
scores. Both read the raw extracts and the weight seeds dbt loaded; the configuration that is
not a weight (criteria, score components, consent event types) comes from the vars of
dbt_project.yml as committed, never from ``--vars`` overrides.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd  # type: ignore[import-untyped]

from candidate_scoring.settings import project_vars

PROJECT_DIR = Path(__file__).resolve().parents[2]
SQL_SCRIPT = Path(__file__).with_name("scoring.sql")
# The statements after this line write reference.rejected_raw_rows.
REJECTED_ROWS_MARKER = "-- reference: rejected rows"
# dbt_project.yml seeds: +schema: scoring_config, which generate_schema_name keeps as it is.
SEED_SCHEMA = "scoring_config"
SCORES_MART = "scoring.candidate_scores"
REJECTED_ROWS_MART = "data_quality.rejected_raw_rows"
# Candidate columns an attribute criterion may read, as both references type them.
NUMBER_COLUMNS = ("years_experience", "company_size", "company_revenue")
TEXT_COLUMNS = (
    "seniority",
    "skills",
    "industry",
    "job_title",
    "current_company",
    "country_code",
    "city",
    "source_channel",
)
SHOWN_DIFFERENCES = 10

_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_$-]*")
_WEIGHT_SET = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_MEMORY_LIMIT = re.compile(r"[0-9]+(\.[0-9]+)?\s*([KMGT]i?B|[KMGT]|bytes)?", re.IGNORECASE)

_CRITERIA_TYPE = (
    "struct(criterion varchar, score_component varchar, criterion_source varchar,"
    " column_name varchar, match_type varchar)[]"
)
_CONSENT_TYPE = "struct(event_type varchar, consent_effect varchar, reason varchar)[]"


@dataclass(frozen=True)
class ReferenceConfig:
    """What both references read from dbt_project.yml (vars as committed)."""

    raw_schema: str
    seed_schema: str
    default_seniority: str
    placement_statuses: list[str]
    # {event_type, consent_effect ('opt_out' or 're_consent'), reason}
    consent_event_types: list[dict[str, str]]
    # {criterion, score_component, criterion_source, column_name, match_type}
    scoring_criteria: list[dict[str, str | None]]


@dataclass(frozen=True)
class Comparison:
    """What assert_scores_equal compared (it raises on the first kind of difference)."""

    candidates: int
    rejected_rows: int | None


def load_config(project_dir: Path = PROJECT_DIR) -> ReferenceConfig:
    """The vars of dbt_project.yml the scores depend on, resolved as the project's macros do."""
    configured = project_vars(project_dir)
    if configured.get("raw_database") is not None:
        raise ValueError("the references read the raw schema of the same database only")
    raw_schema = str(configured.get("raw_schema") or "raw")
    if not _NAME.fullmatch(raw_schema):
        raise ValueError(f"var raw_schema is not a plain name: {raw_schema!r}")
    if configured.get("extra_candidate_columns"):
        raise ValueError("the references do not read vars.extra_candidate_columns")
    component_of_family = {
        str(family): str(component["name"])
        for component in configured["score_components"]
        for family in component["families"]
    }
    criteria: list[dict[str, str | None]] = []
    for entry in configured["scoring_criteria"]:
        column = entry.get("column") if entry["source"] == "attribute" else None
        if column is not None and column not in NUMBER_COLUMNS + TEXT_COLUMNS:
            raise ValueError(f"criterion {entry['name']}: the references cannot read {column}")
        criteria.append(
            {
                "criterion": str(entry["name"]),
                "score_component": component_of_family[str(entry["family"])],
                "criterion_source": str(entry["source"]),
                "column_name": column,
                "match_type": entry.get("match") if entry["source"] == "attribute" else None,
            }
        )
    consent = [
        {"event_type": str(spelling), "consent_effect": "opt_out", "reason": str(reason)}
        for reason, spellings in configured["opt_out_event_types"].items()
        for spelling in spellings
    ] + [
        {"event_type": str(spelling), "consent_effect": "re_consent", "reason": "re_consent"}
        for spelling in configured["re_consent_event_types"]
    ]
    return ReferenceConfig(
        raw_schema=raw_schema,
        seed_schema=SEED_SCHEMA,
        default_seniority=str(configured.get("default_seniority") or "mid"),
        placement_statuses=[str(status) for status in configured["placement_statuses"]],
        consent_event_types=consent,
        scoring_criteria=criteria,
    )


def run_started_timestamp(run_started_at: str) -> str:
    """dbt's run_started_at as the models write it: UTC, to the second, no time zone."""
    moment = datetime.fromisoformat(run_started_at.strip())
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def dbt_run_started_at(project_dir: Path = PROJECT_DIR) -> str:
    """The run_started_at of the last dbt invocation in ``project_dir`` (target/run_results.json),
    which the models used for "now"; pass it to the references to apply the same cut-off."""
    with (project_dir / "target" / "run_results.json").open(encoding="utf-8") as file:
        metadata = json.load(file)["metadata"]
    return run_started_timestamp(str(metadata["invocation_started_at"]))


def _checked_parameters(as_of_date: str, weight_set: str, run_started_at: str) -> str:
    date.fromisoformat(as_of_date)  # raises ValueError on anything but YYYY-MM-DD
    if not _WEIGHT_SET.fullmatch(weight_set):
        raise ValueError(f"not a weight set name: {weight_set!r}")
    return run_started_timestamp(run_started_at)


def _table_exists(connection: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    # fetchall: DuckDB refuses new work on a connection with a result left unread
    rows = connection.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchall()
    return bool(rows[0][0])


def _erasure_requests_relation(connection: duckdb.DuckDBPyConnection, raw_schema: str) -> str:
    """The optional erasure extract, or an empty relation of its shape when there is none."""
    if _table_exists(connection, raw_schema, "erasure_requests"):
        return f'"{raw_schema}".erasure_requests'
    return (
        "(select cast(null as varchar) as candidate_id, cast(null as varchar) as requested_at"
        " where false)"
    )


def render_sql(
    connection: duckdb.DuckDBPyConnection, config: ReferenceConfig, with_rejected_rows: bool
) -> str:
    """scoring.sql with its relations filled in, cut before the rejected rows if not wanted."""
    script = SQL_SCRIPT.read_text(encoding="utf-8")
    if not with_rejected_rows:
        script = script[: script.index(REJECTED_ROWS_MARKER)]
    # safe_substitute: the regular expressions of the script end in a bare $
    rendered = string.Template(script).safe_substitute(
        raw=f'"{config.raw_schema}"',
        seeds=f'"{config.seed_schema}"',
        erasure_requests=_erasure_requests_relation(connection, config.raw_schema),
    )
    if "${" in rendered:
        raise ValueError(f"{SQL_SCRIPT.name} names a relation the runner does not know")
    return rendered


def set_variables(
    connection: duckdb.DuckDBPyConnection,
    config: ReferenceConfig,
    as_of_date: str,
    weight_set: str,
    run_started_at: str,
) -> None:
    """The DuckDB variables scoring.sql reads (getvariable), as parameters: never pasted."""
    started = _checked_parameters(as_of_date, weight_set, run_started_at)
    values: list[tuple[str, str, object]] = [
        ("as_of_date", "date", as_of_date),
        ("run_started_at", "timestamp", started),
        ("weight_set", "varchar", weight_set),
        ("default_seniority", "varchar", config.default_seniority),
        ("placement_statuses", "varchar[]", json.dumps(config.placement_statuses)),
        ("consent_event_types", _CONSENT_TYPE, json.dumps(config.consent_event_types)),
        ("scoring_criteria", _CRITERIA_TYPE, json.dumps(config.scoring_criteria)),
    ]
    for name, sql_type, value in values:
        source = "cast(? as json)" if sql_type.endswith("[]") else "?"
        connection.execute(f"set variable {name} = cast({source} as {sql_type})", [value])


def run_sql_reference(
    database: Path,
    as_of_date: str,
    weight_set: str,
    run_started_at: str,
    memory_limit: str,
    with_rejected_rows: bool = True,
    project_dir: Path = PROJECT_DIR,
) -> None:
    """Run scoring.sql in a fresh connection to ``database``: writes reference.candidate_scores
    (and reference.rejected_raw_rows) for the as-of date and weight set. ``run_started_at`` is
    the "now" of the future-time rules (use dbt_run_started_at() to match a dbt build)."""
    if not _MEMORY_LIMIT.fullmatch(memory_limit.strip()):
        raise ValueError(f"not a DuckDB memory_limit: {memory_limit!r}")
    config = load_config(project_dir)
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"set memory_limit = '{memory_limit.strip()}'")
        set_variables(connection, config, as_of_date, weight_set, run_started_at)
        connection.execute(render_sql(connection, config, with_rejected_rows))


def run_pandas_reference(
    database: Path,
    as_of_date: str,
    weight_set: str,
    run_started_at: str,
    project_dir: Path = PROJECT_DIR,
) -> pd.DataFrame:
    """The pandas reference (scoring_pandas.py): one row per candidate, candidate_id,
    fit_score_points, engagement_score_points, total_score_points, score_tier, is_disqualified."""
    # imported here so that timing the SQL reference does not pay for it
    from .scoring_pandas import score_candidates

    config = load_config(project_dir)
    started = _checked_parameters(as_of_date, weight_set, run_started_at)
    return score_candidates(database, config, as_of_date, weight_set, started)


def _cents(values: Any) -> Any:
    """Points as whole cents, exact: the mart and the references store decimal(12, 2)."""
    return values.map(lambda value: None if pd.isna(value) else round(float(value) * 100))


def _first_differences(frame: Any) -> str:
    shown = frame.sort_values("candidate_id").head(SHOWN_DIFFERENCES)
    return str(shown.to_string(index=False))


def assert_scores_equal(
    database: Path,
    reference: str | pd.DataFrame = "sql",
    scores: str = SCORES_MART,
) -> Comparison:
    """Compare a reference with the project's scoring.candidate_scores (or a copy of it kept
    as scores, a relation of the same columns, such as a night's): the same candidates,
    total to the cent, the same tier (and fit, engagement, disqualification where the reference
    has them). For the SQL reference also data_quality.rejected_raw_rows: counts per source
    table and reason, then the rows themselves. Raises AssertionError naming the first
    differing candidates; returns what was compared."""
    with duckdb.connect(str(database), read_only=True) as connection:
        mart = connection.sql(
            f"select candidate_id, fit_score, engagement_score, total_score, score_tier,"
            f" is_disqualified, cast(as_of_date as varchar) as as_of_date, weight_set"
            f" from {scores}"
        ).df()
        if isinstance(reference, str):
            if reference != "sql":
                raise ValueError("reference is 'sql' or a DataFrame of the pandas reference")
            ours = connection.sql("select * from reference.candidate_scores").df()
        else:
            ours = reference.copy()
        comparison = _compare_scores(mart, ours)
        rejected = (
            _compare_rejected_rows(connection)
            if isinstance(reference, str)
            and _table_exists(connection, "reference", "rejected_raw_rows")
            else None
        )
    return Comparison(candidates=comparison, rejected_rows=rejected)


def _compare_scores(mart: Any, ours: Any) -> int:
    # every row scored as of the same date under the same weight set, on both sides
    for column in ("as_of_date", "weight_set"):
        if column not in ours.columns:
            raise ValueError(f"the reference has no column {column}")
        theirs, mine = set(mart[column].astype(str)), set(ours[column].astype(str))
        if mine != theirs or len(mine) != 1:
            raise AssertionError(f"{column}: mart {sorted(theirs)}, reference {sorted(mine)}")
    missing_columns = {"candidate_id", "total_score_points", "score_tier"} - set(ours.columns)
    if missing_columns:
        raise ValueError(f"the reference has no column {sorted(missing_columns)}")
    # (mart column, reference column, compared in cents); the last three only if present
    checks = [
        ("total_score", "total_score_points", True),
        ("score_tier", "score_tier", False),
        ("fit_score", "fit_score_points", True),
        ("engagement_score", "engagement_score_points", True),
        ("is_disqualified", "is_disqualified", False),
    ]
    checks = [check for check in checks if check[1] in ours.columns]
    # prefixed, so that columns of the same name are not suffixed away by the merge
    merged = (
        mart[["candidate_id", *(mart_column for mart_column, _, _ in checks)]]
        .add_prefix("mart_")
        .merge(
            ours[["candidate_id", *(our_column for _, our_column, _ in checks)]].add_prefix(
                "reference_"
            ),
            left_on="mart_candidate_id",
            right_on="reference_candidate_id",
            how="outer",
            indicator=True,
        )
    )
    for side, name, key in (
        ("left_only", "the mart only", "mart_candidate_id"),
        ("right_only", "the reference only", "reference_candidate_id"),
    ):
        missing = merged[merged["_merge"] == side]
        if len(missing):
            raise AssertionError(
                f"{len(missing)} candidates in {name}, first: "
                f"{sorted(missing[key])[:SHOWN_DIFFERENCES]}"
            )
    merged["candidate_id"] = merged["mart_candidate_id"]
    for mart_column, our_column, is_points in checks:
        theirs, mine = merged[f"mart_{mart_column}"], merged[f"reference_{our_column}"]
        if is_points:
            theirs, mine = _cents(theirs), _cents(mine)
        differs = ~((theirs == mine) | (theirs.isna() & mine.isna()))
        if differs.any():
            shown = merged.loc[
                differs, ["candidate_id", f"mart_{mart_column}", f"reference_{our_column}"]
            ]
            raise AssertionError(
                f"{int(differs.sum())} of {len(merged)} candidates differ on {mart_column} "
                f"(mart) / {our_column} (reference); first:\n{_first_differences(shown)}"
            )
    return len(merged)


def _compare_rejected_rows(connection: duckdb.DuckDBPyConnection) -> int:
    counts = connection.sql(
        f"""
        with mart as (
            select source_table, rejection_reason, count(*) as rows
            from {REJECTED_ROWS_MART} group by all
        ),
        ours as (
            select source_table, rejection_reason, count(*) as rows
            from reference.rejected_raw_rows group by all
        )
        select
            source_table, rejection_reason, mart.rows as mart_rows, ours.rows as reference_rows
        from mart full join ours using (source_table, rejection_reason)
        where mart.rows is distinct from ours.rows
        order by source_table, rejection_reason
        """
    ).df()
    if len(counts):
        raise AssertionError(f"rejected rows per source table and reason differ:\n{counts}")
    # same counts: then the rows themselves, values included (a multiset difference)
    columns = "source_table, record_id, rejection_reason, rejected_value"
    differing = connection.sql(
        f"""
        (select 'mart only' as side, * from (
            select {columns} from {REJECTED_ROWS_MART}
            except all select {columns} from reference.rejected_raw_rows))
        union all
        (select 'reference only' as side, * from (
            select {columns} from reference.rejected_raw_rows
            except all select {columns} from {REJECTED_ROWS_MART}))
        order by side, source_table, record_id
        """
    ).df()
    if len(differing):
        raise AssertionError(
            f"{len(differing)} rejected rows differ in id or value; first:\n"
            f"{differing.head(SHOWN_DIFFERENCES).to_string(index=False)}"
        )
    total = connection.sql(f"select count(*) from {REJECTED_ROWS_MART}").fetchall()
    return int(total[0][0])
