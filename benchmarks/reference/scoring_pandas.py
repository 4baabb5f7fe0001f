"""The project's scores computed with plain pandas: the raw extracts and the weight seeds read
with DuckDB into DataFrames, everything after that in pandas. The same rules as scoring.sql
(which follows the dbt models step by step); only the scores, not the rejected rows.

Points are kept in whole cents (int64) wherever the project keeps decimal(12, 2), so sums are
exact; event points are floats until they are rounded once per criterion, as DuckDB casts a
double to decimal(12, 2) (half away from zero on the value times 100).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pandas as pd  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from .run import ReferenceConfig

# the white space clean_text folds: RE2's \s is ASCII only, so it is spelt out here
_WHITE_SPACE = re.compile("[\t\n\f\r \x0b\xa0\u2007\u202f\u200b\ufeff]+")
_TRIMMED = " \t\n\x0b\r\xa0\ufeff"
_NUMBER = re.compile(r"[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,3})?")
_GROUPED_NUMBER = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?")
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME = r"[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?"
_LOCAL_TIME = re.compile(f"{_DATE}({_TIME})?")
_ZONED_TIME = re.compile(f"{_DATE}{_TIME} ?(Z|[+-][0-9]{{2}}(:?[0-9]{{2}})?)")
_EPOCH_MS = re.compile(r"[0-9]{12,13}([.][0-9]+)?")
_EPOCH_S = re.compile(r"[0-9]{9,10}([.][0-9]+)?")
_DISPOSITIONS = ("good_fit", "not_a_fit", "no_response")
_SUPERSEDED = "superseded_by_newer_version"


# --- values, as macros/cleaning reads them -------------------------------------------------


def _map_unique(values: Any, function: Callable[[Any], Any]) -> Any:
    """function applied once per distinct value: ids and codes repeat millions of times."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.array([function(value) for value in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def _as_text(values: Any) -> Any:
    """cast(x as varchar) of any column: booleans as true/false, missing values as None."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.map(lambda v: None if pd.isna(v) else ("true" if v else "false"))
    if pd.api.types.is_integer_dtype(values.dtype):
        return values.map(lambda v: None if pd.isna(v) else str(int(v)))
    objects = values.astype(object)
    return objects.where(values.notna(), None).map(
        lambda v: v if v is None or isinstance(v, str) else _scalar_text(v)
    )


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    return str(value)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = _WHITE_SPACE.sub(" ", value).strip(" ")
    return cleaned or None


def clean_text(values: Any) -> Any:
    return _map_unique(_as_text(values), _clean)


def _normalised_text(value: str | None) -> str | None:
    cleaned = _clean(value)
    return None if cleaned is None else cleaned.lower()


def normalise_text(values: Any) -> Any:
    return _map_unique(_as_text(values), _normalised_text)


def _normalised_id(value: str | None) -> str | None:
    cleaned = _clean(value)
    if cleaned is None:
        return None
    upper = cleaned.upper()
    whole = re.fullmatch(r"([0-9]+)[.]0+", upper)
    return whole.group(1) if whole else upper


def normalise_id(values: Any) -> Any:
    return _map_unique(_as_text(values), _normalised_id)


def _normalised_code(value: str | None) -> str | None:
    cleaned = _clean(value)
    if cleaned is None:
        return None
    return re.sub("[^a-z0-9]+", "_", cleaned.lower()).strip("_") or None


def normalise_code(values: Any) -> Any:
    return _map_unique(_as_text(values), _normalised_code)


def _parsed_boolean(value: str | None) -> bool | None:
    text = _normalised_text(value)
    if text in ("true", "t", "yes", "y", "1"):
        return True
    if text in ("false", "f", "no", "n", "0"):
        return False
    return None


def parse_boolean(values: Any) -> Any:
    return _map_unique(_as_text(values), _parsed_boolean)


def _parsed_number(value: str | None) -> float | None:
    text = _clean(value)
    if text is None:
        return None
    if _GROUPED_NUMBER.fullmatch(text) and not _NUMBER.fullmatch(text):
        text = text.replace(",", "")
    elif not _NUMBER.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None  # DuckDB's try_cast: out of range


def parse_number(values: Any) -> Any:
    return pd.to_numeric(_map_unique(_as_text(values), _parsed_number), errors="coerce")


def _half_away(value: float) -> int:
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def _parsed_timestamp(value: str | None) -> datetime | None:
    text = None if value is None else value.strip(_TRIMMED) or None
    if text is None:
        return None
    try:
        if _LOCAL_TIME.fullmatch(text):
            return datetime.fromisoformat(text.replace("T", " "))
        if _ZONED_TIME.fullmatch(text):
            text = text.replace(" +", "+").replace(" -", "-").replace(" Z", "Z")
            moment = datetime.fromisoformat(text)
            offset = moment.utcoffset() or timedelta(0)
            return moment.replace(tzinfo=None) - offset
        if _EPOCH_MS.fullmatch(text):
            return datetime(1970, 1, 1) + timedelta(milliseconds=_half_away(float(text)))
        if _EPOCH_S.fullmatch(text):
            return datetime(1970, 1, 1) + timedelta(milliseconds=_half_away(float(text) * 1000))
    except ValueError:
        return None  # the shape of a time, not a real one (30 February)
    return None


def parse_utc_timestamp(values: Any) -> Any:
    """A typed column as it is (a zoned one in UTC); text in the formats staging reads."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[us]")
    if pd.api.types.is_datetime64_dtype(values.dtype):
        return values.astype("datetime64[us]")
    parsed = _map_unique(_as_text(values), _parsed_timestamp)
    return pd.to_datetime(parsed, errors="coerce").astype("datetime64[us]")


