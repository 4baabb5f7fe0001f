"""The backtest report: one self-contained HTML page that compares the weight sets on the
evaluation marts of a built warehouse (how well each ranks the holdout candidates, how its
tiers convert, what changes if a challenger replaces the set in force).

The page makes no request when opened: the plots are PNG images rendered with matplotlib's Agg
backend and embedded as base64 data URIs, the styling is inline, there is no script. PNG rather
than SVG because an SVG carries the w3.org namespace URL, and the PNGs are saved without
matplotlib's "Software" text chunk, which holds its website's address.
"""

from __future__ import annotations

import base64
import html
import io
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import yaml
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from candidate_scoring.database import fetch_value
from candidate_scoring.settings import PROJECT_DIR, backtest_outcomes

DEFAULT_OUTPUT = Path("target") / "backtest_report.html"
DEFAULT_PRIMARY_OUTCOME = "placement"

SUMMARY = "evaluation.backtest_summary"
METRICS_BY_DATE = "evaluation.backtest_metrics_by_date"
CANDIDATE_SCORES = "evaluation.backtest_candidate_scores"
TIER_PERFORMANCE = "evaluation.backtest_tier_performance"
SCORE_CALIBRATION = "evaluation.backtest_score_calibration"
INFORMATION_VALUE = "evaluation.criterion_information_value"
TIER_CHANGES = "scoring.tier_change_counts"
REQUIRED_RELATIONS = (
    SUMMARY,
    METRICS_BY_DATE,
    CANDIDATE_SCORES,
    TIER_PERFORMANCE,
    SCORE_CALIBRATION,
    INFORMATION_VALUE,
    TIER_CHANGES,
)

# The ids of the plots' <figure> elements, in page order: the interface tests check.
FIGURE_IDS = (
    "score-distribution",
    "tier-conversion",
    "lift-curve",
    "calibration",
    "champion-challenger",
    "auc-by-date",
    "tier-change-matrix",
    "information-value",
)

# Known tiers keep the colours a recruiter expects (hot is red); any other tier takes the next
# colour of the palette, in priority order.
TIER_COLOURS = {"hot": "#d62728", "warm": "#ff7f0e", "cold": "#1f77b4", "disqualified": "#7f7f7f"}
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
# Conventional reading of an information value (Siddiqi): below 0.02 useless, 0.02 weak,
# 0.1 medium, 0.3 strong.
IV_THRESHOLDS = ((0.02, "weak"), (0.1, "medium"), (0.3, "strong"))
DPI = 100


class ReportError(RuntimeError):
    """The report cannot be made: no warehouse, or the evaluation marts are missing."""


Row = dict[str, Any]


@dataclass(frozen=True)
class ReportData:
    """What the page shows, read from the warehouse."""

    database_path: Path
    weight_set_in_force: str
    weight_sets: list[str]  # the set in force first, then the others by name
    primary_outcome: str
    outcomes: list[str]  # the primary outcome first
    summary: list[Row]
    metrics_by_date: list[Row]
    candidate_scores: list[Row]  # holdout only
    tier_performance: list[Row]
    calibration: list[Row]
    information_value: list[Row]
    tier_changes: list[Row]


@dataclass(frozen=True)
class Plot:
    """One figure of the page."""

    figure_id: str
    title: str
    how_to_read: str
    png: bytes


# --- reading the warehouse ------------------------------------------------------------------


def _records(
    connection: duckdb.DuckDBPyConnection,
    relation: str,
    query: str,
    parameters: Sequence[object] = (),
) -> list[Row]:
    """Rows of ``query`` as dicts; a column the query needs and the relation lacks (a build
    older than the contract) becomes a ReportError naming the relation."""
    try:
        cursor = connection.execute(query, list(parameters))
        columns = [column[0] for column in cursor.description or []]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    except duckdb.Error as error:
        first_line = str(error).splitlines()[0]
        raise ReportError(
            f"cannot read {relation} ({first_line}); run `dbt build` first to rebuild the "
            "evaluation marts"
        ) from error


def _by_outcome(
    connection: duckdb.DuckDBPyConnection,
    relation: str,
    columns: str,
    order_by: str,
    outcome: str,
    group_by: str | None = None,
) -> list[Row]:
    """The rows of one outcome of a per-outcome mart."""
    grouping = f"group by {group_by}" if group_by else ""
    return _records(
        connection,
        relation,
        f"select {columns} from {relation} where outcome = ? {grouping} order by {order_by}",
        [outcome],
    )


