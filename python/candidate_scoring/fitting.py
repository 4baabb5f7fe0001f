"""`candidate-scoring fit`: a new weight set fitted on the backtest, written into the seed files.

The method is the credit scorecard's. Each attribute criterion is binned against conversion with
optbinning (value criteria: categorical optimal binning, which groups values of like conversion;
band criteria: numerical optimal binning, whose cut points become the bands; list criteria: one
binary feature per item seen often enough), a missing value being a bin of its own ('(no value)').
A penalised logistic regression (scikit-learn) on one indicator per bin, the binary items and
the decayed event counts then weighs every bin and event type, and its coefficients become points
with points-to-double-the-odds scaling: a candidate whose odds of converting are twice another's
has `points_to_double_odds` (20) more points. 0 points is the base rate's odds.

An indicator per bin rather than the bins' weights of evidence (the textbook scorecard input):
a weight of evidence is computed from the very conversions the regression then fits, so the
regression, and the cross-validation that picks its penalty, trust it too much; with indicators
the penalty pulls each bin's points toward 0 as far as its evidence is thin.

What real extracts need besides:
- Age is controlled for, never scored. A candidate who does not convert stays a prospect on
  every later backtest date, with ever older events, while one who converts leaves: on an
  extract whose events carry no time of their own (all stamped at sign-up) a decayed count is
  the candidate's age in disguise, and an event everyone has would earn points for being
  recent. The regression also sees how long each candidate had been known (age bands, and
  what one event at sign-up would count under each half-life), nearly unpenalised, so the
  event points keep only what the events say beyond age; the controls earn no points.
- A value of at least `min_rows` rows whose conversion clearly differs from the rest of its
  bin (a two-sided test at SEPARATE_BIN_Z) is a bin of its own: a rare but strong category is
  not averaged away with its neighbours.
- Two features of different criteria that select the same candidates (presence correlated at
  `max_correlation` or more, say an email-open event and a last activity 'email opened') are
  one behaviour: the weaker is given 0 points and its rationale names the one that carries it,
  rather than both taking large points of opposite sign. A row whose points still contradict
  its own conversion rate is flagged in its rationale and in the fit's summary.

Only the backtest's 'fit' sample is read to learn: the metrics marts report on the 'holdout'
candidates, which the fit never saw, so a fitted set is judged on data it did not learn from.

A value, bin or event type with too little data (fewer than `min_rows` candidate-dates or
`min_conversions` conversions) is given 0 points and says so in its rationale rather than
earning points from noise. Decay settings, daily limits and the opt-out event types (consent,
not weights) are the reference set's. Tier bounds are placed on the as-of date's candidates
(the 'live' rows), the population they will serve, so that each tier holds the middle of its
expected share there.

The seed files are rewritten with the new set's rows appended and every other row left
byte-identical, for a reviewer to read, build (`dbt build`) and commit.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import yaml

from candidate_scoring.settings import PROJECT_DIR, project_vars

FEATURES_TABLE = "evaluation.backtest_fit_features"
FIT_SAMPLE = "fit"
LIVE_SAMPLE = "live"
NO_VALUE = "(no value)"
# Scorecard scaling: this many more points double the odds of converting. 20 keeps fitted points
# in the range of the hand-set default weights (a strong attribute is worth 10 to 20 points).
POINTS_TO_DOUBLE_ODDS = 20.0
MIN_ROWS = 50
MIN_CONVERSIONS = 5
MAX_BINS = 6  # more bands than a reviewer can read add little to a criterion's separation
# optbinning's monotonic_trend choices for band criteria ('none': any shape)
MONOTONIC_TRENDS = ("auto", "auto_asc_desc", "ascending", "descending", "peak", "valley", "none")
# a value whose conversion differs from the rest of its bin by this many standard errors (a
# two-proportion test; 3 is about one chance in 370 for a value that does not differ) is a bin
# of its own
SEPARATE_BIN_Z = 3.0
# a row whose points' sign contradicts a conversion rate this many standard errors from the other
# candidate-dates' (about one chance in 20 for a rate that does not differ) is flagged
CONTRADICTION_Z = 2.0
# presence of two features of different criteria correlated at least this much: one behaviour
MAX_CORRELATION = 0.8
# penalties (inverse strengths, sklearn C) the fit chooses from by cross-validation
REGULARISATION_STRENGTHS = (1.0, 0.1, 0.03, 0.01, 0.003, 0.001)
# Age controls (days known), unpenalised so that age is explained by them and not by an event
# count that stands in for it: bands, in days.
AGE_BANDS_DAYS = (30, 60, 90, 180, 365, 730)
WEIGHT_SET_NAME = re.compile(r"[a-z0-9_]+")
# Event criteria that are consent rather than interest (as the default weights name them): the
# reference set's points are kept, whatever the data says.
OPT_OUT_CRITERIA = frozenset({"opt_outs", "email_bounces"})
SEED_FILES = ("attribute_points.csv", "event_points.csv", "score_tiers.csv")


class FitError(Exception):
    """The fit cannot run: a missing table or file, an unknown reference set, a refused name."""


@dataclass(frozen=True)
class FitOptions:
    name: str
    reference_set: str | None = None  # None: vars.weight_set of dbt_project.yml
    seeds_dir: Path | None = None  # None: the project's seeds/
    replace: bool = False
    min_rows: int = MIN_ROWS
    min_conversions: int = MIN_CONVERSIONS
    points_to_double_odds: float = POINTS_TO_DOUBLE_ODDS
    min_bin_rows: int | None = None  # fewest candidate-dates in a bin; None: min_rows
    monotonic_trend: str = "auto"  # of the conversion rate across a band criterion's bands
    max_correlation: float = MAX_CORRELATION


@dataclass(frozen=True)
class TierShare:
    tier: str
    lower_bound: int | None
    expected_share_min: float | None
    expected_share_max: float | None
    target_share: float | None  # cumulative share aimed at from the top, None for the floor
    share: float  # share of the population the bounds were placed on (see FitResult)
    fit_share: float  # share of the fit sample under the same bounds


@dataclass(frozen=True)
class FitResult:
    weight_set: str
    reference_set: str
    seeds_dir: Path
    rows_written: dict[str, int]  # file name -> rows of the new set
    candidate_dates: int
    candidates: int
    as_of_dates: int
    conversions: int
    tiers: list[TierShare]
    tier_population: str  # which candidates the tier bounds were placed on
    lowest_score: float  # the lowest total the new set can give a candidate not disqualified
    notes: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)  # rows whose sign contradicts conversion

    @property
    def base_rate(self) -> float:
        return self.conversions / self.candidate_dates


# --- seed files ---------------------------------------------------------------------------------


@dataclass
class SeedFile:
    """A seed CSV file kept as its raw records: rows the fit does not touch stay byte-identical."""

    path: Path
    header_text: str  # the header line, line break included
    header: list[str]
    records: list[tuple[dict[str, str], str]]  # parsed row, raw text (line break included)
    newline: str

    def rows(self, weight_set: str) -> list[dict[str, str]]:
        return [row for row, _ in self.records if row.get("weight_set") == weight_set]

    def weight_sets(self) -> set[str]:
        return {row.get("weight_set", "") for row, _ in self.records}

    def render(self, weight_set: str, new_rows: Sequence[dict[str, str]]) -> str:
        """The file with the rows of `weight_set` (if any) replaced by `new_rows` at its end."""
        kept = [text for row, text in self.records if row.get("weight_set") != weight_set]
        if kept and not kept[-1].endswith(("\n", "\r")):
            kept[-1] += self.newline
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=self.newline)
        for row in new_rows:
            writer.writerow([row.get(column, "") for column in self.header])
        return self.header_text + "".join(kept) + buffer.getvalue()


def read_seed_file(path: Path) -> SeedFile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FitError(f"cannot read the seed file {path}: {error}") from error
    lines = io.StringIO(text, newline="").readlines()
    if not lines or not lines[0].strip():
        raise FitError(f"{path} is empty: it needs at least its header line")
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    header = next(csv.reader([lines[0]]))
    if "weight_set" not in header:
        raise FitError(f"{path} line 1: the header has no weight_set column")
    # A quoted field may span lines: csv.reader's line_num says how many lines each record took.
    records: list[tuple[dict[str, str], str]] = []
    body = lines[1:]
    reader = csv.reader(iter(body))
    consumed = 0
    for fields in reader:
        raw = "".join(body[consumed : reader.line_num])
        consumed = reader.line_num
        if not fields:
            records.append(({}, raw))  # a blank line: kept as it is
            continue
        records.append((dict(zip(header, fields, strict=False)), raw))
    return SeedFile(path, lines[0], header, records, newline)


def format_number(value: float | Decimal) -> str:
    """A number as the seeds write it: 15, -5, 0.5, 1000000 (never 15.0 or 1e+06)."""
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if number == 0:
        return "0"
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def round_edge(below: float, at_or_above: float) -> Decimal:
    """The roundest number in (below, at_or_above]: a band edge that splits the observed values
    exactly where the binning's cut point does, but reads 5 rather than 4.81923."""
    upper = Decimal(repr(at_or_above))
    lower = Decimal(repr(below))
    largest = max(abs(at_or_above), abs(below), 1.0)
    exponent = math.floor(math.log10(largest)) + 1
    while exponent > -12:
        step = Decimal(1).scaleb(exponent)
        candidate = (upper / step).to_integral_value(rounding=ROUND_FLOOR) * step
        if candidate > lower:
            return candidate.normalize() + 0  # + 0 drops a negative zero
        exponent -= 1
    return upper