def _raw_is_missing(values: Any) -> Any:
    """trimmed_text(x) is null: no value, or only white space."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values.isna()
    text = _as_text(values)
    return _map_unique(text, lambda v: v is None or v.strip(_TRIMMED) == "").astype(bool)


def _like(pattern: str) -> re.Pattern[str]:
    """SQL LIKE as a regular expression: % any text, _ one character."""
    parts = ("." if c == "_" else ".*" if c == "%" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), re.DOTALL)


def _list_contains(item: str) -> Callable[[str | None], bool]:
    """',' || value || ',' like '%,' || item || ',%': the comma-separated list holds the item."""
    pattern = _like(f"%,{item},%")
    return lambda value: value is not None and bool(pattern.fullmatch(f",{value},"))


def _cents(values: Any) -> Any:
    """Exact decimal(12, 2) seed values (read as floats) in whole cents."""
    return values.map(lambda v: np.nan if pd.isna(v) else round(float(v) * 100))


def _round_cents(values: Any) -> Any:
    """A double cast to decimal(12, 2) as DuckDB does it, in whole cents."""
    scaled = values.to_numpy(dtype=float) * 100
    return np.sign(scaled) * np.floor(np.abs(scaled) + 0.5)


def _to_millionths(values: Any) -> Any:
    """A double cast to decimal(18, 6), as DuckDB rounds it (half away from zero), in
    millionths: event points are rounded so before the cap and the cents
    (int_candidate_events_scored)."""
    scaled = np.asarray(values, dtype=float) * 1_000_000
    return np.sign(scaled) * np.floor(np.abs(scaled) + 0.5)


def _capped(points: Any, cap: Any) -> Any:
    """capped_points: within [-cap, cap]; no cap leaves the points as they are."""
    return np.where(cap.notna(), np.clip(points, -cap.fillna(0), cap.fillna(0)), points)


# --- the extracts ----------------------------------------------------------------------------


def _read(connection: duckdb.DuckDBPyConnection, schema: str, table: str) -> Any:
    return connection.sql(f'select * from "{schema}"."{table}"').df()


def _reject(conditions: list[tuple[Any, str]], index: Any) -> Any:
    """The first reason whose condition holds, as the models' case expressions do."""
    reasons = np.select(
        [c.to_numpy(dtype=bool) for c, _ in conditions], [r for _, r in conditions], ""
    )
    return pd.Series(reasons, index=index).replace("", None)