def _configured_outcomes(project_dir: Path) -> list[str]:
    """vars.backtest.outcomes of dbt_project.yml (the first one is primary), or none."""
    try:
        return backtest_outcomes(project_dir)
    except (OSError, yaml.YAMLError):
        return []


def _primary_outcome(in_data: Sequence[str], requested: str | None, project_dir: Path) -> str:
    """The outcome asked for, else the first of vars.backtest.outcomes (the primary one, which
    the fit learns) that the warehouse holds, else placement (the default primary outcome, for
    a project whose dbt_project.yml cannot be read), else the first by name."""
    if requested is not None:
        if requested not in in_data:
            raise ReportError(
                f"outcome {requested!r} is not in {SUMMARY} (it has: {', '.join(in_data)})"
            )
        return requested
    for outcome in [*_configured_outcomes(project_dir), DEFAULT_PRIMARY_OUTCOME]:
        if outcome in in_data:
            return outcome
    return sorted(in_data)[0]


def read_report_data(
    database_path: Path, outcome: str | None = None, project_dir: Path = PROJECT_DIR
) -> ReportData:
    """Read the evaluation marts of a built warehouse, read-only (dbt may build beside)."""
    if not database_path.exists():
        raise ReportError(
            f"{database_path}: no such database; `make build` builds your warehouse "
            "(README), `make demo` builds one on demo data (data/demo.duckdb)"
        )
    with duckdb.connect(str(database_path), read_only=True) as connection:
        missing = [
            relation
            for relation in REQUIRED_RELATIONS
            if not fetch_value(
                connection,
                "select count(*) from information_schema.tables "
                "where table_catalog = current_database() "
                "and table_schema = ? and table_name = ?",
                relation.split("."),
            )
        ]
        if missing:
            raise ReportError(
                f"{database_path}: {', '.join(missing)} not found; run `dbt build` first "
                "(it builds the evaluation marts the report reads)"
            )
        summary = _records(
            connection,
            SUMMARY,
            f"""
            select weight_set, is_weight_set_in_force, outcome, as_of_dates, candidates,
                conversions, conversion_rate, auc, gini, ks, top_tier,
                top_tier_conversion_rate, top_tier_lift
            from {SUMMARY}
            order by outcome, weight_set
            """,
        )
        if not summary:
            raise ReportError(
                f"{SUMMARY} is empty: no backtest date has a complete outcome window in this "
                "data (vars.backtest in dbt_project.yml), or the build did not finish"
            )
        in_force = sorted({row["weight_set"] for row in summary if row["is_weight_set_in_force"]})
        if len(in_force) != 1:
            raise ReportError(
                f"{SUMMARY} marks {len(in_force)} weight sets in force "
                f"({', '.join(in_force) or 'none'}), one expected; run `dbt build` again"
            )
        [weight_set_in_force] = in_force
        weight_sets = [weight_set_in_force] + sorted(
            {row["weight_set"] for row in summary} - {weight_set_in_force}
        )
        in_data = sorted({row["outcome"] for row in summary})
        primary = _primary_outcome(in_data, outcome, project_dir)
        # Every plot is about the primary outcome; the headline table shows the others too.
        return ReportData(
            database_path=database_path,
            weight_set_in_force=weight_set_in_force,
            weight_sets=weight_sets,
            primary_outcome=primary,
            outcomes=[primary] + [name for name in in_data if name != primary],
            summary=summary,
            metrics_by_date=_by_outcome(
                connection,
                METRICS_BY_DATE,
                "weight_set, as_of_date, auc",
                "weight_set, as_of_date",
                primary,
            ),
            candidate_scores=_records(
                connection,
                CANDIDATE_SCORES,
                # The holdout sample, as in the metrics marts: fitted weights learnt on the
                # other candidates, so only these compare fitted and hand-set sets fairly.
                f"""
                select weight_set, total_score, score_tier, tier_priority
                from {CANDIDATE_SCORES}
                where evaluation_sample = 'holdout' and is_outcome_window_complete
                    and total_score is not null
                """,
            ),
            tier_performance=_by_outcome(
                connection,
                TIER_PERFORMANCE,
                "weight_set, score_tier, tier_priority, conversion_rate, lift",
                "weight_set, tier_priority, score_tier",
                primary,
            ),
            calibration=_by_outcome(
                connection,
                SCORE_CALIBRATION,
                "weight_set, score_decile, conversion_rate, cumulative_lift",
                "weight_set, score_decile",
                primary,
            ),
            information_value=_by_outcome(
                connection,
                INFORMATION_VALUE,
                # One value per criterion: the criterion's total repeats on each rule's row.
                "weight_set, criterion, max(criterion_information_value) "
                "as criterion_information_value",
                "weight_set, criterion",
                primary,
                group_by="weight_set, criterion",
            ),
            tier_changes=_records(
                connection,
                TIER_CHANGES,
                "select challenger_weight_set, tier_in_force, challenger_tier, candidates "
                f"from {TIER_CHANGES}",
            ),
        )


