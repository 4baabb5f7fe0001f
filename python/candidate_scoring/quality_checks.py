"""Great Expectations checks of a built warehouse: the distributions dbt's tests cannot see.

dbt's data tests hold each row to the rules (ids unique, scores add up, tiers agree with the
seed). What they cannot judge is whether the result as a whole is plausible, and whether it
moved since the last time anyone looked. These checks read the built warehouse the way a BI
tool does (a read-only connection) and validate, with Great Expectations:

1. points_within_weight_seed_bounds: every ``<criterion>_points`` column, every
   ``<component>_score`` and ``total_score`` of scoring.candidate_scores lies between the least
   and the most the weight seeds of the weight set in force allow (``criterion_bounds``);
2. tier_shares_within_expected_bounds: each tier holds a share of the candidates within
   expected_share_min and expected_share_max of seeds/score_tiers.csv (empty: no limit);
3. worklist_size_within_bounds: scoring.recruiter_worklist has between
   vars.quality_checks.worklist_size.min and .max rows (dbt_project.yml);
4. share_scoring_zero_within_bound: at most vars.quality_checks.max_share_scoring_zero of the
   candidates have a total score of exactly 0;
5. tier_shares_stable_since_previous_check: no tier's share moved by more than
   vars.quality_checks.max_tier_share_change since the last passing check (the baseline). The
   first check of a warehouse has no baseline: it reports this check as skipped.

A passing check writes what it published (tier shares, mean score, counts, as-of date, weight
set, time) as the new baseline; a failing one leaves the previous baseline in place, so a bad
build never becomes the reference the next one is compared with.

GX's SQL data source over DuckDB returns wrong results (every expectation fails with "list
index out of range", GX issues 10738 and 11579), so the warehouse is read with duckdb into
pandas and validated through GX's pandas data source. GX is imported only when checks run: the
import alone takes seconds.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import duckdb
import pandas as pd  # type: ignore[import-untyped]
import yaml

from candidate_scoring.database import fetch_value, write_json
from candidate_scoring.settings import PROJECT_DIR, project_vars

if TYPE_CHECKING:
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResult,
    )
    from great_expectations.expectations.expectation import Expectation

POINTS_CHECK = "points_within_weight_seed_bounds"
TIER_SHARES_CHECK = "tier_shares_within_expected_bounds"
WORKLIST_CHECK = "worklist_size_within_bounds"
ZERO_SCORES_CHECK = "share_scoring_zero_within_bound"
DRIFT_CHECK = "tier_shares_stable_since_previous_check"
CHECKS = (POINTS_CHECK, TIER_SHARES_CHECK, WORKLIST_CHECK, ZERO_SCORES_CHECK, DRIFT_CHECK)
# the data each suite validates, as Data Docs name it
ASSETS = {
    POINTS_CHECK: "candidate_scores",
    TIER_SHARES_CHECK: "tier_shares",
    WORKLIST_CHECK: "recruiter_worklist",
    ZERO_SCORES_CHECK: "candidate_total_scores",
    DRIFT_CHECK: "tier_share_changes",
}

RESULTS_FILE = "check_results.json"
BASELINE_FILE = "baseline.json"
DATA_DOCS_DIR = "data_docs"
REQUIRED_RELATIONS = (
    "scoring.candidate_scores",
    "scoring.recruiter_worklist",
    "scoring_config.attribute_points",
    "scoring_config.event_points",
    "scoring_config.score_tiers",
    "intermediate.int_scoring_criteria_configured",
)

Status = Literal["passed", "failed", "skipped"]


class QualityCheckError(RuntimeError):
    """The checks cannot run: no build, a missing relation, a broken setting or baseline."""


def default_output_dir(database_path: Path) -> Path:
    """Where the checks of a warehouse write: ``<stem>_quality_checks/`` beside its file.

    Next to the database, not in dbt's target/ (which `dbt clean` empties): each warehouse (the
    demo's, yours) keeps its own baseline, and the baseline survives a clean.
    """
    return database_path.with_name(f"{database_path.stem}_quality_checks")


# --- bounds the weight seeds allow ---------------------------------------------------------


@dataclass(frozen=True)
class Bounds:
    """A closed range of points; None is no limit on that side."""

    low: Decimal | None
    high: Decimal | None

    def __add__(self, other: Bounds) -> Bounds:
        return Bounds(
            None if self.low is None or other.low is None else self.low + other.low,
            None if self.high is None or other.high is None else self.high + other.high,
        )

    def capped(self, cap: Decimal | None) -> Bounds:
        """These bounds within [-cap, cap]; no cap leaves them as they are."""
        if cap is None:
            return self
        return Bounds(
            -cap if self.low is None else max(self.low, -cap),
            cap if self.high is None else min(self.high, cap),
        )

    def describe(self) -> str:
        if self.low is None and self.high is None:
            return "any value"
        if self.low is None:
            return f"at most {_number(self.high)}"
        if self.high is None:
            return f"at least {_number(self.low)}"
        return f"{_number(self.low)} to {_number(self.high)}"


ZERO = Decimal(0)


def attribute_bounds(match_type: str, points: Sequence[Decimal], cap: Decimal | None) -> Bounds:
    """Least and most an attribute criterion can give one candidate.

    A value or band criterion gives the points of the one row the value matches, or 0 when none
    does; a list criterion adds up every row its items match. Either is then capped.
    """
    if match_type in ("value", "band"):
        return Bounds(min([ZERO, *points]), max([ZERO, *points])).capped(cap)
    if match_type == "list":
        negative = sum((p for p in points if p < 0), ZERO)
        positive = sum((p for p in points if p > 0), ZERO)
        return Bounds(negative, positive).capped(cap)
    raise QualityCheckError(f"unknown match type {match_type!r} of an attribute criterion")


def event_bounds(points: Sequence[Decimal], cap: Decimal | None) -> Bounds:
    """Least and most an event criterion can give one candidate.

    Events add up without limit but for the cap, and decay keeps their sign: a criterion whose
    points are all positive never goes below 0, all negative never above 0.
    """
    return Bounds(
        ZERO if all(p >= 0 for p in points) else None,
        ZERO if all(p <= 0 for p in points) else None,
    ).capped(cap)


@dataclass(frozen=True)
class Criterion:
    name: str
    source: str  # attribute or event
    match_type: str | None
    score_component: str


def criterion_bounds(
    criteria: Iterable[Criterion],
    attribute_rows: Iterable[tuple[str, Decimal, Decimal | None]],
    event_rows: Iterable[tuple[str, Decimal, Decimal | None]],
) -> dict[str, Bounds]:
    """Bounds per column of candidate_scores: ``<criterion>_points``, ``<component>_score``
    and ``total_score``, from the weight rows (criterion, points, cap) of the set in force."""
    rows: dict[str, dict[str, list[tuple[Decimal, Decimal | None]]]] = {
        "attribute": {},
        "event": {},
    }
    for source, source_rows in (("attribute", attribute_rows), ("event", event_rows)):
        for name, row_points, row_cap in source_rows:
            rows[source].setdefault(name, []).append((row_points, row_cap))

    bounds: dict[str, Bounds] = {}
    components: dict[str, Bounds] = {}
    total = Bounds(ZERO, ZERO)
    for criterion in criteria:
        weights = rows.get(criterion.source, {}).get(criterion.name, [])
        points = [p for p, _ in weights]
        caps = [c for _, c in weights if c is not None]
        cap = max(caps) if caps else None
        if criterion.source == "attribute":
            result = attribute_bounds(criterion.match_type or "", points, cap)
        elif criterion.source == "event":
            result = event_bounds(points, cap)
        else:
            raise QualityCheckError(
                f"criterion {criterion.name}: unknown source {criterion.source}"
            )
        bounds[f"{criterion.name}_points"] = result
        component = f"{criterion.score_component}_score"
        components[component] = components.get(component, Bounds(ZERO, ZERO)) + result
        total = total + result
    bounds.update(components)
    bounds["total_score"] = total
    return bounds


# --- settings, warehouse, published results -------------------------------------------------


@dataclass(frozen=True)
class CheckSettings:
    """vars.quality_checks of dbt_project.yml."""

    worklist_min: int | None
    worklist_max: int | None
    max_share_scoring_zero: float
    max_tier_share_change: float
    weight_set: str  # vars.weight_set: the set in force when the warehouse holds no score


def read_check_settings(project_dir: Path) -> CheckSettings:
    path = project_dir / "dbt_project.yml"
    try:
        configured = project_vars(project_dir)
    except (OSError, yaml.YAMLError) as error:
        raise QualityCheckError(f"cannot read {path}: {error}") from error
    checks = configured.get("quality_checks")
    if not isinstance(checks, dict):
        raise QualityCheckError(f"{path}: vars.quality_checks is missing")
    worklist = checks.get("worklist_size") or {}

    def number(name: str, value: object, *, share: bool) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise QualityCheckError(f"{path}: vars.quality_checks.{name} must be a number")
        if share and not 0 <= value <= 1:
            raise QualityCheckError(f"{path}: vars.quality_checks.{name} must be 0 to 1")
        return float(value)

    def count(name: str) -> int | None:
        value = worklist.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise QualityCheckError(
                f"{path}: vars.quality_checks.worklist_size.{name} must be a whole number >= 0"
            )
        return int(value)

    return CheckSettings(
        worklist_min=count("min"),
        worklist_max=count("max"),
        max_share_scoring_zero=number(
            "max_share_scoring_zero", checks.get("max_share_scoring_zero"), share=True
        ),
        max_tier_share_change=number(
            "max_tier_share_change", checks.get("max_tier_share_change"), share=True
        ),
        weight_set=str(configured.get("weight_set") or "default"),
    )


@dataclass(frozen=True)
class TierRule:
    tier: str
    share_min: float | None
    share_max: float | None


@dataclass
class Warehouse:
    """What the checks read of a built warehouse."""

    scores: pd.DataFrame
    worklist: pd.DataFrame
    weight_set: str
    as_of_date: str | None
    tiers: list[TierRule]
    bounds: dict[str, Bounds]


def _missing_relations(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        name
        for name in REQUIRED_RELATIONS
        if not fetch_value(
            connection,
            "select count(*) from information_schema.tables "
            "where table_catalog = current_database() and table_schema = ? and table_name = ?",
            name.split("."),
        )
    ]


def read_warehouse(database_path: Path, settings: CheckSettings) -> Warehouse:
    if not database_path.exists():
        raise QualityCheckError(
            f"{database_path}: no such database; `make build` builds your warehouse (README), "
            "`make demo` one on demo data (data/demo.duckdb)"
        )
    with duckdb.connect(str(database_path), read_only=True) as connection:
        missing = _missing_relations(connection)
        if missing:
            raise QualityCheckError(
                f"{database_path}: {', '.join(missing)} not found; run `dbt build` first"
            )
        criteria = [
            Criterion(*row)
            for row in connection.execute(
                "select criterion, criterion_source, match_type, score_component "
                "from intermediate.int_scoring_criteria_configured order by display_order"
            ).fetchall()
        ]
        weight_sets = [
            row[0]
            for row in connection.execute(
                "select distinct weight_set from scoring.candidate_scores"
            ).fetchall()
        ]
        if len(weight_sets) > 1:
            raise QualityCheckError(
                f"scoring.candidate_scores mixes weight sets {sorted(weight_sets)}"
            )
        weight_set = weight_sets[0] if weight_sets else settings.weight_set
        bounds = criterion_bounds(
            criteria,
            connection.execute(
                "select criterion, points, criterion_points_cap "
                "from scoring_config.attribute_points where weight_set = ?",
                [weight_set],
            ).fetchall(),
            connection.execute(
                "select criterion, points_per_event, criterion_points_cap "
                "from scoring_config.event_points where weight_set = ?",
                [weight_set],
            ).fetchall(),
        )
        columns = {
            row[0]
            for row in connection.execute(
                "select column_name from information_schema.columns where table_catalog = "
                "current_database() and table_schema = 'scoring' "
                "and table_name = 'candidate_scores'"
            ).fetchall()
        }
        missing_columns = sorted(set(bounds) - columns)
        if missing_columns:
            raise QualityCheckError(
                f"scoring.candidate_scores lacks {', '.join(missing_columns)}: "
                "rebuild it with `dbt build`"
            )
        selected = ", ".join(f'"{column}"' for column in ["candidate_id", *bounds, "score_tier"])
        scores = connection.execute(f"select {selected} from scoring.candidate_scores").df()
        as_of_date = connection.execute(
            "select cast(max(as_of_date) as varchar) from scoring.candidate_scores"
        ).fetchone()
        worklist = connection.execute("select candidate_id from scoring.recruiter_worklist").df()
        try:
            tier_rows = connection.execute(
                "select tier, expected_share_min, expected_share_max "
                "from scoring_config.score_tiers where weight_set = ? order by priority",
                [weight_set],
            ).fetchall()
        except duckdb.BinderException as error:
            raise QualityCheckError(
                "scoring_config.score_tiers has no expected_share_min/max: "
                f"reload the seeds with `dbt build` ({error})"
            ) from error
    if not tier_rows:
        raise QualityCheckError(f"scoring_config.score_tiers has no tier for {weight_set!r}")
    return Warehouse(
        scores=scores,
        worklist=worklist,
        weight_set=weight_set,
        as_of_date=as_of_date[0] if as_of_date else None,
        tiers=[
            TierRule(
                tier,
                None if low is None else float(low),
                None if high is None else float(high),
            )
            for tier, low, high in tier_rows
        ],
        bounds=bounds,
    )


@dataclass(frozen=True)
class PublishedResults:
    """What a check saw of a build: the baseline the next check compares against."""

    checked_at: str
    database: str
    as_of_date: str | None
    weight_set: str
    candidate_count: int
    worklist_size: int
    mean_total_score: float | None
    tier_counts: dict[str, int]
    tier_shares: dict[str, float]

    @classmethod
    def from_json(cls, path: Path) -> PublishedResults:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError) as error:
            raise QualityCheckError(
                f"the baseline {path} is unreadable ({error}); delete it to start afresh"
            ) from error


def publish(warehouse: Warehouse, database_path: Path, checked_at: datetime) -> PublishedResults:
    scores = warehouse.scores
    total = len(scores)
    counts = scores["score_tier"].value_counts()
    tiers = [rule.tier for rule in warehouse.tiers]
    tiers += sorted(str(tier) for tier in counts.index if tier not in tiers)
    tier_counts = {tier: int(counts.get(tier, 0)) for tier in tiers}
    return PublishedResults(
        checked_at=checked_at.isoformat(timespec="seconds"),
        database=str(database_path),
        as_of_date=warehouse.as_of_date,
        weight_set=warehouse.weight_set,
        candidate_count=total,
        worklist_size=len(warehouse.worklist),
        mean_total_score=round(float(scores["total_score"].mean()), 4) if total else None,
        tier_counts=tier_counts,
        tier_shares={tier: count / total if total else 0.0 for tier, count in tier_counts.items()},
    )


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """One expectation's outcome, in words: what was checked, what was seen, what is allowed."""

    check: str  # one of CHECKS, the name of its expectation suite
    subject: str  # the column, tier or table
    status: Status
    observed: str
    allowed: str
    expectation: str  # GX expectation type

    @property
    def success(self) -> bool:
        return self.status != "failed"

    def describe(self) -> str:
        return (
            f"{self.status.upper()} {self.check} ({self.expectation}) on {self.subject}: "
            f"observed {self.observed}; allowed {self.allowed}"
        )