def _candidates(raw: Any, erased: set[str], run_started: datetime) -> Any:
    typed = pd.DataFrame(
        {
            "candidate_id": normalise_id(raw["candidate_id"]),
            "email": normalise_text(raw["email"]),
            "job_title": normalise_text(raw["job_title"]),
            "skills": _map_unique(
                normalise_text(raw["skills"]),
                lambda v: None if v is None else re.sub(" ?[;,|] ?", ",", v),
            ),
            "industry": normalise_text(raw["industry"]),
            "current_company": clean_text(raw["current_company"]),
            "country_code": _map_unique(clean_text(raw["country"]), lambda v: v and v.upper()),
            "city": clean_text(raw["city"]),
            "source_channel": normalise_text(raw["source_channel"]),
            "years_experience_raw": clean_text(raw["years_experience"]),
            "years_experience": parse_number(raw["years_experience"]),
            "company_size": parse_number(raw["company_size"]),
            "company_revenue": parse_number(raw["company_revenue"]),
            "consent_raw": clean_text(raw["marketing_consent"]),
            "has_marketing_consent": parse_boolean(raw["marketing_consent"]),
            "do_not_contact_raw": clean_text(raw["do_not_contact"]),
            "is_do_not_contact": parse_boolean(raw["do_not_contact"]),
            "created_at": parse_utc_timestamp(raw["created_at"]),
            "updated_at": parse_utc_timestamp(raw["updated_at"]),
        }
    )
    typed = typed[~typed["candidate_id"].isin(erased)].copy()
    years, size, revenue = (
        typed["years_experience"],
        typed["company_size"],
        typed["company_revenue"],
    )
    # impossible optional values are no values; a time after the run cannot order versions
    typed["years_experience"] = years.where((years >= 0) & (years <= 80))
    typed["company_size"] = size.where(
        (size >= 0) & (size <= 10_000_000) & (size == np.floor(size))
    )
    typed["company_revenue"] = revenue.where((revenue >= 0) & (revenue < 1e13))
    for column in ("created_at", "updated_at"):
        typed[column] = typed[column].where(typed[column] <= run_started)
    typed["dnc_key"] = typed["is_do_not_contact"].fillna(False).astype(bool)
    typed["consent_key"] = typed["has_marketing_consent"].fillna(False).astype(bool)
    # latest first; between versions of one time the most restrictive; then repeatable
    ranked = typed.sort_values(
        [
            "updated_at",
            "dnc_key",
            "consent_key",
            "created_at",
            "job_title",
            "years_experience_raw",
            "email",
        ],
        ascending=[False, False, True, False, True, True, True],
        na_position="last",
        kind="stable",
    )
    ranked["version_rank"] = ranked.groupby("candidate_id", dropna=False).cumcount() + 1
    ranked["is_latest_version"] = ranked["version_rank"] == 1
    ranked["rejection_reason"] = _reject(
        [
            (ranked["candidate_id"].isna(), "missing_candidate_id"),
            (
                ranked["consent_raw"].notna() & ranked["has_marketing_consent"].isna(),
                "invalid_marketing_consent",
            ),
            (
                ranked["do_not_contact_raw"].notna() & ranked["is_do_not_contact"].isna(),
                "invalid_do_not_contact",
            ),
            (~ranked["is_latest_version"], _SUPERSEDED),
        ],
        ranked.index,
    )
    return ranked


def _accepted_candidates(candidates: Any) -> Any:
    """Latest version per candidate id: whether it is usable (events of others are rejected)."""
    latest = candidates[candidates["candidate_id"].notna() & candidates["is_latest_version"]]
    return latest.set_index("candidate_id")["rejection_reason"].isna()


def _first_copies(frame: Any, key: str, order: list[str]) -> Any:
    """True for the first copy of each id in ``order`` (nulls last); only repeated ids sorted."""
    first = pd.Series(True, index=frame.index)
    repeated = frame[frame[key].duplicated(keep=False) & frame[key].notna()]
    ranked = repeated.sort_values([key, *order], na_position="last", kind="stable")
    first.loc[ranked.index[ranked[key].duplicated(keep="first")]] = False
    return first