# --- plots ----------------------------------------------------------------------------------


def _number(value: object) -> float:
    """A plottable float: NULL (no conversion, one class only) becomes NaN, drawn as a gap."""
    if value is None:
        return math.nan
    return float(value)  # type: ignore[arg-type]


def _png(figure: Figure) -> bytes:
    """The figure as PNG bytes, drawn by the Agg backend without touching pyplot's state."""
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    # No "Software" chunk: it would embed matplotlib's web address in the page.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _no_data(axes: Axes, message: str) -> None:
    axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes)
    axes.set_xticks([])
    axes.set_yticks([])


def _set_colours(weight_sets: Sequence[str]) -> dict[str, str]:
    """One colour per weight set, the same in every plot; the set in force comes first."""
    return {name: PALETTE[index % len(PALETTE)] for index, name in enumerate(weight_sets)}


def _set_label(data: ReportData, weight_set: str) -> str:
    return f"{weight_set} (in force)" if weight_set == data.weight_set_in_force else weight_set


def _tier_priorities(data: ReportData) -> dict[str, int]:
    """A tier's rank (1 = best), for ordering tiers alike in every plot."""
    priorities: dict[str, int] = {}
    for row in [*data.candidate_scores, *data.tier_performance]:
        if row["tier_priority"] is not None:
            tier, priority = row["score_tier"], int(row["tier_priority"])
            priorities[tier] = min(priority, priorities.get(tier, priority))
    return priorities


def _ordered_tiers(tiers: Iterable[str], priorities: dict[str, int]) -> list[str]:
    """Best tier first; a tier of unknown priority (disqualified, only in the live tier
    changes) after the known ones."""
    return sorted(set(tiers), key=lambda tier: (priorities.get(tier, 1_000_000), tier))


def _tier_colours(tiers: Sequence[str]) -> dict[str, str]:
    others = iter(colour for colour in PALETTE if colour not in TIER_COLOURS.values())
    return {tier: TIER_COLOURS.get(tier) or next(others, "#333333") for tier in tiers}


def _grid(count: int, columns: int = 3) -> tuple[int, int]:
    columns = max(1, min(columns, count))
    return math.ceil(count / columns), columns


def _base_rate(data: ReportData) -> float:
    """The primary outcome's conversion rate of all holdout candidates (NaN if unknown)."""
    rates = [
        _number(row["conversion_rate"])
        for row in data.summary
        if row["weight_set"] == data.weight_set_in_force and row["outcome"] == data.primary_outcome
    ]
    return rates[0] if rates else math.nan


def plot_score_distribution(data: ReportData) -> Plot:
    priorities = _tier_priorities(data)
    rows, columns = _grid(len(data.weight_sets))
    figure = Figure(figsize=(4.2 * columns, 3.4 * rows), layout="constrained")
    axes_grid = figure.subplots(rows, columns, squeeze=False)
    for index, axes in enumerate(axes_grid.flat):
        if index >= len(data.weight_sets):
            axes.set_visible(False)
            continue
        weight_set = data.weight_sets[index]
        scores: dict[str, list[float]] = {}
        for row in data.candidate_scores:
            if row["weight_set"] == weight_set:
                scores.setdefault(row["score_tier"], []).append(float(row["total_score"]))
        axes.set_title(_set_label(data, weight_set))
        if not scores:
            _no_data(axes, "no holdout candidates")
            continue
        tiers = _ordered_tiers(scores, priorities)
        colours = _tier_colours(tiers)
        axes.hist(
            [scores[tier] for tier in tiers],
            bins=30,
            stacked=True,
            color=[colours[tier] for tier in tiers],
            label=tiers,
        )
        axes.set_xlabel("total score")
        axes.set_ylabel("candidate-dates")
        axes.legend(title="tier", fontsize="small")
    figure.suptitle("Score distribution by tier (holdout, all as-of dates)")
    return Plot(
        "score-distribution",
        "Score distribution by tier",
        "Each panel counts the holdout candidate-dates of one weight set by total score, "
        "stacked and coloured by the tier they land in, so a tier's bound is where the colour "
        "changes and its width is how many candidates a recruiter would see in it.",
        _png(figure),
    )


