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

Only the backtest's 'fit' sample is read: the metrics marts report on the 'holdout' candidates,
which the fit never saw, so a fitted set is judged on data it did not learn from.

A value, bin or event type with too little data (fewer than `min_rows` candidate-dates or
`min_conversions` conversions) is given 0 points and says so in its rationale rather than
earning points from noise. Decay settings, daily limits and the opt-out event types (consent,
not weights) are the reference set's. Tier bounds are placed so that each tier holds the middle
of its expected share on the fit sample.

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
NO_VALUE = "(no value)"
# Scorecard scaling: this many more points double the odds of converting. 20 keeps fitted points
# in the range of the hand-set default weights (a strong attribute is worth 10 to 20 points).
POINTS_TO_DOUBLE_ODDS = 20.0
MIN_ROWS = 50
MIN_CONVERSIONS = 5
MAX_BINS = 6  # more bands than a reviewer can read add little to a criterion's separation
# penalties (inverse strengths, sklearn C) the fit chooses from by cross-validation
REGULARISATION_STRENGTHS = (1.0, 0.1, 0.03, 0.01, 0.003, 0.001)
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


@dataclass(frozen=True)
class TierShare:
    tier: str
    lower_bound: int | None
    target_share: float | None  # the midpoint of its expected share range, None for the floor
    fitted_share: float  # share of the fit sample in the tier under the proposed bounds


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
    notes: list[str] = field(default_factory=list)

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


def read_fit_sample(database: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fit sample's attribute rows and event rows of evaluation.backtest_fit_features."""
    if not database.exists():
        raise FitError(f"no warehouse at {database}: run dbt build first")
    with duckdb.connect(str(database), read_only=True) as connection:
        found = connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'evaluation' and table_name = 'backtest_fit_features'"
        ).fetchone()
        if not found or not found[0]:
            raise FitError(f"{FEATURES_TABLE} is missing in {database}: run dbt build first")
        attributes = connection.execute(
            f"select as_of_date, candidate_id, has_converted, criterion, match_type, "
            f"attribute_value, attribute_number from {FEATURES_TABLE} "
            f"where evaluation_sample = ? and criterion_source = 'attribute'",
            [FIT_SAMPLE],
        ).df()
        events = connection.execute(
            f"select as_of_date, candidate_id, has_converted, criterion, event_type, "
            f"decayed_event_count from {FEATURES_TABLE} "
            f"where evaluation_sample = ? and criterion_source = 'event'",
            [FIT_SAMPLE],
        ).df()
    if attributes.empty and events.empty:
        raise FitError(
            f"{FEATURES_TABLE} in {database} has no row with evaluation_sample = '{FIT_SAMPLE}': "
            "run dbt build on data with a complete outcome window (see var backtest)"
        )
    return attributes, events


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
    points: int = 0


def _percent(share: float) -> str:
    return f"{share:.1%}" if share < 0.1 else f"{share:.0%}"


class _Stats:
    """Conversion counts of the fit sample, and the wording of the rationales."""

    def __init__(self, converted: np.ndarray[Any, Any], min_rows: int, min_conversions: int):
        self.converted = converted
        self.base = float(converted.mean())
        self.min_rows = min_rows
        self.min_conversions = min_conversions

    def enough(self, rows: int, conversions: int) -> bool:
        return rows >= self.min_rows and conversions >= self.min_conversions

    def rationale(self, rows: int, conversions: int) -> str:
        if not rows:
            return "none in the fit sample, 0 points"
        if not self.enough(rows, conversions):
            return f"n={rows}, {conversions} conversions: too few to weigh, 0 points"
        return f"conversion {_percent(conversions / rows)} vs {_percent(self.base)} base, n={rows}"