def _events(raw: Any, erased: set[str], accepted: Any, run_started: datetime) -> Any:
    typed = pd.DataFrame(
        {
            "event_id": clean_text(raw["event_id"]),
            "candidate_id": normalise_id(raw["candidate_id"]),
            "event_type": normalise_code(raw["event_type"]),
            "occurred_at_missing": _raw_is_missing(raw["occurred_at"]),
            "occurred_at": parse_utc_timestamp(raw["occurred_at"]),
        }
    )
    typed = typed[~typed["candidate_id"].isin(erased)].copy()
    first = _first_copies(typed, "event_id", ["occurred_at", "candidate_id", "event_type"])
    known = typed["candidate_id"].map(accepted)
    typed["rejection_reason"] = _reject(
        [
            (typed["event_id"].isna(), "missing_event_id"),
            (~first, "duplicate_event_id"),
            (typed["candidate_id"].isna(), "missing_candidate_id"),
            (typed["event_type"].isna(), "missing_event_type"),
            (typed["occurred_at_missing"], "missing_occurred_at"),
            (typed["occurred_at"].isna(), "invalid_occurred_at"),
            (typed["occurred_at"] > run_started, "occurred_in_future"),
            (known.isna(), "unknown_candidate"),
            (known.eq(False), "candidate_rejected"),
        ],
        typed.index,
    )
    return typed


def _feedback(raw: Any, erased: set[str], accepted: Any, run_started: datetime) -> Any:
    typed = pd.DataFrame(
        {
            "feedback_id": normalise_id(raw["feedback_id"]),
            "candidate_id": normalise_id(raw["candidate_id"]),
            "recruiter_id": normalise_id(raw["recruiter_id"]),
            "disposition": normalise_code(raw["disposition"]),
            "reason": clean_text(raw["reason"]),
            "given_at_missing": _raw_is_missing(raw["given_at"]),
            "given_at": parse_utc_timestamp(raw["given_at"]),
        }
    )
    typed = typed[~typed["candidate_id"].isin(erased)].copy()
    first = _first_copies(
        typed, "feedback_id", ["given_at", "candidate_id", "disposition", "recruiter_id", "reason"]
    )
    known = typed["candidate_id"].map(accepted)
    typed["rejection_reason"] = _reject(
        [
            (typed["feedback_id"].isna(), "missing_feedback_id"),
            (~first, "duplicate_feedback_id"),
            (typed["candidate_id"].isna(), "missing_candidate_id"),
            (typed["disposition"].isna(), "missing_disposition"),
            (~typed["disposition"].isin(_DISPOSITIONS), "unknown_disposition"),
            (typed["given_at_missing"], "missing_given_at"),
            (typed["given_at"].isna(), "invalid_given_at"),
            (typed["given_at"] > run_started, "given_in_future"),
            (known.isna(), "unknown_candidate"),
            (known.eq(False), "candidate_rejected"),
        ],
        typed.index,
    )
    return typed


# --- scoring ---------------------------------------------------------------------------------


def _versions_in_force(candidates: Any, day_after: datetime) -> Any:
    """The best-ranked version known by the end of the as-of date, if it is usable."""
    rows = candidates[candidates["candidate_id"].notna()]
    known_since = rows["updated_at"].fillna(rows["created_at"])
    best = (
        rows[known_since.isna() | (known_since < day_after)]
        .groupby("candidate_id")["version_rank"]
        .min()
    )
    in_force = rows.merge(best.reset_index(), on=["candidate_id", "version_rank"])
    usable = in_force["rejection_reason"].isna() | (in_force["rejection_reason"] == _SUPERSEDED)
    return in_force[usable].set_index("candidate_id")


def _seniority(job_titles: Any, keywords: Any, default: str) -> Any:
    """The keyword of lowest precedence found as whole words in the title."""
    ordered = keywords.sort_values(["precedence", "keyword"], kind="stable")
    patterns = [
        (_like(f"% {k} %"), s)
        for k, s in zip(ordered["keyword"], ordered["seniority"], strict=True)
    ]

    def seniority(title: str | None) -> str:
        if title is None:
            return "unknown"
        padded = f" {title} "
        return next((s for pattern, s in patterns if pattern.fullmatch(padded)), default)

    return _map_unique(job_titles, seniority)