def plot_tier_conversion(data: ReportData) -> Plot:
    priorities = _tier_priorities(data)
    tiers = _ordered_tiers((row["score_tier"] for row in data.tier_performance), priorities)
    colours = _set_colours(data.weight_sets)
    figure = Figure(figsize=(9, 4.2), layout="constrained")
    axes = figure.subplots()
    if not tiers:
        _no_data(axes, f"no rows in {TIER_PERFORMANCE}")
    width = 0.8 / len(data.weight_sets)
    for index, weight_set in enumerate(data.weight_sets):
        rates = {
            row["score_tier"]: 100 * _number(row["conversion_rate"])
            for row in data.tier_performance
            if row["weight_set"] == weight_set
        }
        heights = [rates.get(tier, math.nan) for tier in tiers]
        bars = axes.bar(
            [position - 0.4 + width * (index + 0.5) for position in range(len(tiers))],
            heights,
            width,
            label=_set_label(data, weight_set),
            color=colours[weight_set],
        )
        axes.bar_label(
            bars,
            labels=["" if math.isnan(height) else f"{height:.1f}%" for height in heights],
            fontsize="x-small",
        )
    base_rate = _base_rate(data)
    if tiers and not math.isnan(base_rate):
        axes.axhline(100 * base_rate, color="black", linestyle="--", linewidth=1)
        axes.annotate(
            f"base rate {100 * base_rate:.1f}%",
            (1, 100 * base_rate),
            xycoords=("axes fraction", "data"),
            ha="right",
            va="bottom",
            fontsize="small",
        )
    if tiers:
        axes.set_xticks(range(len(tiers)), tiers)
        axes.legend(title="weight set", fontsize="small")
    axes.set_xlabel("tier (best first)")
    axes.set_ylabel(f"conversion rate to {data.primary_outcome} (%)")
    axes.set_title(f"Conversion rate by tier ({data.primary_outcome}, holdout)")
    return Plot(
        "tier-conversion",
        "Conversion rate by tier",
        "Each bar is the share of a tier's holdout candidates who converted within the outcome "
        "window; a good weight set has tall bars for the best tiers, short ones for the worst, "
        "and the dashed line is the rate of all candidates.",
        _png(figure),
    )


def _deciles(data: ReportData, weight_set: str, column: str) -> tuple[list[int], list[float]]:
    rows = [row for row in data.calibration if row["weight_set"] == weight_set]
    return [int(row["score_decile"]) for row in rows], [_number(row[column]) for row in rows]


def plot_lift_curve(data: ReportData) -> Plot:
    colours = _set_colours(data.weight_sets)
    figure = Figure(figsize=(9, 4.2), layout="constrained")
    axes = figure.subplots()
    for weight_set in data.weight_sets:
        deciles, lifts = _deciles(data, weight_set, "cumulative_lift")
        if deciles:
            in_force = weight_set == data.weight_set_in_force
            axes.plot(
                deciles,
                lifts,
                marker="o",
                color=colours[weight_set],
                linewidth=2.5 if in_force else 1.5,
                zorder=3 if in_force else 2,  # drawn above a challenger it overlaps
                label=_set_label(data, weight_set),
            )
    if not data.calibration:
        _no_data(axes, f"no rows in {SCORE_CALIBRATION}")
    else:
        axes.axhline(1, color="black", linestyle="--", linewidth=1, label="random order")
        axes.set_xticks(range(1, 11))
        # The highest scores on the left: reading rightwards is contacting more candidates.
        axes.set_xlim(10.5, 0.5)
        axes.legend(title="weight set", fontsize="small")
    axes.set_xlabel("score decile, cumulated from the top (10 = highest scores)")
    axes.set_ylabel("cumulative lift (x base rate)")
    axes.set_title(f"Lift curve ({data.primary_outcome}, holdout)")
    return Plot(
        "lift-curve",
        "Lift curve",
        "A point is how many times the base rate the candidates from the top decile down to "
        "this one convert (3 = three times as often as at random); higher on the left is "
        "better, and every curve ends at 1 when all candidates are counted.",
        _png(figure),
    )