def _value_criterion(
    criterion: str, values: pd.Series, stats: _Stats
) -> tuple[dict[str, np.ndarray[Any, Any]], list[PendingRow]]:
    """Categorical optimal binning: values of like conversion share a bin and its points."""
    from optbinning import OptimalBinning  # type: ignore[import-untyped]

    y = stats.converted
    present = values.notna().to_numpy()
    counts = pd.DataFrame({"value": values[present], "y": y[present]}).groupby("value")["y"]
    per_value = pd.DataFrame({"rows": counts.size(), "conversions": counts.sum()})

    def value_rationale(value: str) -> str:
        return stats.rationale(
            int(per_value.loc[value, "rows"]), int(per_value.loc[value, "conversions"])
        )

    frequent = [
        str(value)
        for value, row in per_value.iterrows()
        if stats.enough(int(row["rows"]), int(row["conversions"]))
    ]
    rare = [str(value) for value in per_value.index if str(value) not in frequent]
    features: dict[str, np.ndarray[Any, Any]] = {}
    rows: list[PendingRow] = []
    binned: set[str] = set()
    if frequent:
        x = values.to_numpy(dtype=object)
        binning = OptimalBinning(
            name=criterion,
            dtype="categorical",
            min_bin_size=min(stats.min_rows / max(len(x), 1), 0.5),
            min_bin_n_event=stats.min_conversions,
            max_n_bins=MAX_BINS,
            special_codes=rare or None,  # rare values: out of the bins, 0 points
        )
        binning.fit(x, y)
        for index, split in enumerate(binning.splits):
            members = sorted(str(value) for value in split)
            binned.update(members)
            feature = f"{criterion}:bin {index}"
            features[feature] = values.isin(members).to_numpy(dtype=float)
            for value in members:
                others = [other for other in members if other != value]
                grouped = f"; binned with {', '.join(others[:3])}" if others else ""
                grouped += " ..." if len(others) > 3 else ""
                rationale = value_rationale(value) + grouped
                rows.append(PendingRow(criterion, value, None, None, feature, rationale))
    # a value the solver left in no bin (no feasible binning) is not weighed: 0 points
    for value in frequent:
        if value not in binned:
            rationale = value_rationale(value) + "; in no bin of the optimal binning, 0 points"
            rows.append(PendingRow(criterion, value, None, None, None, rationale))
    for value in rare:
        rows.append(PendingRow(criterion, value, None, None, None, value_rationale(value)))
    if not present.all():
        rows.append(_missing_row(criterion, ~present, stats, features))
    return features, rows


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
        binning = OptimalBinning(
            name=criterion,
            dtype="numerical",
            min_bin_size=min(stats.min_rows / max(int(present.sum()), 1), 0.5),
            min_bin_n_event=stats.min_conversions,
            max_n_bins=MAX_BINS,
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


def _list_criterion(
    criterion: str, values: pd.Series, stats: _Stats
) -> tuple[dict[str, np.ndarray[Any, Any]], list[PendingRow]]:
    """One binary feature per item seen often enough; the items' points add up."""
    items = [
        frozenset(item.strip() for item in str(text).split(",") if item.strip())
        if isinstance(text, str)
        else frozenset()
        for text in values.to_numpy(dtype=object)
    ]
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


@dataclass
class _FittedSet:
    attribute_rows: list[dict[str, str]]
    event_rows: list[dict[str, str]]
    scores: np.ndarray[Any, Any]  # total score of each candidate-date of the fit sample
    notes: list[str]


def _fit(
    attributes: pd.DataFrame,
    events: pd.DataFrame,
    reference_attributes: list[dict[str, str]],
    reference_events: list[dict[str, str]],
    opt_out_types: set[str],
    options: FitOptions,
    name: str,
) -> tuple[_FittedSet, _Stats, pd.Index]:
    from sklearn.linear_model import LogisticRegressionCV  # type: ignore[import-untyped]
    from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]

    key = ["as_of_date", "candidate_id"]
    population = (
        pd.concat([attributes[[*key, "has_converted"]], events[[*key, "has_converted"]]])
        .drop_duplicates(subset=key)
        .set_index(key)
        .sort_index()
    )
    index = population.index
    converted = population["has_converted"].fillna(False).astype(bool).to_numpy().astype(int)
    stats = _Stats(converted, options.min_rows, options.min_conversions)
    notes: list[str] = []
    if converted.min() == converted.max():
        raise FitError(
            f"{FEATURES_TABLE}: every candidate-date of the fit sample has has_converted = "
            f"{bool(converted[0])}: there is nothing to learn from"
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

    counts = (
        events.pivot_table(
            index=key, columns="event_type", values="decayed_event_count", aggfunc="sum"
        )
        .reindex(index)
        .fillna(0.0)
        if not events.empty
        else pd.DataFrame(index=index)
    )
    # (reference row, feature or None, rationale, keeps the reference's points)
    event_pending: list[tuple[dict[str, str], str | None, str, bool]] = []
    for reference in reference_events:
        event_type = reference["event_type"]
        if is_opt_out(reference, opt_out_types):
            rationale = "opt-out: consent, not fitted; the reference set's points kept"
            event_pending.append((reference, None, rationale, True))
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
                f"{_percent(stats.base)} base, n={rows_with}"
            )
            event_pending.append((reference, feature, rationale, False))
        else:
            rationale = stats.rationale(rows_with, conversions_with)
            event_pending.append((reference, None, rationale, False))
    unknown = sorted(set(counts.columns) - {row["event_type"] for row in reference_events})
    if unknown:
        notes.append(
            f"event types without a row in the reference set, not fitted: {', '.join(unknown)}"
        )

    names = sorted(features)
    coefficients: dict[str, float] = {}
    if names:
        matrix = np.column_stack([features[feature] for feature in names])
        # The L2 penalty is chosen by cross-validated AUC within the fit sample, folds split by
        # candidate (a candidate's dates are alike): with a few hundred conversions and dozens
        # of bins, an unpenalised fit learns noise (on the demo data C=1 scored 0.81 on the
        # holdout, the chosen penalty 0.85). The holdout stays unseen.
        candidates = index.get_level_values("candidate_id")
        folds = list(GroupKFold(n_splits=5).split(matrix, converted, groups=candidates))
        model = LogisticRegressionCV(
            Cs=list(REGULARISATION_STRENGTHS),
            l1_ratios=(0.0,),
            cv=folds,
            scoring="roc_auc",
            max_iter=5000,
            use_legacy_attributes=False,
        )
        model.fit(matrix, converted)
        coefficients = dict(zip(names, (float(c) for c in model.coef_[0]), strict=True))
        chosen = float(np.ravel(model.C_)[0])
        notes.append(f"penalty chosen by cross-validation on the fit sample: C={chosen:g}")
    factor = options.points_to_double_odds / math.log(2)

    attribute_rows: list[dict[str, str]] = []
    scores = np.zeros(len(index))
    for row in pending:
        if row.feature is not None:
            row.points = round(factor * coefficients[row.feature]) + 0
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
    for criterion, rows in attributes.groupby("criterion", sort=True):
        criterion = str(criterion)
        if criterion not in match_types:
            continue
        aligned = rows.set_index(key).reindex(index)
        own = [row for row in pending if row.criterion == criterion]
        scores += _attribute_points(match_types[criterion], aligned, own)

    event_rows: list[dict[str, str]] = []
    event_points: dict[str, tuple[float, dict[str, str]]] = {}
    for reference, event_feature, event_rationale, keeps_points in event_pending:
        if keeps_points:
            points = Decimal(reference["points_per_event"])
        elif event_feature is None:
            points = Decimal(0)
        else:
            # halves: a frequent activity event may be worth less than a point
            points = Decimal(round(2 * factor * coefficients[event_feature])) / 2
        event_points[reference["event_type"]] = (float(points), reference)
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
    per_criterion: dict[str, np.ndarray[Any, Any]] = {}
    for event_type, (points_per_event, reference) in event_points.items():
        if event_type in counts.columns:
            column = counts[event_type].to_numpy(dtype=float)
            total = per_criterion.setdefault(reference["criterion"], np.zeros(len(index)))
            total += points_per_event * column
    for criterion, total in per_criterion.items():
        caps = [
            _number(row.get("criterion_points_cap"))
            for row in event_rows
            if row["criterion"] == criterion
        ]
        cap = next((value for value in caps if value is not None), None)
        scores += total if cap is None else np.clip(total, -cap, cap)
    return _FittedSet(attribute_rows, event_rows, scores, notes), stats, index


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