def _attribute_points(candidates: Any, config: ReferenceConfig, weights: Any) -> Any:
    """Per candidate and attribute criterion: matched rows' points (cents) summed and capped."""
    matches = []
    for criterion in config.scoring_criteria:
        if criterion["criterion_source"] != "attribute":
            continue
        name, column, match = (
            criterion["criterion"],
            str(criterion["column_name"]),
            criterion["match_type"],
        )
        values = candidates[column]
        if match == "band":
            number = values.astype(float)
            text = number.map(lambda v: None if pd.isna(v) else str(v))
        else:
            text = _map_unique(_as_text(values), lambda v: None if v is None else v.lower())
        missing = text.isna()
        for row in weights[weights["criterion"] == name].itertuples(index=False):
            matched = missing & (row.match_value == "(no value)")
            if match == "value":
                matched |= text.eq(row.match_value).fillna(False).astype(bool)
            elif match == "band":
                above = (
                    number >= row.band_min
                    if pd.notna(row.band_min)
                    else pd.Series(True, index=number.index)
                )
                below = (
                    number < row.band_max
                    if pd.notna(row.band_max)
                    else pd.Series(True, index=number.index)
                )
                # a band holds values: not the '(no value)' row, not a missing value
                if row.match_value != "(no value)":
                    matched |= above & below & number.notna()
            elif match == "list" and isinstance(row.match_value, str):
                matched |= _map_unique(text, _list_contains(row.match_value)).astype(bool)
            hits = matched[matched].index
            matches.append(
                pd.DataFrame(
                    {
                        "candidate_id": hits,
                        "criterion": name,
                        "points": row.points_cents,
                        "cap": row.cap_cents,
                    }
                )
            )
    if not matches:
        return pd.DataFrame(columns=["candidate_id", "criterion", "points"])
    matched_rows = pd.concat(matches, ignore_index=True)
    summed = matched_rows.groupby(["candidate_id", "criterion"], as_index=False).agg(
        points=("points", "sum"), cap=("cap", "max")
    )
    summed["points"] = _capped(summed["points"].astype(float), summed["cap"])
    return summed[["candidate_id", "criterion", "points"]]


def _event_points(
    events: Any, feedback: Any, config: ReferenceConfig, weights: Any, as_of: date
) -> Any:
    """Per candidate and event criterion: daily limits, decay, cap; rounded once to cents."""
    opt_out_as = {
        t["event_type"]: t["reason"]
        for t in config.consent_event_types
        if t["consent_effect"] == "opt_out"
    }
    usable = events[events["rejection_reason"].isna()]
    scored = pd.concat(
        [
            pd.DataFrame(
                {
                    "candidate_id": usable["candidate_id"],
                    "event_type": usable["event_type"].map(opt_out_as).fillna(usable["event_type"]),
                    "occurred_at": usable["occurred_at"],
                }
            ),
            pd.DataFrame(
                {
                    "candidate_id": feedback.loc[
                        feedback["rejection_reason"].isna(), "candidate_id"
                    ],
                    "event_type": "recruiter_"
                    + feedback.loc[feedback["rejection_reason"].isna(), "disposition"],
                    "occurred_at": feedback.loc[feedback["rejection_reason"].isna(), "given_at"],
                }
            ),
        ],
        ignore_index=True,
    )
    scored["occurred_on"] = scored["occurred_at"].dt.floor("D")
    as_of_day = pd.Timestamp(as_of)
    scored = scored[
        scored["event_type"].isin(weights["event_type"]) & (scored["occurred_on"] <= as_of_day)
    ]
    days = (
        scored.groupby(["candidate_id", "event_type", "occurred_on"])
        .size()
        .rename("event_count")
        .reset_index()
    )
    days = days.merge(weights, on="event_type")
    limit = days["max_events_per_day"].astype(float)
    count = days["event_count"].astype(float)
    counted = np.where(limit.isna() | (count <= limit), count, limit)
    age = (as_of_day - days["occurred_on"]).dt.days.astype(float)
    half_life = days["half_life_days"].astype(float)
    days["decayed"] = np.where(
        half_life.isna(), counted, counted * np.exp(-math.log(2) * age / half_life)
    )
    per_type = days.groupby(["candidate_id", "event_type", "criterion"], as_index=False).agg(
        decayed=("decayed", "sum"),
        points_per_event=("points_per_event", "first"),
        cap=("criterion_points_cap", "first"),
    )
    per_type["points"] = per_type["decayed"] * per_type["points_per_event"]
    per_criterion = per_type.groupby(["candidate_id", "criterion"], as_index=False).agg(
        points=("points", "sum"), cap=("cap", "max")
    )
    # in millionths, exact: the cap, then half a cent away from zero (decimal to decimal)
    millionths = _to_millionths(per_criterion["points"])
    capped = _capped(pd.Series(millionths), per_criterion["cap"] * 1_000_000)
    per_criterion["points"] = np.sign(capped) * np.floor((np.abs(capped) + 5_000) / 10_000)
    return per_criterion[["candidate_id", "criterion", "points"]]