def plot_calibration(data: ReportData) -> Plot:
    colours = _set_colours(data.weight_sets)
    figure = Figure(figsize=(9, 4.2), layout="constrained")
    axes = figure.subplots()
    for weight_set in data.weight_sets:
        deciles, rates = _deciles(data, weight_set, "conversion_rate")
        if deciles:
            in_force = weight_set == data.weight_set_in_force
            axes.plot(
                deciles,
                [100 * rate for rate in rates],
                marker="o",
                color=colours[weight_set],
                linewidth=2.5 if in_force else 1.5,
                zorder=3 if in_force else 2,  # drawn above a challenger it overlaps
                label=_set_label(data, weight_set),
            )
    base_rate = _base_rate(data)
    if not data.calibration:
        _no_data(axes, f"no rows in {SCORE_CALIBRATION}")
    else:
        if not math.isnan(base_rate):
            axes.axhline(
                100 * base_rate, color="black", linestyle="--", linewidth=1, label="base rate"
            )
        axes.set_xticks(range(1, 11))
        axes.legend(title="weight set", fontsize="small")
    axes.set_xlabel("score decile (1 = lowest scores, 10 = highest)")
    axes.set_ylabel(f"conversion rate to {data.primary_outcome} (%)")
    axes.set_title(f"Conversion rate by score decile ({data.primary_outcome}, holdout)")
    return Plot(
        "calibration",
        "Calibration: conversion rate by score decile",
        "Each point is the conversion rate of a tenth of the holdout candidates ranked by "
        "score; a score that means something rises steadily from left to right, and a flat or "
        "jagged line means the score does not order candidates by their chance (dashed: base "
        "rate).",
        _png(figure),
    )


def plot_champion_challenger(data: ReportData) -> Plot:
    rows = {
        row["weight_set"]: row for row in data.summary if row["outcome"] == data.primary_outcome
    }
    sets = [weight_set for weight_set in data.weight_sets if weight_set in rows]
    colours = ["#333333" if s == data.weight_set_in_force else "#9ecae1" for s in sets]
    labels = [_set_label(data, weight_set).replace(" (", "\n(") for weight_set in sets]
    figure = Figure(figsize=(9, 4.2), layout="constrained")
    auc_axes, lift_axes = figure.subplots(1, 2)
    for axes, column, reference, reference_label, unit in (
        (auc_axes, "auc", 0.5, "random (0.5)", "AUC"),
        (lift_axes, "top_tier_lift", 1.0, "base rate (1x)", "top-tier lift (x base rate)"),
    ):
        values = [_number(rows[weight_set][column]) for weight_set in sets]
        bars = axes.bar(range(len(sets)), values, color=colours)
        axes.bar_label(
            bars,
            labels=["" if math.isnan(value) else f"{value:.3g}" for value in values],
            fontsize="small",
        )
        axes.axhline(reference, color="black", linestyle="--", linewidth=1, label=reference_label)
        axes.set_xticks(range(len(sets)), labels)
        axes.set_xlabel("weight set")
        axes.set_ylabel(unit)
        axes.legend(fontsize="small", loc="lower right")
    auc_axes.set_ylim(0, 1)
    auc_axes.set_title("AUC (ranking of converters first)")
    lift_axes.set_title("Lift of each set's top tier")
    figure.suptitle(f"Set in force against each challenger ({data.primary_outcome}, holdout)")
    return Plot(
        "champion-challenger",
        "Champion against challengers",
        "The dark bar is the weight set in force, the light ones the challengers: a challenger "
        "worth switching to is higher on both, ranking converters above the others more often "
        "(AUC) and filling its top tier with more of them (lift).",
        _png(figure),
    )