# --- settings and inputs ------------------------------------------------------------------------


def weight_set_in_force(project_dir: Path) -> str:
    """vars.weight_set of dbt_project.yml: the set the warehouse's event counts were decayed by."""
    try:
        configured = project_vars(project_dir)
    except (OSError, yaml.YAMLError) as error:
        raise FitError(f"cannot read {project_dir / 'dbt_project.yml'}: {error}") from error
    return str(configured.get("weight_set") or "default")


def opt_out_event_types(project_dir: Path) -> set[str]:
    """Every event type vars.opt_out_event_types names, with its spellings."""
    try:
        configured = project_vars(project_dir).get("opt_out_event_types") or {}
    except (OSError, yaml.YAMLError):
        return set()
    names: set[str] = set()
    if isinstance(configured, dict):
        for key, spellings in configured.items():
            names.add(str(key))
            names.update(str(spelling) for spelling in spellings or [])
    return names


def is_opt_out(row: dict[str, str], opt_out_types: set[str]) -> bool:
    """An opt-out or bounce row: a consent criterion, an opt-out type, or points taken away for
    good (negative points that never decay), as the seeds mark them."""
    points = _number(row.get("points_per_event"))
    never_decays = not (row.get("half_life_days") or "").strip()
    return (
        row.get("criterion") in OPT_OUT_CRITERIA
        or row.get("event_type") in opt_out_types
        or (points is not None and points < 0 and never_decays)
    )


def _number(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class FitSample:
    """The rows of evaluation.backtest_fit_features the fit reads: the fit sample's, to learn
    from, and the as-of date's candidates ('live'), to place the tier bounds on."""

    attributes: pd.DataFrame
    events: pd.DataFrame
    live_attributes: pd.DataFrame
    live_events: pd.DataFrame


def read_fit_sample(database: Path) -> FitSample:
    """The fit sample's and the live rows of evaluation.backtest_fit_features."""
    if not database.exists():
        raise FitError(f"no warehouse at {database}: run dbt build first")
    with duckdb.connect(str(database), read_only=True) as connection:
        columns = {
            name
            for (name,) in connection.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'evaluation' and table_name = 'backtest_fit_features'"
            ).fetchall()
        }
        if not columns:
            raise FitError(f"{FEATURES_TABLE} is missing in {database}: run dbt build first")
        if "days_known" not in columns:
            raise FitError(
                f"{FEATURES_TABLE} in {database} has no column days_known (built by an earlier "
                "version of the project): run dbt build first"
            )
        common = "evaluation_sample, as_of_date, candidate_id, has_converted, days_known"
        attributes = connection.execute(
            f"select {common}, criterion, match_type, attribute_value, attribute_number "
            f"from {FEATURES_TABLE} "
            f"where evaluation_sample in (?, ?) and criterion_source = 'attribute'",
            [FIT_SAMPLE, LIVE_SAMPLE],
        ).df()
        events = connection.execute(
            f"select {common}, criterion, event_type, decayed_event_count "
            f"from {FEATURES_TABLE} "
            f"where evaluation_sample in (?, ?) and criterion_source = 'event'",
            [FIT_SAMPLE, LIVE_SAMPLE],
        ).df()
    is_fit = attributes["evaluation_sample"] == FIT_SAMPLE
    is_fit_event = events["evaluation_sample"] == FIT_SAMPLE
    sample = FitSample(
        attributes[is_fit], events[is_fit_event], attributes[~is_fit], events[~is_fit_event]
    )
    if sample.attributes.empty and sample.events.empty:
        raise FitError(
            f"{FEATURES_TABLE} in {database} has no row with evaluation_sample = '{FIT_SAMPLE}': "
            "run dbt build on data with a complete outcome window (see var backtest)"
        )
    return sample


# --- fitting ------------------------------------------------------------------------------------


@dataclass
class PendingRow:
    """A weight row whose points wait for the regression: its feature's coefficient, scaled."""

    criterion: str
    match_value: str | None
    band_min: Decimal | None
    band_max: Decimal | None
    feature: str | None  # None: 0 points (too little data, or no feature to weigh)
    rationale: str
    matched: tuple[int, int] | None = None  # candidate-dates the row matches, conversions
    points: int = 0


def _percent(share: float) -> str:
    return f"{share:.1%}" if share < 0.1 else f"{share:.0%}"