def _disqualified(
    candidates: Any,
    events: Any,
    in_force: Any,
    config: ReferenceConfig,
    run_started: datetime,
    day_after: datetime,
) -> Any:
    """Who may not be contacted: the version in force refuses, or an opt-out stands."""
    rows = candidates[candidates["candidate_id"].notna()]
    latest = rows[rows["is_latest_version"]].set_index("candidate_id")["updated_at"]
    latest_at = rows["candidate_id"].map(latest)
    current = rows[
        rows["is_latest_version"]
        | rows["updated_at"].isna()
        | latest_at.isna()
        | (rows["updated_at"] >= latest_at)
    ]
    refusing = current[
        current["is_do_not_contact"].eq(True) | current["has_marketing_consent"].eq(False)
    ]
    effects = {t["event_type"]: t["consent_effect"] for t in config.consent_event_types}
    signalling = events[events["candidate_id"].notna() & events["event_type"].isin(effects)]
    at = signalling["occurred_at"].where(signalling["occurred_at"] <= run_started)
    signals = pd.concat(
        [
            pd.DataFrame(
                {
                    "candidate_id": refusing["candidate_id"],
                    "effect": "opt_out",
                    "signal_at": pd.NaT,
                    "known_since": refusing["updated_at"],
                }
            ),
            pd.DataFrame(
                {
                    "candidate_id": signalling["candidate_id"],
                    "effect": signalling["event_type"].map(effects),
                    "signal_at": at,
                    "known_since": at,
                }
            ),
        ],
        ignore_index=True,
    )
    signals["signal_at"] = signals["signal_at"].astype("datetime64[us]")
    signals["known_since"] = signals["known_since"].astype("datetime64[us]")
    known = signals[signals["known_since"].isna() | (signals["known_since"] < day_after)]
    re_consented = known[known["effect"] == "re_consent"].groupby("candidate_id")["signal_at"].max()
    opt_outs = known[known["effect"] == "opt_out"].merge(
        re_consented.rename("re_consented_at"), left_on="candidate_id", right_index=True, how="left"
    )
    # an opt-out stands unless a re-consent with a known time came after it
    lifted = opt_outs["signal_at"] < opt_outs["re_consented_at"]
    standing = set(opt_outs.loc[~lifted, "candidate_id"])
    return (
        in_force["is_do_not_contact"].eq(True)
        | ~in_force["has_marketing_consent"].eq(True)
        | in_force.index.to_series().isin(standing)
    )


def _tiers(total_cents: Any, disqualified: Any, tiers: Any) -> Any:
    """The tier with the highest lower bound the total reaches; disqualified whatever the score."""
    ordered = tiers.sort_values("lower_bound", ascending=False, na_position="last", kind="stable")
    scoring = ordered[~ordered["is_disqualified_tier"].astype(bool)]
    blocked = ordered[ordered["is_disqualified_tier"].astype(bool)]
    conditions = [
        ~disqualified & (pd.isna(bound) or total_cents >= bound)
        for bound in scoring["lower_bound_cents"]
    ]
    choices = list(scoring["tier"])
    if len(blocked):
        conditions.insert(0, disqualified)
        choices.insert(0, blocked["tier"].iloc[0])
    tier = np.select([np.asarray(c, dtype=bool) for c in conditions], choices, "")
    return pd.Series(tier, index=total_cents.index).replace("", None)