@dataclass
class CheckReport:
    database: Path
    output_dir: Path
    results: list[CheckResult]
    published: PublishedResults
    previous: PublishedResults | None
    baseline_replaced: bool
    validation_results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> list[CheckResult]:
        return [result for result in self.results if result.status == "failed"]

    @property
    def success(self) -> bool:
        return not self.failed

    @property
    def results_path(self) -> Path:
        return self.output_dir / RESULTS_FILE

    @property
    def baseline_path(self) -> Path:
        return self.output_dir / BASELINE_FILE

    @property
    def data_docs_index(self) -> Path:
        return self.output_dir / DATA_DOCS_DIR / "index.html"


def _number(value: Decimal | float | int | None) -> str:
    if value is None:
        return "-"
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")


def _share(value: float) -> str:
    """A share as a percentage; small ones keep two decimals, so 1 in 5,000 is not 0.0 %."""
    return f"{value:.2%}" if 0 < abs(value) < 0.01 else f"{value:.1%}"


def _share_range(low: float | None, high: float | None) -> str:
    if low is None:
        return f"at most {_share(high or 0.0)}"
    if high is None:
        return f"at least {_share(low)}"
    return f"{_share(low)} to {_share(high)}"


@dataclass
class _Planned:
    """An expectation to run, with the words its result is reported in."""

    expectation: Expectation
    subject: str
    allowed: str
    observed: str