class _Stats:
    """Conversion counts of the fit sample, the fit's options, and the wording of the
    rationales."""

    def __init__(self, converted: np.ndarray[Any, Any], options: FitOptions):
        self.converted = converted
        self.base = float(converted.mean())
        self.min_rows = options.min_rows
        self.min_conversions = options.min_conversions
        self.min_bin_rows = options.min_bin_rows or options.min_rows
        self.monotonic_trend = options.monotonic_trend

    def enough(self, rows: int, conversions: int) -> bool:
        return rows >= self.min_rows and conversions >= self.min_conversions

    def rationale(self, rows: int, conversions: int) -> str:
        if not rows:
            return "none in the fit sample, 0 points"
        if not self.enough(rows, conversions):
            return f"n={rows}, {conversions} conversions: too few to weigh, 0 points"
        return f"conversion {_percent(conversions / rows)} vs {_percent(self.base)} base, n={rows}"

    def min_bin_share(self, rows: int) -> float:
        """optbinning's minimum bin size (a share of the rows binned) for min_bin_rows."""
        return min(self.min_bin_rows / max(rows, 1), 0.5)


def _z(rows: int, conversions: int, other_rows: int, other_conversions: int) -> float:
    """The two-proportion z statistic of two conversion rates (0 when either side is empty)."""
    if not rows or not other_rows:
        return 0.0
    pooled = (conversions + other_conversions) / (rows + other_rows)
    error = math.sqrt(pooled * (1 - pooled) * (1 / rows + 1 / other_rows))
    gap = conversions / rows - other_conversions / other_rows
    return abs(gap) / error if error > 0 else 0.0


def _differs(rows: int, conversions: int, other_rows: int, other_conversions: int) -> bool:
    """Whether two conversion rates clearly differ: a two-proportion z-test at SEPARATE_BIN_Z."""
    return _z(rows, conversions, other_rows, other_conversions) >= SEPARATE_BIN_Z


def _value_criterion(
    criterion: str, values: pd.Series, stats: _Stats
) -> tuple[dict[str, np.ndarray[Any, Any]], list[PendingRow]]:
    """Categorical optimal binning: values of like conversion share a bin and its points; a
    value that clearly converts unlike the rest of its bin is a bin of its own."""
    from optbinning import OptimalBinning  # type: ignore[import-untyped]

    y = stats.converted
    present = values.notna().to_numpy()
    counts = pd.DataFrame({"value": values[present], "y": y[present]}).groupby("value")["y"]
    per_value = pd.DataFrame({"rows": counts.size(), "conversions": counts.sum()})

    def tally(value: str) -> tuple[int, int]:
        return int(per_value.loc[value, "rows"]), int(per_value.loc[value, "conversions"])

    frequent = [str(value) for value in per_value.index if stats.enough(*tally(str(value)))]
    rare = [str(value) for value in per_value.index if str(value) not in frequent]
    features: dict[str, np.ndarray[Any, Any]] = {}
    rows: list[PendingRow] = []
    binned: set[str] = set()
    if frequent:
        x = values.to_numpy(dtype=object)
        share = stats.min_bin_share(len(x))
        binning = OptimalBinning(
            name=criterion,
            dtype="categorical",
            # the pre-binning too: its default (5% of the rows) merges a small strong value
            # with its neighbours before the solver sees it
            min_prebin_size=share,
            max_n_prebins=max(20, len(frequent) + 1),
            min_bin_size=share,
            min_bin_n_event=stats.min_conversions,
            max_n_bins=MAX_BINS,
            special_codes=rare or None,  # rare values: out of the bins, 0 points
        )
        binning.fit(x, y)
        bins = _separate_distinct_values(
            [sorted(str(value) for value in split) for split in binning.splits], tally
        )
        for index, members in enumerate(bins):
            binned.update(members)
            feature = f"{criterion}:bin {index}"
            features[feature] = values.isin(members).to_numpy(dtype=float)
            for value in members:
                others = [other for other in members if other != value]
                grouped = f"; binned with {', '.join(others[:3])}" if others else ""
                grouped += " ..." if len(others) > 3 else ""
                value_rows, value_conversions = tally(value)
                rationale = stats.rationale(value_rows, value_conversions) + grouped
                matched = (value_rows, value_conversions)
                rows.append(PendingRow(criterion, value, None, None, feature, rationale, matched))
    # a value the solver left in no bin (no feasible binning) is not weighed: 0 points
    for value in frequent:
        if value not in binned:
            rationale = (
                stats.rationale(*tally(value)) + "; in no bin of the optimal binning, 0 points"
            )
            rows.append(PendingRow(criterion, value, None, None, None, rationale))
    for value in rare:
        rows.append(PendingRow(criterion, value, None, None, None, stats.rationale(*tally(value))))
    if not present.all():
        rows.append(_missing_row(criterion, ~present, stats, features))
    return features, rows


def _separate_distinct_values(bins: list[list[str]], tally: Any) -> list[list[str]]:
    """The bins, with every value whose conversion clearly differs from the rest of its bin
    (tally(value) -> rows, conversions) moved to a bin of its own, the strongest gap first."""
    result: list[list[str]] = []
    for members in bins:
        members = list(members)
        while len(members) > 1:
            totals = [tally(value) for value in members]
            all_rows = sum(rows for rows, _ in totals)
            all_conversions = sum(conversions for _, conversions in totals)
            distinct = [
                (
                    abs(conversions / rows - (all_conversions - conversions) / (all_rows - rows)),
                    value,
                )
                for value, (rows, conversions) in zip(members, totals, strict=True)
                if _differs(rows, conversions, all_rows - rows, all_conversions - conversions)
            ]
            if not distinct:
                break
            _, value = max(distinct)
            members.remove(value)
            result.append([value])
        result.append(members)
    return result


def _band_criterion(
    criterion: str, numbers: pd.Series, stats: _Stats
) -> tuple[dict[str, np.ndarray[Any, Any]], list[PendingRow]]:
    """Numerical optimal binning: the cut points become band edges, the outer bands open."""
    from optbinning import OptimalBinning

    y = stats.converted
    x = numbers.to_numpy(dtype=float)
    present = ~np.isnan(x)
    features: dict[str, np.ndarray[Any, Any]] = {}
    rows: list[PendingRow] = []
    observed = np.unique(x[present])
    if observed.size:
        share = stats.min_bin_share(int(present.sum()))
        trend = None if stats.monotonic_trend == "none" else stats.monotonic_trend
        binning = OptimalBinning(
            name=criterion,
            dtype="numerical",
            min_prebin_size=share,
            min_bin_size=share,
            min_bin_n_event=stats.min_conversions,
            max_n_bins=MAX_BINS,
            monotonic_trend=trend,
        )
        binning.fit(x, y)
        splits = [float(split) for split in binning.splits]
        if not splits:  # one bin: a band from the smallest value up, so the row is a band
            smallest = Decimal(repr(float(observed.min()))).normalize() + 0
            rationale = "no cut point separates conversion: one band, 0 points"
            rows.append(PendingRow(criterion, None, smallest, None, None, rationale))
        else:
            # Each cut point moves to the roundest number between the observed values around
            # it, which leaves every candidate in the same band.
            edges = [_band_edge(observed, split) for split in splits]
            bounds: list[Decimal | None] = [None, *edges, None]
            for index, (band_min, band_max) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
                low = -np.inf if band_min is None else float(band_min)
                high = np.inf if band_max is None else float(band_max)
                in_band = present & (x >= low) & (x < high)
                row = _indicator_row(
                    criterion, None, band_min, band_max, f"bin {index}", in_band, stats, features
                )
                rows.append(row)
    if not present.all():
        rows.append(_missing_row(criterion, ~present, stats, features))
    return features, rows