def score_candidates(
    database: Path, config: ReferenceConfig, as_of_date: str, weight_set: str, run_started_at: str
) -> Any:
    """One row per candidate scored on the as-of date under the weight set: candidate_id,
    fit/engagement/total_score_points, score_tier, is_disqualified, as_of_date, weight_set."""
    as_of = date.fromisoformat(as_of_date)
    day_after = datetime.combine(as_of + timedelta(days=1), datetime.min.time())
    run_started = datetime.fromisoformat(run_started_at)
    raw_schema, seeds = config.raw_schema, config.seed_schema
    with duckdb.connect(str(database), read_only=True) as connection:
        raw_candidates = _read(connection, raw_schema, "candidates")
        raw_events = _read(connection, raw_schema, "engagement_events")
        raw_feedback = _read(connection, raw_schema, "recruiter_feedback")
        tables = connection.execute(
            "select table_name from information_schema.tables where table_schema = ?", [raw_schema]
        ).fetchall()
        raw_erasures = (
            _read(connection, raw_schema, "erasure_requests")
            if ("erasure_requests",) in tables
            else None
        )
        attribute_weights = _read(connection, seeds, "attribute_points")
        event_weights = _read(connection, seeds, "event_points")
        score_tiers = _read(connection, seeds, "score_tiers")
        keywords = _read(connection, seeds, "job_title_seniority_keywords")

    erased = (
        set() if raw_erasures is None else set(normalise_id(raw_erasures["candidate_id"]).dropna())
    )
    candidates = _candidates(raw_candidates, erased, run_started)
    accepted = _accepted_candidates(candidates)
    events = _events(raw_events, erased, accepted, run_started)
    feedback = _feedback(raw_feedback, erased, accepted, run_started)

    in_force = _versions_in_force(candidates, day_after)
    in_force["seniority"] = _seniority(in_force["job_title"], keywords, config.default_seniority)

    attribute_weights = attribute_weights[attribute_weights["weight_set"] == weight_set].copy()
    attribute_weights["points_cents"] = _cents(attribute_weights["points"])
    attribute_weights["cap_cents"] = _cents(attribute_weights["criterion_points_cap"])
    event_weights = event_weights[event_weights["weight_set"] == weight_set].copy()
    event_weights["points_per_event"] = event_weights["points_per_event"].astype(float)
    event_weights["criterion_points_cap"] = event_weights["criterion_points_cap"].astype(float)
    score_tiers = score_tiers[score_tiers["weight_set"] == weight_set].copy()
    score_tiers["lower_bound_cents"] = _cents(score_tiers["lower_bound"])

    points = pd.concat(
        [
            _attribute_points(in_force, config, attribute_weights),
            _event_points(events, feedback, config, event_weights, as_of),
        ],
        ignore_index=True,
    )
    component = {c["criterion"]: c["score_component"] for c in config.scoring_criteria}
    points["component"] = points["criterion"].map(component)
    points = points[points["component"].notna()]
    by_component = points.pivot_table(
        index="candidate_id", columns="component", values="points", aggfunc="sum"
    )
    scores = pd.DataFrame(index=in_force.index)
    for name in ("fit", "engagement"):
        column = by_component[name] if name in by_component.columns else pd.Series(dtype=float)
        scores[name] = column.reindex(scores.index).fillna(0).round().astype("int64")
    total = points.groupby("candidate_id")["points"].sum().reindex(scores.index).fillna(0)
    scores["total"] = total.round().astype("int64")

    disqualified = _disqualified(candidates, events, in_force, config, run_started, day_after)
    result = pd.DataFrame(
        {
            "candidate_id": scores.index,
            "fit_score_points": scores["fit"].to_numpy() / 100,
            "engagement_score_points": scores["engagement"].to_numpy() / 100,
            "total_score_points": scores["total"].to_numpy() / 100,
            "score_tier": _tiers(scores["total"], disqualified, score_tiers).to_numpy(),
            "is_disqualified": disqualified.to_numpy(),
        }
    )
    result["as_of_date"] = as_of_date
    result["weight_set"] = weight_set
    return result.reset_index(drop=True)