@dataclass
class _Suite:
    name: str
    frame: pd.DataFrame
    planned: list[_Planned]


def _import_gx() -> None:
    """Import GX quietly: no usage analytics, no INFO logs."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations  # noqa: F401  (imported late: it takes seconds)

    logging.getLogger("great_expectations").setLevel(logging.ERROR)


def _plan(
    warehouse: Warehouse,
    published: PublishedResults,
    previous: PublishedResults | None,
    settings: CheckSettings,
) -> list[_Suite]:
    _import_gx()
    import great_expectations as gx
    from great_expectations.expectations.row_conditions import Column

    expectations = gx.expectations
    scores = warehouse.scores
    suites: list[_Suite] = []

    planned: list[_Planned] = []
    for column, bounds in warehouse.bounds.items():
        if bounds.low is None and bounds.high is None:
            continue
        values = scores[column]
        planned.append(
            _Planned(
                expectations.ExpectColumnValuesToBeBetween(
                    column=column,
                    min_value=None if bounds.low is None else float(bounds.low),
                    max_value=None if bounds.high is None else float(bounds.high),
                    meta={"subject": column, "weight_set": warehouse.weight_set},
                ),
                subject=column,
                allowed=f"{bounds.describe()} (weight set {warehouse.weight_set})",
                observed=f"min {_number(values.min())}, max {_number(values.max())}"
                if len(values)
                else "no candidates",
            )
        )
    suites.append(_Suite(POINTS_CHECK, scores, planned))

    shares = pd.DataFrame(
        {
            "tier": list(published.tier_shares),
            "candidates": list(published.tier_counts.values()),
            "share": list(published.tier_shares.values()),
        }
    )
    planned = []
    for rule in warehouse.tiers:
        if rule.share_min is None and rule.share_max is None:
            continue
        subject = f"tier {rule.tier}"
        planned.append(
            _Planned(
                expectations.ExpectColumnValuesToBeBetween(
                    column="share",
                    min_value=rule.share_min,
                    max_value=rule.share_max,
                    row_condition=Column("tier") == rule.tier,
                    meta={"subject": subject},
                ),
                subject=subject,
                allowed=_share_range(rule.share_min, rule.share_max) + " (seeds/score_tiers.csv)",
                observed=f"{_share(published.tier_shares[rule.tier])} "
                f"({published.tier_counts[rule.tier]:,} of {published.candidate_count:,})",
            )
        )
    suites.append(_Suite(TIER_SHARES_CHECK, shares, planned))

    if settings.worklist_min is not None or settings.worklist_max is not None:
        allowed = (
            f"{settings.worklist_min if settings.worklist_min is not None else 0:,} to "
            + (f"{settings.worklist_max:,}" if settings.worklist_max is not None else "any")
            + " rows (vars.quality_checks.worklist_size)"
        )
        expectation = expectations.ExpectTableRowCountToBeBetween(
            min_value=settings.worklist_min,
            max_value=settings.worklist_max,
            meta={"subject": "scoring.recruiter_worklist"},
        )
        suites.append(
            _Suite(
                WORKLIST_CHECK,
                warehouse.worklist,
                [
                    _Planned(
                        expectation,
                        subject="scoring.recruiter_worklist",
                        allowed=allowed,
                        observed=f"{published.worklist_size:,} rows",
                    )
                ],
            )
        )

    zero = int((scores["total_score"] == 0).sum())
    zero_share = zero / len(scores) if len(scores) else 0.0
    suites.append(
        _Suite(
            ZERO_SCORES_CHECK,
            scores[["candidate_id", "total_score"]],
            [
                _Planned(
                    expectations.ExpectColumnValuesToNotBeInSet(
                        column="total_score",
                        value_set=[0],
                        mostly=1 - settings.max_share_scoring_zero,
                        meta={"subject": "total_score = 0"},
                    ),
                    subject="total_score = 0",
                    allowed=f"at most {_share(settings.max_share_scoring_zero)} of the "
                    "candidates (vars.quality_checks.max_share_scoring_zero)",
                    observed=f"{_share(zero_share)} ({zero:,} of {len(scores):,})",
                )
            ],
        )
    )

    if previous is not None:
        tiers = list(published.tier_shares)
        tiers += [tier for tier in previous.tier_shares if tier not in tiers]
        changes = pd.DataFrame(
            {
                "tier": tiers,
                "share": [published.tier_shares.get(tier, 0.0) for tier in tiers],
                "previous_share": [previous.tier_shares.get(tier, 0.0) for tier in tiers],
            }
        )
        changes["share_change"] = (changes["share"] - changes["previous_share"]).abs()
        planned = []
        for tier, share, previous_share, change in changes.itertuples(index=False):
            subject = f"tier {tier}"
            planned.append(
                _Planned(
                    expectations.ExpectColumnValuesToBeBetween(
                        column="share_change",
                        max_value=settings.max_tier_share_change,
                        row_condition=Column("tier") == tier,
                        meta={"subject": subject},
                    ),
                    subject=subject,
                    allowed=f"a change of at most {settings.max_tier_share_change * 100:.1f} "
                    "points (vars.quality_checks.max_tier_share_change)",
                    observed=f"a change of {change * 100:.1f} points, "
                    f"{_share(previous_share)} -> {_share(share)} since the check of "
                    f"{previous.checked_at} (as of {previous.as_of_date}, "
                    f"weight set {previous.weight_set})",
                )
            )
        suites.append(_Suite(DRIFT_CHECK, changes, planned))
    return suites


def _validate(
    suites: list[_Suite], drift_skipped: bool, max_change: float, output_dir: Path
) -> tuple[list[CheckResult], list[dict[str, Any]]]:
    """Run every suite through GX's pandas data source; build the Data Docs site."""
    _import_gx()
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    # The ephemeral context's default site writes to a temporary folder: replace it by one in
    # the output folder, without the GX newsletter and tutorial links.
    for site in list(context.list_data_docs_sites()):
        context.delete_data_docs_site(site)
    docs_dir = output_dir.resolve() / DATA_DOCS_DIR
    shutil.rmtree(docs_dir, ignore_errors=True)  # only this check's pages
    context.add_data_docs_site(
        site_name="quality_checks",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir),
            },
            "site_index_builder": {
                "class_name": "DefaultSiteIndexBuilder",
                "show_how_to_buttons": False,
            },
        },
    )
    source = context.data_sources.add_pandas("warehouse")

    results: list[CheckResult] = []
    validations: list[dict[str, Any]] = []
    for suite_plan in suites:
        suite = context.suites.add(
            gx.ExpectationSuite(
                name=suite_plan.name, expectations=[p.expectation for p in suite_plan.planned]
            )
        )
        if not suite_plan.planned:
            continue
        batch_definition = source.add_dataframe_asset(
            ASSETS[suite_plan.name]
        ).add_batch_definition_whole_dataframe("whole_table")
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=suite_plan.name, data=batch_definition, suite=suite)
        )
        validation = definition.run(
            batch_parameters={"dataframe": suite_plan.frame}, result_format="SUMMARY"
        )
        validations.append(validation.to_json_dict())  # type: ignore[no-untyped-call]
        results += _read_results(suite_plan, validation)

    if drift_skipped:
        # on the suites page of the Data Docs, with nothing validated against it yet
        context.suites.add(gx.ExpectationSuite(name=DRIFT_CHECK))
        results.append(
            CheckResult(
                check=DRIFT_CHECK,
                subject="every tier",
                status="skipped",
                observed="no previous passing check to compare with (first check)",
                allowed=f"a change of at most {max_change * 100:.1f} points per tier",
                expectation="expect_column_values_to_be_between",
            )
        )
    context.build_data_docs(site_names=["quality_checks"])
    return results, validations