def plot_auc_by_date(data: ReportData) -> Plot:
    colours = _set_colours(data.weight_sets)
    figure = Figure(figsize=(9, 4.2), layout="constrained")
    axes = figure.subplots()
    for weight_set in data.weight_sets:
        rows = [row for row in data.metrics_by_date if row["weight_set"] == weight_set]
        if rows:
            dates: list[Any] = [row["as_of_date"] for row in rows]
            in_force = weight_set == data.weight_set_in_force
            axes.plot(
                dates,
                [_number(row["auc"]) for row in rows],
                marker="o",
                color=colours[weight_set],
                linewidth=2.5 if in_force else 1.5,
                zorder=3 if in_force else 2,  # drawn above a challenger it overlaps
                label=_set_label(data, weight_set),
            )
    if not data.metrics_by_date:
        _no_data(axes, f"no rows in {METRICS_BY_DATE}")
    else:
        axes.axhline(0.5, color="black", linestyle="--", linewidth=1, label="random (0.5)")
        axes.legend(title="weight set", fontsize="small")
        figure.autofmt_xdate()
    axes.set_xlabel("backtest as-of date")
    axes.set_ylabel("AUC")
    axes.set_title(f"AUC by as-of date ({data.primary_outcome}, holdout)")
    return Plot(
        "auc-by-date",
        "AUC by as-of date",
        "Each line follows one weight set's AUC over the backtest dates: a challenger that "
        "beats the set in force on most dates, not on the pooled figure alone, is a steady "
        "improvement rather than the luck of a few months.",
        _png(figure),
    )


def plot_tier_change_matrix(data: ReportData) -> Plot:
    priorities = _tier_priorities(data)
    challengers = sorted(
        {row["challenger_weight_set"] for row in data.tier_changes} | set(data.weight_sets[1:])
    )
    rows_count, columns = _grid(max(1, len(challengers)), columns=2)
    figure = Figure(figsize=(max(7.0, 5.2 * columns), 4.4 * rows_count), layout="constrained")
    axes_grid = figure.subplots(rows_count, columns, squeeze=False)
    for index, axes in enumerate(axes_grid.flat):
        if not challengers:
            _no_data(axes, "no challenger weight set")
            continue
        if index >= len(challengers):
            axes.set_visible(False)
            continue
        challenger = challengers[index]
        counts = {
            (row["tier_in_force"], row["challenger_tier"]): int(row["candidates"])
            for row in data.tier_changes
            if row["challenger_weight_set"] == challenger
        }
        axes.set_title(f"{data.weight_set_in_force} (in force) against {challenger}")
        if not counts:
            _no_data(axes, f"no rows in {TIER_CHANGES}")
            continue
        in_force_tiers = _ordered_tiers((pair[0] for pair in counts), priorities)
        challenger_tiers = _ordered_tiers((pair[1] for pair in counts), priorities)
        matrix = [
            [counts.get((row_tier, column_tier), 0) for column_tier in challenger_tiers]
            for row_tier in in_force_tiers
        ]
        largest = max(max(row) for row in matrix) or 1
        axes.imshow(matrix, cmap="Blues", vmin=0, vmax=largest, aspect="auto")
        for row_index, row in enumerate(matrix):
            for column_index, count in enumerate(row):
                axes.text(
                    column_index,
                    row_index,
                    f"{count:,}",
                    ha="center",
                    va="center",
                    color="white" if count > largest / 2 else "black",
                )
        axes.set_xticks(range(len(challenger_tiers)), challenger_tiers)
        axes.set_yticks(range(len(in_force_tiers)), in_force_tiers)
        axes.set_xlabel(f"tier under {challenger}")
        axes.set_ylabel(f"tier under {data.weight_set_in_force} (in force)")
    figure.suptitle("Tier changes if a challenger replaced the set in force (today's scores)")
    return Plot(
        "tier-change-matrix",
        "Tier-change matrix",
        "A cell counts the candidates scored today who sit in the row's tier under the set in "
        "force and in the column's tier under the challenger: the diagonal keeps its tier, "
        "cells off it are the recruiters' worklists that would change.",
        _png(figure),
    )