def _tier_rows(
    reference_tiers: list[dict[str, str]], scores: np.ndarray[Any, Any], name: str
) -> tuple[list[dict[str, str]], list[TierShare]]:
    """Bounds that give each scoring tier the middle of its expected share, from the top."""
    ordered = sorted(reference_tiers, key=lambda row: int(float(row["priority"])))
    scoring = [row for row in ordered if row.get("is_disqualified_tier", "").lower() != "true"]
    floor = scoring[-1] if scoring else None
    ranked = np.sort(scores)
    count = len(ranked)

    def share_at_or_above(bound: float) -> float:
        return float(count - np.searchsorted(ranked, bound, side="left")) / count

    candidates = np.arange(math.floor(ranked[0]), math.ceil(ranked[-1]) + 2)
    shares = np.array([share_at_or_above(float(bound)) for bound in candidates])
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
            fitted = share_at_or_above(lower) - (
                0.0 if upper == math.inf else share_at_or_above(upper)
            )
            tiers.append(TierShare(row["tier"], tier_bound, targets.get(row["tier"]), fitted))
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

    attributes, events = read_fit_sample(database)
    opt_out_types = opt_out_event_types(project_dir)
    reference_events = event_file.rows(reference_set)
    fitted, stats, index = _fit(
        attributes,
        events,
        attribute_file.rows(reference_set),
        reference_events,
        opt_out_types,
        options,
        name,
    )
    tier_rows, tiers = _tier_rows(tier_file.rows(reference_set), fitted.scores, name)
    notes = fitted.notes + _decay_notes(event_file, reference_set, project_dir)

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
        notes=notes,
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
    lines = [
        f"Fitted weight set {result.weight_set} (reference {result.reference_set}) into {seeds}:",
        *(f"  {file:<22} {rows:>5} rows" for file, rows in result.rows_written.items()),
        f"Fit sample: {result.candidate_dates:,} candidate-dates ({result.candidates:,} "
        f"candidates, {result.as_of_dates} as-of dates), {result.conversions:,} conversions, "
        f"base conversion rate {_percent(result.base_rate)}",
        "Tiers on the fit sample (target: the middle of the expected share, from the top):",
    ]
    for tier in result.tiers:
        bound = "(floor)" if tier.lower_bound is None else f">= {tier.lower_bound}"
        target = (
            "" if tier.target_share is None else f"  (cumulative target {tier.target_share:.0%})"
        )
        lines.append(f"  {tier.tier:<18} {bound:>8}  {tier.fitted_share:6.1%}{target}")
    lines += [f"Note: {note}" for note in result.notes]
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