def _read_results(
    suite_plan: _Suite, validation: ExpectationSuiteValidationResult
) -> list[CheckResult]:
    planned = {p.subject: p for p in suite_plan.planned}
    results = []
    for result in validation.results:
        config = result.expectation_config
        if config is None:  # typed optional; a suite's results always carry their expectation
            raise RuntimeError(
                f"Great Expectations returned a result without expectation: {result}"
            )
        plan = planned[str((config.meta or {})["subject"])]
        observed = plan.observed
        unexpected = result.result.get("unexpected_count")
        if not result.success and suite_plan.name == POINTS_CHECK and unexpected is not None:
            examples = list(result.result.get("partial_unexpected_list") or [])[:5]
            observed += (
                f" ({unexpected:,} of {result.result.get('element_count', 0):,} candidates "
                f"outside, e.g. {', '.join(_number(v) for v in examples)})"
            )
        if result.exception_info and result.exception_info.get("raised_exception"):
            observed = f"error: {result.exception_info.get('exception_message')}"
        results.append(
            CheckResult(
                check=suite_plan.name,
                subject=plan.subject,
                status="passed" if result.success else "failed",
                observed=observed,
                allowed=plan.allowed,
                expectation=config.type,
            )
        )
    order = {p.subject: index for index, p in enumerate(suite_plan.planned)}
    return sorted(results, key=lambda r: order[r.subject])