def _indicator_row(
    criterion: str,
    match_value: str | None,
    band_min: Decimal | None,
    band_max: Decimal | None,
    feature_label: str,
    matches: np.ndarray[Any, Any],
    stats: _Stats,
    features: dict[str, np.ndarray[Any, Any]],
) -> PendingRow:
    """The weight row of the candidate-dates ``matches`` selects: an indicator feature of its
    own (added to ``features``) when it has enough data, else 0 points."""
    matches = matches.astype(bool)
    rows, conversions = int(matches.sum()), int(stats.converted[matches].sum())
    feature = f"{criterion}:{feature_label}"
    if stats.enough(rows, conversions):
        features[feature] = matches.astype(float)
    return PendingRow(
        criterion,
        match_value,
        band_min,
        band_max,
        feature if feature in features else None,
        stats.rationale(rows, conversions),
        (rows, conversions),
    )


def _missing_row(
    criterion: str,
    missing: np.ndarray[Any, Any],
    stats: _Stats,
    features: dict[str, np.ndarray[Any, Any]],
) -> PendingRow:
    """The '(no value)' row of a criterion."""
    return _indicator_row(criterion, NO_VALUE, None, None, NO_VALUE, missing, stats, features)


def _band_edge(observed: np.ndarray[Any, Any], split: float) -> Decimal:
    below, at_or_above = observed[observed < split], observed[observed >= split]
    if not below.size or not at_or_above.size:
        return Decimal(repr(split))
    return round_edge(float(below.max()), float(at_or_above.min()))


def _list_items(values: pd.Series) -> list[frozenset[str]]:
    return [
        frozenset(item.strip() for item in str(text).split(",") if item.strip())
        if isinstance(text, str)
        else frozenset()
        for text in values.to_numpy(dtype=object)
    ]


def _list_criterion(
    criterion: str, values: pd.Series, stats: _Stats
) -> tuple[dict[str, np.ndarray[Any, Any]], list[PendingRow]]:
    """One binary feature per item seen often enough; the items' points add up."""
    items = _list_items(values)
    missing = np.array([not value for value in items])
    every_item = sorted(set().union(*items)) if items else []
    features: dict[str, np.ndarray[Any, Any]] = {}
    rows: list[PendingRow] = []
    for item in every_item:
        has_item = np.array([item in value for value in items])
        rows.append(_indicator_row(criterion, item, None, None, item, has_item, stats, features))
    if missing.any():
        rows.append(_missing_row(criterion, missing, stats, features))
    return features, rows


def _age_controls(
    days_known: np.ndarray[Any, Any], half_lives: Sequence[float]
) -> dict[str, np.ndarray[Any, Any]]:
    """The fit's controls for how long each candidate-date's candidate had been known: an
    indicator per age band (and for an unknown age) but the most common one, which the
    intercept stands for, and per half-life what one event on the day the candidate became
    known would count by the date. Columns that do not vary are left out; each is centred and
    scaled, which changes nothing in an unpenalised fit but how fast the solver gets there."""
    known = ~np.isnan(days_known)
    days = np.where(known, days_known, 0.0)
    edges = [0.0, *(float(band) for band in AGE_BANDS_DAYS), math.inf]
    bands = {"age:unknown": ~known}
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        bands[f"age:{low:g} to {high:g} days"] = known & (days >= low) & (days < high)
    most_common = max(bands, key=lambda name: int(bands[name].sum()))
    controls = {name: band.astype(float) for name, band in bands.items() if name != most_common}
    for half_life in sorted(set(half_lives)):
        controls[f"age:one event decayed over {half_life:g} days"] = np.where(
            known, 0.5 ** (days / half_life), 0.0
        )
    return {
        name: (column - column.mean()) / column.std()
        for name, column in controls.items()
        if column.size and column.std() > 0
    }


def _presence_auc(column: np.ndarray[Any, Any], converted: np.ndarray[Any, Any]) -> float:
    """How far from chance (0.5) the feature alone ranks conversion: its strength."""
    from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

    if column.min() == column.max():
        return 0.0
    return abs(float(roc_auc_score(converted, column)) - 0.5)


def _overlapping_features(
    features: dict[str, np.ndarray[Any, Any]],
    converted: np.ndarray[Any, Any],
    max_correlation: float,
) -> dict[str, tuple[str, float]]:
    """Features that select the same candidates as a stronger feature of another criterion
    (their presence correlated at max_correlation or more): feature -> (the one kept, the
    correlation). Within a criterion the bins exclude each other and are never compared."""
    names = sorted(features, key=lambda name: -_presence_auc(features[name], converted))
    presence = {name: (features[name] > 0).astype(float) for name in names}
    kept: list[str] = []
    dropped: dict[str, tuple[str, float]] = {}
    for name in names:
        criterion = name.split(":", 1)[0]
        for stronger in kept:
            if stronger.split(":", 1)[0] == criterion:
                continue
            a, b = presence[name], presence[stronger]
            if a.std() == 0 or b.std() == 0:
                continue
            correlation = float(np.corrcoef(a, b)[0, 1])
            if correlation >= max_correlation:
                dropped[name] = (stronger, correlation)
                break
        else:
            kept.append(name)
    return dropped


def _feature_label(feature: str, pending: list[PendingRow]) -> str:
    """A feature as a reviewer finds it in the seed files: criterion = value(s) or band."""
    if feature.startswith("event:"):
        return f"event {feature.removeprefix('event:')}"
    rows = [row for row in pending if row.feature == feature]
    if not rows:
        return feature
    row = rows[0]
    if row.match_value is None:
        low = "" if row.band_min is None else format_number(row.band_min)
        high = "" if row.band_max is None else format_number(row.band_max)
        return f"{row.criterion} [{low}, {high})"
    values = ", ".join(str(member.match_value) for member in rows[:3])
    return f"{row.criterion} = {values}{' ...' if len(rows) > 3 else ''}"


@dataclass
class _FittedSet:
    attribute_rows: list[dict[str, str]]
    event_rows: list[dict[str, str]]
    pending: list[PendingRow]
    match_types: dict[str, str]
    scores: np.ndarray[Any, Any]  # total score of each candidate-date of the fit sample
    notes: list[str]
    flagged: list[str]