def plot_information_value(data: ReportData) -> Plot:
    colours = _set_colours(data.weight_sets)
    values = {
        (row["weight_set"], row["criterion"]): _number(row["criterion_information_value"])
        for row in data.information_value
    }
    # Criteria by their value under the set in force, strongest at the top.
    criteria = sorted(
        {criterion for _, criterion in values},
        key=lambda criterion: (
            -_nan_to_zero(values.get((data.weight_set_in_force, criterion), math.nan)),
            criterion,
        ),
    )
    sets = [s for s in data.weight_sets if any(key[0] == s for key in values)]
    height = max(3.0, 0.3 * len(criteria) * max(1, len(sets)) + 1.5)
    figure = Figure(figsize=(9, height), layout="constrained")
    axes = figure.subplots()
    if not criteria:
        _no_data(axes, f"no rows in {INFORMATION_VALUE}")
    bar_height = 0.8 / max(1, len(sets))
    for index, weight_set in enumerate(sets):
        widths = [values.get((weight_set, criterion), math.nan) for criterion in criteria]
        axes.barh(
            [position - 0.4 + bar_height * (index + 0.5) for position in range(len(criteria))],
            widths,
            bar_height,
            color=colours[weight_set],
            label=_set_label(data, weight_set),
        )
    if criteria:
        for threshold, strength in IV_THRESHOLDS:
            axes.axvline(threshold, color="grey", linestyle=":", linewidth=1)
            axes.annotate(
                strength,
                (threshold, 1),
                xycoords=("data", "axes fraction"),
                ha="left",
                va="bottom",
                fontsize="x-small",
                color="grey",
            )
        axes.set_yticks(range(len(criteria)), criteria)
        axes.invert_yaxis()
        axes.legend(title="weight set", fontsize="small", loc="lower right")
    axes.set_xlabel("information value")
    axes.set_ylabel("criterion")
    axes.set_title(f"Information value per criterion ({data.primary_outcome}, holdout)", pad=14)
    return Plot(
        "information-value",
        "Information value per criterion",
        "A bar is how well a criterion's matched rules alone tell converters from the others "
        "(below 0.02 hardly at all, 0.1 medium, above 0.3 strong, dotted lines), so a "
        "criterion with a short bar earns points that do not predict the outcome.",
        _png(figure),
    )


def _nan_to_zero(value: float) -> float:
    return 0.0 if math.isnan(value) else value


PLOTS = (
    plot_score_distribution,
    plot_tier_conversion,
    plot_lift_curve,
    plot_calibration,
    plot_champion_challenger,
    plot_auc_by_date,
    plot_tier_change_matrix,
    plot_information_value,
)


# --- the page -------------------------------------------------------------------------------


def _percent(value: object) -> str:
    return "–" if value is None else f"{100 * _number(value):.1f}%"


def _decimal(value: object) -> str:
    return "–" if value is None else f"{_number(value):.3f}"


def _lift(value: object) -> str:
    return "–" if value is None else f"{_number(value):.2f}x"


def _count(value: object) -> str:
    return "–" if value is None else f"{int(value):,}"  # type: ignore[call-overload]


HEADLINE_COLUMNS: tuple[tuple[str, str, Any], ...] = (
    ("as_of_dates", "as-of dates", _count),
    ("candidates", "candidate-dates", _count),
    ("conversions", "conversions", _count),
    ("conversion_rate", "conversion rate", _percent),
    ("auc", "AUC", _decimal),
    ("gini", "Gini", _decimal),
    ("ks", "KS", _decimal),
    ("top_tier", "top tier", lambda value: "–" if value is None else str(value)),
    ("top_tier_conversion_rate", "top-tier conversion", _percent),
    ("top_tier_lift", "top-tier lift", _lift),
)