def check_warehouse(
    database_path: Path,
    output_dir: Path | None = None,
    *,
    project_dir: Path | None = None,
    now: datetime | None = None,
) -> CheckReport:
    """Run the checks on a built warehouse; write results, Data Docs and (if passed) baseline."""
    settings = read_check_settings(project_dir or PROJECT_DIR)
    output_dir = output_dir or default_output_dir(database_path)
    warehouse = read_warehouse(database_path, settings)
    checked_at = now or datetime.now(UTC)
    published = publish(warehouse, database_path, checked_at)
    baseline = output_dir / BASELINE_FILE
    previous = PublishedResults.from_json(baseline) if baseline.exists() else None

    output_dir.mkdir(parents=True, exist_ok=True)
    suites = _plan(warehouse, published, previous, settings)
    results, validations = _validate(
        suites, previous is None, settings.max_tier_share_change, output_dir
    )
    report = CheckReport(
        database=database_path,
        output_dir=output_dir,
        results=results,
        published=published,
        previous=previous,
        baseline_replaced=False,
        validation_results=validations,
    )
    if report.success:
        write_json(baseline, asdict(published))
        report.baseline_replaced = True
    write_json(
        report.results_path,
        {
            "database": str(database_path),
            "checked_at": published.checked_at,
            "success": report.success,
            "baseline": str(baseline),
            "baseline_replaced": report.baseline_replaced,
            "published": asdict(published),
            "previous": None if previous is None else asdict(previous),
            "checks": [asdict(result) for result in results],
            "great_expectations": validations,
        },
    )
    return report


def format_report(report: CheckReport, *, failures: bool = True) -> str:
    """The readable summary `candidate-scoring check` prints: the checks that did not pass
    (without the failed ones if ``failures`` is false), the counts and where the files are."""
    counts = {status: 0 for status in ("passed", "failed", "skipped")}
    for result in report.results:
        counts[result.status] += 1
    shown = ("failed", "skipped") if failures else ("skipped",)
    lines = [result.describe() for result in report.results if result.status in shown]
    if lines:
        lines.append("")
    lines += [
        f"Great Expectations on {report.database}: {counts['passed']} passed, "
        f"{counts['failed']} failed, {counts['skipped']} skipped",
        f"  results:   {report.results_path}",
        f"  data docs: {report.data_docs_index}",
        f"  baseline:  {report.baseline_path} "
        + (
            "(replaced by this check)"
            if report.baseline_replaced
            else "(kept: a failed check never becomes the baseline)"
            if report.previous is not None
            else "(none: a failed check never becomes the baseline)"
        ),
    ]
    return "\n".join(lines)