def _population(attributes: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per candidate-date, indexed by (as_of_date, candidate_id), with has_converted
    and days_known."""
    key = ["as_of_date", "candidate_id"]
    columns = [*key, "has_converted", "days_known"]
    return (
        pd.concat([attributes[columns], events[columns]])
        .drop_duplicates(subset=key)
        .set_index(key)
        .sort_index()
    )


def _event_counts(events: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """Decayed event counts, a column per event type, a row per candidate-date of index."""
    if events.empty:
        return pd.DataFrame(index=index)
    return (
        events.pivot_table(
            index=["as_of_date", "candidate_id"],
            columns="event_type",
            values="decayed_event_count",
            aggfunc="sum",
        )
        .reindex(index)
        .fillna(0.0)
    )


def _penalised_logistic(
    matrix: np.ndarray[Any, Any],
    converted: np.ndarray[Any, Any],
    penalised: np.ndarray[Any, Any],
    strength: float,
) -> np.ndarray[Any, Any]:
    """Logistic regression weights (the intercept last) minimising scikit-learn's objective
    C * log-loss + |w|^2 / 2 with C = strength, where only the ``penalised`` columns count in
    the penalty: the age controls stay free, so age is theirs to explain, never an event's.

    Newton's method with step halving: an event count that stands in for age is nearly
    collinear with a control, and a first-order solver stops wherever that flat valley finds
    it (on a flat extract, anywhere between -5 and 0 points for the sign-up event); Newton's
    steps reach the penalised minimum, where the event keeps nothing of age."""
    design = np.column_stack([matrix, np.ones(len(matrix))])
    target = converted.astype(float)
    # per weight: 1/C on the penalised ones, a negligible ridge on the free ones (the controls
    # and the intercept), so that collinear controls still give a solvable system
    penalty = np.where(np.append(penalised, False), 1.0 / strength, 1e-9)

    def objective(weights: np.ndarray[Any, Any]) -> float:
        logits = design @ weights
        # log(1 + e^z) - y z, stable for large |z|
        loss = float(np.sum(np.logaddexp(0.0, logits) - target * logits))
        return loss + 0.5 * float(np.sum(penalty * weights**2))

    weights = np.zeros(design.shape[1])
    value = objective(weights)
    for _ in range(100):
        probability = 0.5 * (1.0 + np.tanh(0.5 * (design @ weights)))
        gradient = design.T @ (probability - target) + penalty * weights
        hessian = (design * (probability * (1.0 - probability))[:, None]).T @ design
        step = np.linalg.solve(hessian + np.diag(penalty), gradient)
        decrease = float(gradient @ step)
        if decrease <= 1e-12 * (1.0 + abs(value)):
            break
        size = 1.0
        while True:
            candidate = weights - size * step
            candidate_value = objective(candidate)
            if candidate_value <= value - 1e-4 * size * decrease or size < 1e-10:
                break
            size /= 2
        weights, value = candidate, candidate_value
    return weights


def _choose_penalty(
    matrix: np.ndarray[Any, Any],
    converted: np.ndarray[Any, Any],
    penalised: np.ndarray[Any, Any],
    folds: list[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]],
) -> float:
    """The REGULARISATION_STRENGTHS value with the best mean AUC over the folds."""
    from sklearn.metrics import roc_auc_score

    mean_auc: list[float] = []
    for strength in REGULARISATION_STRENGTHS:
        scores = []
        for train, test in folds:
            weights = _penalised_logistic(matrix[train], converted[train], penalised, strength)
            if converted[test].min() == converted[test].max():
                continue
            logits = matrix[test] @ weights[:-1]
            scores.append(float(roc_auc_score(converted[test], logits)))
        mean_auc.append(float(np.mean(scores)) if scores else 0.0)
    return REGULARISATION_STRENGTHS[int(np.argmax(mean_auc))]


def _fit(
    sample: FitSample,
    reference_attributes: list[dict[str, str]],
    reference_events: list[dict[str, str]],
    opt_out_types: set[str],
    half_lives: Sequence[float],
    options: FitOptions,
    name: str,
) -> tuple[_FittedSet, _Stats, pd.Index]:
    from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    key = ["as_of_date", "candidate_id"]
    attributes, events = sample.attributes, sample.events
    population = _population(attributes, events)
    index = population.index
    converted = population["has_converted"].fillna(False).astype(bool).to_numpy().astype(int)
    stats = _Stats(converted, options)
    notes: list[str] = []
    flagged: list[str] = []
    if converted.min() == converted.max():
        raise FitError(
            f"{FEATURES_TABLE}: every candidate-date of the fit sample has has_converted = "
            f"{bool(converted[0])}: there is nothing to learn from"
        )
    # Below what one row needs to earn points, every row would get 0 and every candidate the
    # same score: a set that looks fitted and ranks nobody.
    if converted.sum() < options.min_conversions or len(converted) < options.min_rows:
        raise FitError(
            f"{FEATURES_TABLE}: the fit sample has {len(converted):,} candidate-dates and "
            f"{int(converted.sum()):,} conversions, fewer than a single row needs to earn points "
            f"(--min-rows {options.min_rows}, --min-conversions {options.min_conversions}): "
            "nothing can be weighed. Build the backtest on more history (vars.backtest) first"
        )

    features: dict[str, np.ndarray[Any, Any]] = {}
    pending: list[PendingRow] = []
    match_types: dict[str, str] = {}
    for criterion, rows in attributes.groupby("criterion", sort=True):
        criterion = str(criterion)
        match_type = (
            str(rows["match_type"].dropna().iloc[0]) if rows["match_type"].notna().any() else ""
        )
        match_types[criterion] = match_type
        aligned = rows.set_index(key).reindex(index)
        if match_type == "value":
            found, rows_of = _value_criterion(criterion, aligned["attribute_value"], stats)
        elif match_type == "band":
            found, rows_of = _band_criterion(criterion, aligned["attribute_number"], stats)
        elif match_type == "list":
            found, rows_of = _list_criterion(criterion, aligned["attribute_value"], stats)
        else:
            notes.append(f"criterion {criterion}: unknown match_type {match_type!r}, not fitted")
            continue
        features.update(found)
        pending.extend(rows_of)
    missing_criteria = sorted({row["criterion"] for row in reference_attributes} - set(match_types))
    if missing_criteria:
        notes.append(
            f"attribute criteria of the reference set without rows in {FEATURES_TABLE}, left "
            f"out of the new set: {', '.join(missing_criteria)}"
        )

    counts = _event_counts(events, index)
    # (reference row, feature or None, rationale, keeps the reference's points, (candidate-dates
    # with the event, their conversions))
    event_pending: list[tuple[dict[str, str], str | None, str, bool, tuple[int, int] | None]] = []
    for reference in reference_events:
        event_type = reference["event_type"]
        if is_opt_out(reference, opt_out_types):
            rationale = "opt-out: consent, not fitted; the reference set's points kept"
            event_pending.append((reference, None, rationale, True, None))
            continue
        column = (
            counts[event_type].to_numpy(dtype=float)
            if event_type in counts.columns
            else np.zeros(len(index))
        )
        with_event = column > 0
        rows_with, conversions_with = int(with_event.sum()), int(converted[with_event].sum())
        feature = f"event:{event_type}"
        if stats.enough(rows_with, conversions_with):
            features[feature] = column
            rationale = (
                f"conversion {_percent(conversions_with / rows_with)} with the event vs "
                f"{_percent(stats.base)} base, "
                f"n={rows_with}"
            )
            event_pending.append(
                (reference, feature, rationale, False, (rows_with, conversions_with))
            )
        else:
            rationale = stats.rationale(rows_with, conversions_with)
            event_pending.append((reference, None, rationale, False, None))
    unknown = sorted(set(counts.columns) - {row["event_type"] for row in reference_events})
    if unknown:
        notes.append(
            f"event types without a row in the reference set, not fitted: {', '.join(unknown)}"
        )

    # One behaviour, one feature: the weaker of two overlapping features earns nothing.
    overlapping = _overlapping_features(features, converted, options.max_correlation)
    labels = {feature: _feature_label(feature, pending) for feature in features}
    for feature, (kept, correlation) in sorted(overlapping.items()):
        del features[feature]
        because = (
            f"; selects the same candidates as {labels[kept]} (correlation {correlation:.2f}), "
            "which carries the points: 0 points"
        )
        for row in pending:
            if row.feature == feature:
                row.feature, row.rationale = None, row.rationale + because
        event_pending = [
            (reference, None, rationale + because, keeps, matched)
            if event_feature == feature
            else (reference, event_feature, rationale, keeps, matched)
            for reference, event_feature, rationale, keeps, matched in event_pending
        ]
        notes.append(f"{labels[feature]} {because.removeprefix('; ')}")

    names = sorted(features)
    coefficients: dict[str, float] = {}
    if names:
        controls = _age_controls(population["days_known"].to_numpy(dtype=float), half_lives)
        matrix = np.column_stack([features[feature] for feature in names] + list(controls.values()))
        penalised = np.array([True] * len(names) + [False] * len(controls))
        # The L2 penalty is chosen by cross-validated AUC within the fit sample, folds split by
        # candidate (a candidate's dates are alike): with a few hundred conversions and dozens
        # of bins, an unpenalised fit learns noise (on the demo data C=1 scored 0.81 on the
        # holdout, the chosen penalty 0.85). The holdout stays unseen.
        candidates = index.get_level_values("candidate_id")
        folds = list(GroupKFold(n_splits=5).split(matrix, converted, groups=candidates))
        # one BLAS thread: on matrices this small, threads only wait for each other (the
        # demo's fit took 35 s with two on a busy machine, 4 s with one)
        with threadpool_limits(limits=1):
            chosen = _choose_penalty(matrix, converted, penalised, folds)
            weights = _penalised_logistic(matrix, converted, penalised, chosen)
        # the controls' coefficients come last and earn no points
        coefficients = dict(zip(names, (float(c) for c in weights[: len(names)]), strict=True))
        notes.append(f"penalty chosen by cross-validation on the fit sample: C={chosen:g}")
        if controls:
            notes.append(
                "age controlled for, not scored: "
                f"{', '.join(name.removeprefix('age:') for name in controls)}"
            )
    factor = options.points_to_double_odds / math.log(2)

    attribute_rows: list[dict[str, str]] = []
    for row in pending:
        if row.feature is not None:
            row.points = round(factor * coefficients[row.feature]) + 0
            if _contradicts(row.points, row.matched, stats):
                row.rationale += "; flagged: its sign contradicts its conversion rate"
                flagged.append(
                    f"attribute_points.csv {row.criterion} "
                    f"{row.match_value if row.match_value is not None else _band(row)}: "
                    f"{row.points} points, {row.rationale.split(';')[0]}"
                )
        attribute_rows.append(
            {
                "weight_set": name,
                "criterion": row.criterion,
                "match_value": row.match_value or "",
                "band_min": "" if row.band_min is None else format_number(row.band_min),
                "band_max": "" if row.band_max is None else format_number(row.band_max),
                "points": format_number(Decimal(row.points)),
                # the fitted model is linear: a cap would cut it off where the data did not
                "criterion_points_cap": "",
                "rationale": row.rationale,
            }
        )

    event_rows: list[dict[str, str]] = []
    for reference, event_feature, event_rationale, keeps_points, event_matched in event_pending:
        if keeps_points:
            points = Decimal(reference["points_per_event"])
        elif event_feature is None:
            points = Decimal(0)
        else:
            # halves: a frequent activity event may be worth less than a point
            points = Decimal(round(2 * factor * coefficients[event_feature])) / 2
            if _contradicts(float(points), event_matched, stats):
                event_rationale += "; flagged: its sign contradicts its conversion rate"
                flagged.append(
                    f"event_points.csv {reference['event_type']}: {format_number(points)} "
                    f"points per event, {event_rationale.split(';')[0]}"
                )
        event_rows.append(
            {
                **reference,
                "weight_set": name,
                "points_per_event": format_number(points),
                # fitted points are linear in the decayed count: no cap, as in the fit; an
                # opt-out keeps the reference's
                "criterion_points_cap": reference["criterion_points_cap"] if keeps_points else "",
                "rationale": event_rationale,
            }
        )
    fitted = _FittedSet(
        attribute_rows, event_rows, pending, match_types, np.zeros(0), notes, flagged
    )
    fitted.scores = _scores(fitted, attributes, counts, index)
    return fitted, stats, index


def _contradicts(points: float, matched: tuple[int, int] | None, stats: _Stats) -> bool:
    """Points of one sign on a row whose candidates clearly convert the other way: their rate
    differs from the other candidate-dates' by CONTRADICTION_Z standard errors or more. A row
    near the base rate may take a few points either way from the other criteria unflagged."""
    if matched is None or points == 0:
        return False
    rows, conversions = matched
    total, total_conversions = len(stats.converted), int(stats.converted.sum())
    other_rows, other_conversions = total - rows, total_conversions - conversions
    if not rows or not other_rows:
        return False
    gap = conversions / rows - other_conversions / other_rows
    return (points > 0) != (gap > 0) and _z(rows, conversions, other_rows, other_conversions) >= (
        CONTRADICTION_Z
    )


def _band(row: PendingRow) -> str:
    low = "" if row.band_min is None else format_number(row.band_min)
    high = "" if row.band_max is None else format_number(row.band_max)
    return f"[{low}, {high})"


def _scores(
    fitted: _FittedSet, attributes: pd.DataFrame, counts: pd.DataFrame, index: pd.Index
) -> np.ndarray[Any, Any]:
    """The new set's total score of each candidate-date of index, matched and capped as the
    dbt models do it."""
    key = ["as_of_date", "candidate_id"]
    scores = np.zeros(len(index))
    for criterion, rows in attributes.groupby("criterion", sort=True):
        criterion = str(criterion)
        if criterion not in fitted.match_types:
            continue
        aligned = rows.set_index(key).reindex(index)
        own = [row for row in fitted.pending if row.criterion == criterion]
        scores += _attribute_points(fitted.match_types[criterion], aligned, own)
    per_criterion: dict[str, np.ndarray[Any, Any]] = {}
    for row in fitted.event_rows:
        if row["event_type"] in counts.columns:
            column = counts[row["event_type"]].to_numpy(dtype=float)
            total = per_criterion.setdefault(row["criterion"], np.zeros(len(index)))
            total += float(row["points_per_event"]) * column
    for criterion, total in per_criterion.items():
        caps = [
            _number(row.get("criterion_points_cap"))
            for row in fitted.event_rows
            if row["criterion"] == criterion
        ]
        cap = next((value for value in caps if value is not None), None)
        scores += total if cap is None else np.clip(total, -cap, cap)
    return scores


def _lowest_score(fitted: _FittedSet, opt_out_types: set[str]) -> float:
    """The lowest total the set can give a candidate who is not disqualified: per attribute
    criterion its lowest row (or 0, a value no row lists), all negative items of a list at
    once; per event criterion minus its cap, or -inf when it takes points away uncapped (an
    opt-out disqualifies: left out)."""
    lowest = 0.0
    for criterion, match_type in fitted.match_types.items():
        own = [row for row in fitted.pending if row.criterion == criterion]
        no_value = [row.points for row in own if row.match_value == NO_VALUE]
        if match_type == "list":
            items = sum(row.points for row in own if row.match_value != NO_VALUE and row.points < 0)
            lowest += min([items, *no_value, 0])
        else:
            lowest += min([*(row.points for row in own), 0])
    taking_away = {
        row["criterion"]: _number(row.get("criterion_points_cap"))
        for row in fitted.event_rows
        if not is_opt_out(row, opt_out_types) and (_number(row.get("points_per_event")) or 0) < 0
    }
    for cap in taking_away.values():
        lowest += -math.inf if cap is None else -cap
    return lowest


def _attribute_points(
    match_type: str, aligned: pd.DataFrame, rows: list[PendingRow]
) -> np.ndarray[Any, Any]:
    """Each candidate-date's points on one criterion, matched as the dbt models match them."""
    count = len(aligned)
    no_value = next((row.points for row in rows if row.match_value == NO_VALUE), 0)
    if match_type == "band":
        x = aligned["attribute_number"].to_numpy(dtype=float)
        points = np.where(np.isnan(x), float(no_value), 0.0)
        for row in rows:
            if row.match_value == NO_VALUE:
                continue
            low = -np.inf if row.band_min is None else float(row.band_min)
            high = np.inf if row.band_max is None else float(row.band_max)
            points[~np.isnan(x) & (x >= low) & (x < high)] = row.points
        return points
    by_value = {row.match_value: row.points for row in rows if row.match_value != NO_VALUE}
    values = aligned["attribute_value"].to_numpy(dtype=object)
    points = np.zeros(count)
    for position, text in enumerate(values):
        if not isinstance(text, str) or not text:
            points[position] = no_value
        elif match_type == "list":
            items = {item.strip() for item in text.split(",") if item.strip()}
            total = float(sum(by_value.get(item, 0) for item in items))
            points[position] = total
        else:
            points[position] = by_value.get(text, 0)
    return points


def _share_at_or_above(ranked: np.ndarray[Any, Any], bound: float) -> float:
    """The share of the sorted scores ``ranked`` at or above ``bound``."""
    if not ranked.size:
        return 0.0
    return float(ranked.size - np.searchsorted(ranked, bound, side="left")) / ranked.size


def _share_between(ranked: np.ndarray[Any, Any], lower: float, upper: float) -> float:
    """The share of the sorted scores ``ranked`` in [lower, upper)."""
    above = 0.0 if upper == math.inf else _share_at_or_above(ranked, upper)
    return _share_at_or_above(ranked, lower) - above


def _tier_rows(
    reference_tiers: list[dict[str, str]],
    scores: np.ndarray[Any, Any],
    fit_scores: np.ndarray[Any, Any],
    name: str,
) -> tuple[list[dict[str, str]], list[TierShare]]:
    """Bounds that give each scoring tier of ``scores`` (the population the bounds will serve)
    the middle of its expected share, from the top; the shares on the fit sample beside."""
    ordered = sorted(reference_tiers, key=lambda row: int(float(row["priority"])))
    scoring = [row for row in ordered if row.get("is_disqualified_tier", "").lower() != "true"]
    floor = scoring[-1] if scoring else None
    ranked, fit_ranked = np.sort(scores), np.sort(fit_scores)

    candidates = np.arange(math.floor(ranked[0]), math.ceil(ranked[-1]) + 2)
    shares = np.array([_share_at_or_above(ranked, float(bound)) for bound in candidates])
    bounds: dict[str, int] = {}
    targets: dict[str, float] = {}
    cumulative = 0.0
    previous: int | None = None
    for row in scoring:
        if row is floor:
            continue
        low = _number(row.get("expected_share_min")) or 0.0
        high = _number(row.get("expected_share_max"))
        high = low if high is None else high
        cumulative += (low + high) / 2
        target = min(cumulative, 1.0)
        bound = int(candidates[int(np.argmin(np.abs(shares - target)))])
        if previous is not None and bound >= previous:
            bound = previous - 1  # tiers need distinct bounds, each below the one above
        bounds[row["tier"]], targets[row["tier"]], previous = bound, target, bound
    rows: list[dict[str, str]] = []
    tiers: list[TierShare] = []
    upper = math.inf
    for row in ordered:
        tier_bound = bounds.get(row["tier"])
        rows.append(
            {
                **row,
                "weight_set": name,
                "lower_bound": "" if tier_bound is None else format_number(Decimal(tier_bound)),
            }
        )
        if row in scoring:
            lower = -math.inf if tier_bound is None else float(tier_bound)

            tiers.append(
                TierShare(
                    row["tier"],
                    tier_bound,
                    _number(row.get("expected_share_min")),
                    _number(row.get("expected_share_max")),
                    targets.get(row["tier"]),
                    _share_between(ranked, lower, upper),
                    _share_between(fit_ranked, lower, upper),
                )
            )
            upper = lower
    return rows, tiers


# --- the command --------------------------------------------------------------------------------


def fit_weight_set(
    database: Path, options: FitOptions, project_dir: Path = PROJECT_DIR
) -> FitResult:
    """Fit a weight set on the backtest's fit sample and write it into the seed files."""
    name = options.name
    if not WEIGHT_SET_NAME.fullmatch(name):
        raise FitError(
            f"--name {name!r}: a weight set name is lower-case letters, digits and _ only"
        )
    reference_set = options.reference_set or weight_set_in_force(project_dir)
    if name == reference_set:
        raise FitError(
            f"--name {name!r} is the reference set: a fitted set cannot replace the rows it "
            "is fitted against; choose another name"
        )
    seeds_dir = options.seeds_dir or project_dir / "seeds"
    attribute_file, event_file, tier_file = (
        read_seed_file(seeds_dir / file_name) for file_name in SEED_FILES
    )
    lacking = [
        str(seed.path)
        for seed in (attribute_file, event_file, tier_file)
        if reference_set not in seed.weight_sets()
    ]
    if lacking:
        known = sorted(tier_file.weight_sets())
        raise FitError(
            f"reference weight set {reference_set!r} has no rows in {', '.join(lacking)} "
            f"(weight sets in {tier_file.path.name}: {', '.join(known)})"
        )
    existing = [
        str(seed.path)
        for seed in (attribute_file, event_file, tier_file)
        if name in seed.weight_sets()
    ]
    if existing and not options.replace:
        raise FitError(
            f"weight set {name!r} already exists in {', '.join(existing)}: choose another "
            "--name, or pass --replace to overwrite its rows"
        )

    if not 0 < options.max_correlation <= 1:
        raise FitError(f"--max-correlation {options.max_correlation:g}: a correlation in (0, 1]")
    if options.monotonic_trend not in MONOTONIC_TRENDS:
        raise FitError(
            f"--monotonic-trend {options.monotonic_trend!r}: one of {', '.join(MONOTONIC_TRENDS)}"
        )
    sample = read_fit_sample(database)
    opt_out_types = opt_out_event_types(project_dir)
    reference_events = event_file.rows(reference_set)
    # the warehouse decayed the counts under the set in force: the age controls decay alike
    in_force = weight_set_in_force(project_dir)
    half_lives = [
        value
        for row in (event_file.rows(in_force) or reference_events)
        if (value := _number(row.get("half_life_days"))) is not None and value > 0
    ]
    fitted, stats, index = _fit(
        sample,
        attribute_file.rows(reference_set),
        reference_events,
        opt_out_types,
        half_lives,
        options,
        name,
    )
    notes = fitted.notes + _decay_notes(event_file, reference_set, project_dir)
    live = _population(sample.live_attributes, sample.live_events)
    if len(live):
        live_scores = _scores(
            fitted,
            sample.live_attributes,
            _event_counts(sample.live_events, live.index),
            live.index,
        )
        live_dates = sorted({str(day)[:10] for day in live.index.get_level_values("as_of_date")})
        population = (
            f"the {len(live):,} candidates of the as-of date {', '.join(live_dates)} "
            "(not disqualified)"
        )
    else:
        live_scores = fitted.scores
        population = f"the fit sample's {len(index):,} candidate-dates"
        notes.append(
            f"{FEATURES_TABLE} has no live rows (the as-of date's candidates): tier bounds "
            "placed on the fit sample"
        )
    tier_rows, tiers = _tier_rows(tier_file.rows(reference_set), live_scores, fitted.scores, name)
    lowest = _lowest_score(fitted, opt_out_types)
    for tier in tiers:
        if tier.lower_bound is not None and tier.lower_bound <= lowest:
            notes.append(
                f"tier {tier.tier}'s bound {tier.lower_bound} is at or below the lowest score "
                f"the set can give ({lowest:g}): every candidate reaches it, so the tiers below "
                "stay empty; the expected shares of score_tiers.csv ask for more than 100%"
            )

    # Everything is computed before the first file is written: an error leaves the seeds as
    # they were. Each file is replaced in one rename.
    outputs = [
        (attribute_file, fitted.attribute_rows),
        (event_file, fitted.event_rows),
        (tier_file, tier_rows),
    ]
    for seed, rows in outputs:
        _replace_file(seed.path, seed.render(name, rows))
    return FitResult(
        weight_set=name,
        reference_set=reference_set,
        seeds_dir=seeds_dir,
        rows_written={seed.path.name: len(rows) for seed, rows in outputs},
        candidate_dates=len(index),
        candidates=int(index.get_level_values("candidate_id").nunique()),
        as_of_dates=int(index.get_level_values("as_of_date").nunique()),
        conversions=int(stats.converted.sum()),
        tiers=tiers,
        tier_population=population,
        lowest_score=lowest,
        notes=notes,
        flagged=fitted.flagged,
    )


def _decay_notes(event_file: SeedFile, reference_set: str, project_dir: Path) -> list[str]:
    """The warehouse decayed event counts under the set in force: say so if the reference's
    decay settings differ, as its points would then be fitted on other counts."""
    in_force = weight_set_in_force(project_dir)
    if in_force == reference_set:
        return []
    settings = {
        (row["event_type"], row.get("half_life_days"), row.get("max_events_per_day"))
        for row in event_file.rows(in_force)
    }
    differing = sorted(
        row["event_type"]
        for row in event_file.rows(reference_set)
        if (row["event_type"], row.get("half_life_days"), row.get("max_events_per_day"))
        not in settings
    )
    if not differing:
        return []
    return [
        f"decayed event counts come from the set in force ({in_force}), whose half-life or "
        f"daily limit differs from {reference_set}'s for: {', '.join(differing)}"
    ]


def _replace_file(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.fitting")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(temporary, path)


def format_result(result: FitResult, project_dir: Path = PROJECT_DIR) -> str:
    seeds = _display_path(result.seeds_dir, project_dir)
    lowest = "no lower limit" if result.lowest_score == -math.inf else f"{result.lowest_score:g}"
    lines = [
        f"Fitted weight set {result.weight_set} (reference {result.reference_set}) into {seeds}:",
        *(f"  {file:<22} {rows:>5} rows" for file, rows in result.rows_written.items()),
        f"Fit sample: {result.candidate_dates:,} candidate-dates ({result.candidates:,} "
        f"candidates, {result.as_of_dates} as-of dates), {result.conversions:,} conversions, "
        f"base conversion rate {_percent(result.base_rate)}",
        "Points: 0 is the base rate's odds, so a below-average candidate scores below 0 "
        f"(lowest possible score: {lowest}).",
        f"Tier bounds placed on {result.tier_population}, each tier at the middle of its "
        "expected share, from the top:",
        f"  {'tier':<18} {'bound':>8}  {'share':>6}  {'expected':>11}  {'fit sample':>10}",
    ]
    for tier in result.tiers:
        bound = "(floor)" if tier.lower_bound is None else f">= {tier.lower_bound}"
        expected = (
            ""
            if tier.expected_share_min is None
            else f"{tier.expected_share_min:.0%} to {tier.expected_share_max or 1:.0%}"
        )
        lines.append(
            f"  {tier.tier:<18} {bound:>8}  {tier.share:6.1%}  {expected:>11}  "
            f"{tier.fit_share:10.1%}"
        )
    lines += [f"Note: {note}" for note in result.notes]
    if result.flagged:
        lines.append(
            f"Flagged: {len(result.flagged)} rows whose points' sign contradicts their own "
            "conversion rate (other criteria explain it; review them before adopting the set):"
        )
        lines += [f"  {row}" for row in result.flagged]
    else:
        lines.append("Flagged: no row's points contradict its own conversion rate.")
    lines += [
        "Next: review the new rows and their rationales, then run",
        "  .venv/bin/dbt build",
        "and compare the sets on the holdout sample in evaluation.backtest_summary:",
        "  select * from evaluation.backtest_summary order by outcome, weight_set",
        f"Adopt it by committing the seed files and setting vars.weight_set: {result.weight_set}.",
    ]
    return "\n".join(lines)


def _display_path(path: Path, project_dir: Path) -> str:
    try:
        return str(path.resolve().relative_to(project_dir))
    except ValueError:
        return str(path)