def _headline_html(data: ReportData) -> str:
    parts: list[str] = []
    for outcome in data.outcomes:
        rows = {row["weight_set"]: row for row in data.summary if row["outcome"] == outcome}
        role = "the outcome of the plots" if outcome == data.primary_outcome else "other outcome"
        header = "".join(f"<th>{html.escape(label)}</th>" for _, label, _ in HEADLINE_COLUMNS)
        body = []
        for weight_set in data.weight_sets:
            if weight_set not in rows:
                continue
            in_force = weight_set == data.weight_set_in_force
            name = html.escape(weight_set) + (
                ' <span class="badge">in force</span>' if in_force else ""
            )
            cells = "".join(
                f"<td>{html.escape(formatter(rows[weight_set][column]))}</td>"
                for column, _, formatter in HEADLINE_COLUMNS
            )
            row_class = ' class="in-force"' if in_force else ""
            body.append(
                f'<tr{row_class} data-weight-set="{html.escape(weight_set)}">'
                f'<th scope="row">{name}</th>{cells}</tr>'
            )
        parts.append(
            f"<h3>{html.escape(outcome)} <small>({role})</small></h3>\n"
            f'<table class="headline" data-outcome="{html.escape(outcome)}">'
            f'<thead><tr><th scope="col">weight set</th>{header}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )
    return "\n".join(parts)


def _figure_html(plot: Plot) -> str:
    encoded = base64.b64encode(plot.png).decode("ascii")
    return (
        f'<figure id="{plot.figure_id}" data-plot="{plot.figure_id}">'
        f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(plot.title)}">'
        f"<figcaption><strong>{html.escape(plot.title)}.</strong> "
        f"{html.escape(plot.how_to_read)}</figcaption></figure>"
    )


STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
main { max-width: 1000px; margin: 0 auto; padding: 1rem 2rem 3rem; background: #fff; }
h1 { margin-bottom: 0.2rem; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2.5rem; }
.lede, figcaption, .how-to-read { color: #444; }
table { border-collapse: collapse; font-size: 0.85rem; margin-bottom: 1rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: right; }
th[scope=row], thead th:first-child { text-align: left; }
tr.in-force { background: #eef5fb; font-weight: 600; }
.badge { background: #333; color: #fff; border-radius: 3px; padding: 0 0.3rem;
  font-size: 0.75rem; font-weight: normal; }
figure { margin: 1rem 0 2rem; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.9rem; margin-top: 0.4rem; }
"""

SECTIONS = (
    ("2. Score distribution per tier", ("score-distribution",)),
    ("3. Conversion rate by tier", ("tier-conversion",)),
    ("4. Lift curve", ("lift-curve",)),
    ("5. Calibration", ("calibration",)),
    ("6. Champion against challengers", ("champion-challenger", "auc-by-date")),
    ("7. Tier changes", ("tier-change-matrix",)),
    ("8. Information value per criterion", ("information-value",)),
)


def render_html(data: ReportData, plots: Sequence[Plot], generated_at: datetime) -> str:
    """The page: inline style, images as data URIs, nothing to fetch."""
    by_id = {plot.figure_id: plot for plot in plots}
    dates = sorted(row["as_of_date"] for row in data.metrics_by_date)
    period = f", as-of dates {dates[0]} to {dates[-1]}" if dates else ""
    sections = "\n".join(
        f'<section id="section-{ids[0]}"><h2>{html.escape(title)}</h2>\n'
        + "\n".join(_figure_html(by_id[figure_id]) for figure_id in ids)
        + "</section>"
        for title, ids in SECTIONS
    )
    lede = (
        f"Warehouse {data.database_path}; weight set in force: {data.weight_set_in_force}; "
        f"outcome of the plots: {data.primary_outcome}{period}. Every figure is on the holdout "
        "candidates (never seen by a fit), pooled over the backtest as-of dates, except the "
        f"tier changes (today's candidates). Generated {generated_at:%Y-%m-%d %H:%M} UTC."
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backtest report: {html.escape(data.weight_set_in_force)} and challengers</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>Backtest report</h1>
<p class="lede">{html.escape(lede)}</p>
<section id="headline">
<h2>1. Headline metrics per weight set</h2>
<p class="how-to-read">One row per weight set, the set in force first and highlighted: AUC
(0.5 = random order, 1 = every converter above every other candidate), Gini (2 AUC - 1) and KS
(largest gap between the score distributions of converters and others) say how well the score
ranks; the lift is how many times the base rate the top tier converts.</p>
{_headline_html(data)}
</section>
{sections}
</main>
</body>
</html>
"""


def write_report(
    database_path: Path,
    output: Path,
    outcome: str | None = None,
    project_dir: Path = PROJECT_DIR,
) -> Path:
    """Write the report of a built warehouse to ``output`` and return its path."""
    data = read_report_data(database_path, outcome, project_dir)
    plots = [plot(data) for plot in PLOTS]
    page = render_html(data, plots, datetime.now(UTC))
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed: a browser showing the last report never reads half a file.
    partial = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        partial.write_text(page, encoding="utf-8")
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return output
