"""A raw extract shaped like real lead-conversion data rather than like the demo generator
(issue 19), and the harness an end-to-end test of the fitted weight sets builds on.

Data-generating process (``write_realistic_extract``; numpy ``default_rng(seed)``, so the same
arguments always write the same rows):

- **Candidates** arrive uniformly from 2025-01-01 to 2026-09-30 (``candidates_per_month`` per
  month, 21 months), one version each: ``created_at = updated_at`` = the arrival,
  ``marketing_consent`` true, ``do_not_contact`` false, ids ``L000001``... in order of
  arrival. The contract columns are filled plausibly and carry no signal (job title, skills,
  company, country, city), except ``years_experience``. As from a CSV file, some columns are
  untyped text: ``years_experience`` (``'7'``, ``' 12 '``, ``'3.5'``, a few ``'n/a'`` which
  staging sets to NULL and lists in ``data_quality.rejected_raw_values``, a few empty) and
  ``time_on_site_minutes``; and text values differ in case and spacing only
  (``' Working Professional'``, ``'WORKING  PROFESSIONAL'``), which staging normalises
  (``normalise_text``: trimmed, runs of spaces folded, lower case) for the contract's
  ``source_channel`` and for every extra column of type text.
- **Extra candidate columns** (var ``extra_candidate_columns``):
  ``occupation`` (text): unemployed 60%, student 18%, other 15%, working professional 3% (the
  rare strong value; staged as ``'working professional'``), missing 4% (NULL or empty text);
  ``time_on_site_minutes`` (number, as text): 0 for 30%, else lognormal with median 10
  minutes, capped at 120, one decimal; ``last_activity`` (text, below).
- ``source_channel``: google 30%, direct 25%, olark_chat 20%, organic 15%, referral 10%.
- **Events**, every one stamped within the hour after the arrival (no time signal): one
  ``info_request`` each (the sign-up everyone has: no signal); ``career_site_visit``
  Poisson(2.2 + 0.35 ln(1 + time on site)) (mean about 3; related to conversion only through
  time on site); ``job_offer_email_open``: 40% of candidates have 1 to 4.
  ``last_activity`` is ``email_opened`` for 95% of the candidates with opens and for 3% of the
  others; otherwise page_visited / sms_sent / olark_chat / form_submitted (and 5% of those
  without opens have none). So ``last_activity = 'email_opened'`` and having opens measure the
  same behaviour (phi correlation 0.92 at the default size and seed).
- **Conversion** (ever; a Bernoulli draw on):
  ``logit = INTERCEPT + occupation effect (working professional +3.2, student -0.6,
  unemployed 0, other -0.3, missing -0.5) + source effect (referral +1.2, olark_chat -0.9,
  others 0) + 0.55 ln(1 + time_on_site_minutes) + 0.8 [has opens] + 1.0 [last_activity =
  sms_sent] + 0.03 min(years_experience, 15)`` (a missing experience counts 0), with
  ``INTERCEPT = -3.0``: a base conversion rate of about 22% (22.5% at the default size and
  seed: working professional 82%, unemployed 23%, student 16%). A converter has one
  ``placements`` row: applied arrival + U(1, 10) days, placed applied + U(5, 50) days, status
  ``placed``; 30% of the others applied (arrival + U(1, 20) days), status ``rejected``, no
  ``placed_at``. Nobody converts more than 60 days after arriving: no time signal beyond the
  arrival.
- ``recruiter_feedback`` is empty (with its columns); there is no ``erasure_requests`` table.

Staging uses every raw row (none rejected); the 1% of ``years_experience`` written ``'n/a'``
are set to NULL and listed in ``data_quality.rejected_raw_values``. A build warns (severity
warn, the build passes): the default weight set has no rows for the four new criteria, the
extracts are stale (they end on 2026-09-30, long before the run), and weight rows match no
candidate (recruiter feedback, event types and skills the extract does not have).

The out-of-time candidates (``out_of_time_frame``) are the prospects of T2 = 2026-06-01 who
arrived after T1 = 2026-03-31: the fit build's as-of date, whose last backtest date is
2025-12-01. Their label (placed within the 90 days after T2) depends on how long before T2
they arrived, since a converter is placed within 60 days of arriving and one placed by T2 is
no longer a prospect: the arrival day alone ranks them with an AUC of about 0.69, the process's
own conversion probability (no arrival) about 0.78.

The harness: ``REALISTIC_VARS`` / ``realistic_vars`` (the ``--vars`` of a build on this
extract), ``prepare_project`` (the contract columns of the four new criteria), ``build``,
``out_of_time_frame`` (the later candidates the fit never saw, labelled from
``raw.placements`` in Python), ``logistic_regression_auc`` (an analyst's baseline on the same
columns) and ``auc``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import yaml

from tests.helpers import PROJECT_DIR, DbtRun, run_dbt

__all__ = [
    "FIRST_ARRIVAL",
    "INTERCEPT",
    "LAST_ARRIVAL_BEFORE",
    "NEW_CRITERIA",
    "OUTCOME_WINDOW_DAYS",
    "REALISTIC_VARS",
    "T1",
    "T2",
    "TRAIN_ARRIVED_BEFORE",
    "BaselineAucs",
    "auc",
    "build",
    "logistic_regression_auc",
    "logistic_regression_aucs",
    "out_of_time_frame",
    "prepare_project",
    "realistic_vars",
    "write_realistic_extract",
]

FIRST_ARRIVAL = datetime(2025, 1, 1)
LAST_ARRIVAL_BEFORE = datetime(2026, 10, 1)  # arrivals up to the end of 2026-09-30
MONTHS = 21
# The fit build's as-of date, and the later live date the out-of-time candidates are scored on.
T1 = date(2026, 3, 31)
T2 = date(2026, 6, 1)
OUTCOME_WINDOW_DAYS = 90
# The baseline learns from candidates who arrived before this date: their outcome (conversion
# within 60 days of arriving) is known by T1.
TRAIN_ARRIVED_BEFORE = date(2025, 12, 31)

INTERCEPT = -3.0
OCCUPATIONS = ("unemployed", "student", "other", "working professional", None)
OCCUPATION_SHARES = (0.60, 0.18, 0.15, 0.03, 0.04)
OCCUPATION_EFFECTS = {
    "working professional": 3.2,
    "student": -0.6,
    "unemployed": 0.0,
    "other": -0.3,
    None: -0.5,
}
# each value as the extract spells it: the first most of the time, the others as a CSV
# typed by hand does (case, padding, doubled spaces)
OCCUPATION_SPELLINGS: dict[str, tuple[str, ...]] = {
    "unemployed": ("Unemployed", "unemployed", " UNEMPLOYED"),
    "student": ("Student", "student ", "STUDENT"),
    "other": ("Other", "other", " Other "),
    "working professional": (
        "Working Professional",
        " Working Professional",
        "working professional",
        "WORKING  PROFESSIONAL",
    ),
}
SOURCES = ("google", "direct", "olark_chat", "organic", "referral")
SOURCE_SHARES = (0.30, 0.25, 0.20, 0.15, 0.10)
SOURCE_EFFECTS = {"referral": 1.2, "olark_chat": -0.9}
SOURCE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "google": ("google", "Google", " GOOGLE"),
    "direct": ("direct", "Direct", "DIRECT "),
    "olark_chat": ("olark_chat", "Olark_Chat", " OLARK_CHAT"),
    "organic": ("organic", "Organic", "organic "),
    "referral": ("referral", "Referral", " REFERRAL "),
}
# last activity of a candidate without opens (the last share: no value)
OTHER_ACTIVITIES = ("page_visited", "sms_sent", "olark_chat", "form_submitted", "email_opened")
OTHER_ACTIVITY_SHARES = (0.35, 0.25, 0.20, 0.12, 0.03, 0.05)
ACTIVITY_SPELLINGS: dict[str, tuple[str, ...]] = {
    "email_opened": ("email_opened", "Email_Opened", " EMAIL_OPENED"),
    "page_visited": ("page_visited", "Page_Visited", "page_visited "),
    "sms_sent": ("sms_sent", "SMS_Sent", " SMS_SENT"),
    "olark_chat": ("olark_chat", "Olark_Chat", "OLARK_CHAT"),
    "form_submitted": ("form_submitted", "Form_Submitted", " form_submitted"),
}
SPELLING_SHARES = (0.85, 0.10, 0.05)

JOB_TITLES = (
    "Junior Data Analyst",
    "Data Analyst",
    "Senior Data Analyst",
    "Software Engineer",
    "Senior Software Engineer",
    "Lead Software Engineer",
    "Graduate Accountant",
    "Accountant",
    "Sales Associate",
    "Account Executive",
    "Customer Support Agent",
    "Marketing Coordinator",
    "Registered Nurse",
    "Teacher",
    "Head of Operations",
)
SKILLS = (
    "python",
    "sql",
    "excel",
    "aws",
    "java",
    "salesforce",
    "tableau",
    "project management",
    "javascript",
    "customer service",
)
INDUSTRIES = (
    "Software",
    "Financial Services",
    "Retail",
    "Healthcare",
    "Education",
    "Consulting",
    "Manufacturing",
    "Public Sector",
)
COUNTRIES = {
    "IN": ("Mumbai", "Bangalore", "Delhi", "Pune"),
    "GB": ("London", "Manchester"),
    "US": ("New York", "Austin"),
    "AE": ("Dubai",),
}
COUNTRY_SHARES = (0.70, 0.12, 0.12, 0.06)
FIRST_NAMES = ("Asha", "Ravi", "Priya", "Arjun", "Maya", "Tom", "Sara", "Omar", "Lena", "Kiran")
LAST_NAMES = ("Patel", "Sharma", "Khan", "Smith", "Iyer", "Jones", "Singh", "Rao", "Ali", "Das")

# The four criteria this extract adds to the project's default ones.
NEW_CRITERIA: list[dict[str, str]] = [
    {
        "name": "occupation",
        "family": "demographic",
        "source": "attribute",
        "column": "occupation",
        "match": "value",
    },
    {
        "name": "source_channel",
        "family": "demographic",
        "source": "attribute",
        "column": "source_channel",
        "match": "value",
    },
    {
        "name": "time_on_site",
        "family": "activity",
        "source": "attribute",
        "column": "time_on_site_minutes",
        "match": "band",
    },
    {
        "name": "last_activity",
        "family": "activity",
        "source": "attribute",
        "column": "last_activity",
        "match": "value",
    },
]
_CONTRACT_DESCRIPTIONS = {
    "occupation": "Demographic points for the candidate's current occupation.",
    "source_channel": "Demographic points for the channel the candidate came through.",
    "time_on_site": "Activity points for the minutes the candidate spent on the career site.",
    "last_activity": "Activity points for the candidate's last recorded activity.",
}


def _default_criteria() -> list[dict[str, Any]]:
    with (PROJECT_DIR / "dbt_project.yml").open(encoding="utf-8") as file:
        project = yaml.safe_load(file)
    return list(project["vars"]["scoring_criteria"])


# The vars of a build on this extract, but the as-of date, the weight set and whether the
# backtest runs (realistic_vars adds them).
REALISTIC_VARS: dict[str, Any] = {
    "extra_candidate_columns": [
        {"name": "occupation", "type": "text"},
        {"name": "time_on_site_minutes", "type": "number"},
        {"name": "last_activity", "type": "text"},
    ],
    "scoring_criteria": [*_default_criteria(), *NEW_CRITERIA],
    "backtest": {
        "months": 12,
        "outcome_window_days": OUTCOME_WINDOW_DAYS,
        "outcomes": ["placement"],
        "holdout_share": 0.3,
    },
}


def realistic_vars(as_of_date: date, weight_set: str = "default", backtest: bool = True) -> str:
    """The ``--vars`` of a build on this extract as of ``as_of_date`` (JSON, which dbt reads as
    YAML). The as-of dates used here are past, so ``allow_future_as_of_date`` stays false."""
    return json.dumps(
        {
            **REALISTIC_VARS,
            "as_of_date": as_of_date.isoformat(),
            "weight_set": weight_set,
            "run_backtest": backtest,
        }
    )


# --------------------------------------------------------------------------------------------
# the extract


def _spelled(rng: np.random.Generator, values: np.ndarray, spellings: dict[str, tuple[str, ...]]):
    """Each canonical value as the extract spells it (None stays None)."""
    draws = rng.random(len(values))
    out = np.empty(len(values), dtype=object)
    for index, (value, u) in enumerate(zip(values, draws, strict=True)):
        if value is None:
            out[index] = None
            continue
        variants = spellings[value]
        shares = np.array(SPELLING_SHARES[: len(variants)], dtype=float)
        thresholds = np.cumsum(shares / shares.sum())
        out[index] = variants[int(np.searchsorted(thresholds, u, side="right"))]
    return out


def _choice(rng: np.random.Generator, values: tuple[Any, ...], shares: tuple[float, ...], n: int):
    picked = rng.choice(len(values), size=n, p=np.array(shares) / sum(shares))
    out = np.empty(n, dtype=object)
    for index, position in enumerate(picked):
        out[index] = values[position]
    return out


def _generate(candidates_per_month: int, seed: int) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    n = candidates_per_month * MONTHS
    span = (LAST_ARRIVAL_BEFORE - FIRST_ARRIVAL).total_seconds()
    seconds = np.sort(rng.uniform(0, span, n)).round()
    arrival = pd.Timestamp(FIRST_ARRIVAL) + pd.to_timedelta(seconds, unit="s")
    ids = np.array([f"L{index:06d}" for index in range(1, n + 1)], dtype=object)

    # who the candidate is
    occupation = _choice(rng, OCCUPATIONS, OCCUPATION_SHARES, n)
    source = _choice(rng, SOURCES, SOURCE_SHARES, n)
    experience = np.minimum(rng.gamma(2.0, 3.0, n), 40).round(1)
    experience_kind = rng.random(n)  # how the CSV writes it
    time_on_site = np.where(
        rng.random(n) < 0.30, 0.0, np.minimum(rng.lognormal(math.log(10), 0.9, n), 120).round(1)
    )

    # what the candidate did, all within the hour after arriving
    has_opens = rng.random(n) < 0.40
    opens = np.where(has_opens, rng.integers(1, 5, n), 0)
    visits = rng.poisson(2.2 + 0.35 * np.log1p(time_on_site))
    other_activity = _choice(rng, (*OTHER_ACTIVITIES, None), OTHER_ACTIVITY_SHARES, n)
    last_activity = np.where(
        has_opens & (rng.random(n) < 0.95),
        "email_opened",
        np.where(has_opens, None, other_activity),
    ).astype(object)
    # an opener whose last activity is not the open: one of the others, never none
    openers_other = has_opens & (last_activity == None)  # noqa: E711 (element-wise)
    last_activity[openers_other] = _choice(
        rng, OTHER_ACTIVITIES[:4], OTHER_ACTIVITY_SHARES[:4], int(openers_other.sum())
    )

    # conversion
    known_experience = experience_kind >= 0.04  # 4% have no usable experience value
    logit = (
        INTERCEPT
        + np.array([OCCUPATION_EFFECTS[value] for value in occupation])
        + np.array([SOURCE_EFFECTS.get(value, 0.0) for value in source])
        + 0.55 * np.log1p(time_on_site)
        + 0.8 * has_opens
        + 1.0 * (last_activity == "sms_sent")
        + 0.03 * np.where(known_experience, np.minimum(experience, 15), 0)
    )
    converts = rng.random(n) < 1 / (1 + np.exp(-logit))
    applies_anyway = ~converts & (rng.random(n) < 0.30)

    candidates = pd.DataFrame(
        {
            "candidate_id": ids,
            "email": [f"{candidate_id.lower()}@example.com" for candidate_id in ids],
            "full_name": [
                f"{FIRST_NAMES[first]} {LAST_NAMES[last]}"
                for first, last in zip(
                    rng.integers(0, len(FIRST_NAMES), n),
                    rng.integers(0, len(LAST_NAMES), n),
                    strict=True,
                )
            ],
            "job_title": _choice(rng, JOB_TITLES, (1.0,) * len(JOB_TITLES), n),
            "years_experience": _experience_text(experience, experience_kind),
            "skills": [
                "; ".join(SKILLS[i] for i in sorted(rng.choice(len(SKILLS), k, replace=False)))
                for k in rng.integers(1, 5, n)
            ],
            "current_company": [f"Company {number}" for number in rng.integers(1, 400, n)],
            "company_size": np.round(rng.lognormal(math.log(200), 1.5, n)).astype(np.int64) + 1,
            "industry": _choice(rng, INDUSTRIES, (1.0,) * len(INDUSTRIES), n),
            "company_revenue": np.round(rng.lognormal(math.log(2e7), 1.8, n), -3),
            "country": _choice(rng, tuple(COUNTRIES), COUNTRY_SHARES, n),
            "source_channel": _spelled(rng, source, SOURCE_SPELLINGS),
            "marketing_consent": True,
            "do_not_contact": False,
            "created_at": arrival,
            "updated_at": arrival,
            "occupation": _missing_as_empty_or_null(
                rng, _spelled(rng, occupation, OCCUPATION_SPELLINGS)
            ),
            "time_on_site_minutes": [f"{minutes:g}" for minutes in time_on_site],
            "last_activity": _spelled(rng, last_activity, ACTIVITY_SPELLINGS),
        }
    )
    candidates.insert(
        candidates.columns.get_loc("source_channel"),
        "city",
        [
            COUNTRIES[country][rng.integers(0, len(COUNTRIES[country]))]
            for country in candidates.country
        ],
    )

    events = _events(rng, ids, arrival, visits, opens)
    placements = _placements(rng, ids, arrival, converts, applies_anyway)
    return {"candidates": candidates, "engagement_events": events, "placements": placements}


def _experience_text(experience: np.ndarray, kind: np.ndarray) -> list[str | None]:
    """Years of experience as a CSV holds them: whole or decimal, padded, a few unusable."""
    out: list[str | None] = []
    for years, u in zip(experience, kind, strict=True):
        if u < 0.01:
            out.append("n/a")  # staged as NULL, listed in rejected_raw_values
        elif u < 0.03:
            out.append(None)
        elif u < 0.04:
            out.append("")
        elif u < 0.10:
            out.append(f" {years:g} ")
        elif u < 0.50:
            out.append(f"{round(years)}")
        else:
            out.append(f"{years:g}")
    return out


def _missing_as_empty_or_null(rng: np.random.Generator, values: np.ndarray) -> np.ndarray:
    """A missing text value is NULL, or empty text for a third of them (also no value)."""
    empty = rng.random(len(values)) < 1 / 3
    out = values.copy()
    for index, value in enumerate(values):
        if value is None and empty[index]:
            out[index] = "" if index % 2 else "  "
    return out


def _events(
    rng: np.random.Generator,
    ids: np.ndarray,
    arrival: pd.DatetimeIndex,
    visits: np.ndarray,
    opens: np.ndarray,
) -> pd.DataFrame:
    n = len(ids)
    kinds = [
        ("info_request", np.ones(n, dtype=np.int64), "web"),
        ("career_site_visit", visits, "web"),
        ("job_offer_email_open", opens, "email"),
    ]
    frames = []
    for event_type, counts, channel in kinds:
        owner = np.repeat(np.arange(n), counts)
        offset = rng.uniform(0, 3600, len(owner)).round()
        frames.append(
            pd.DataFrame(
                {
                    "candidate_id": ids[owner],
                    "event_type": event_type,
                    "occurred_at": arrival[owner] + pd.to_timedelta(offset, unit="s"),
                    "job_id": (
                        [f"J{number:05d}" for number in rng.integers(1, 2000, len(owner))]
                        if event_type == "job_offer_email_open"
                        else None
                    ),
                    "channel": channel,
                }
            )
        )
    events = pd.concat(frames, ignore_index=True).sort_values(
        ["occurred_at", "candidate_id", "event_type"], kind="stable", ignore_index=True
    )
    events.insert(0, "event_id", [f"E{number:08d}" for number in range(1, len(events) + 1)])
    return events


def _placements(
    rng: np.random.Generator,
    ids: np.ndarray,
    arrival: pd.DatetimeIndex,
    converts: np.ndarray,
    applies_anyway: np.ndarray,
) -> pd.DataFrame:
    n = len(ids)
    placed_applied = arrival + pd.to_timedelta(rng.uniform(1, 10, n) * 86400, unit="s").round("s")
    placed_at = placed_applied + pd.to_timedelta(rng.uniform(5, 50, n) * 86400, unit="s").round("s")
    rejected_applied = arrival + pd.to_timedelta(rng.uniform(1, 20, n) * 86400, unit="s").round("s")
    job = rng.integers(1, 2000, n)
    placed = pd.DataFrame(
        {
            "candidate_id": ids[converts],
            "job_id": [f"J{number:05d}" for number in job[converts]],
            "applied_at": placed_applied[converts],
            "placed_at": placed_at[converts],
            "status": "placed",
        }
    )
    rejected = pd.DataFrame(
        {
            "candidate_id": ids[applies_anyway],
            "job_id": [f"J{number:05d}" for number in job[applies_anyway]],
            "applied_at": rejected_applied[applies_anyway],
            "placed_at": pd.NaT,
            "status": "rejected",
        }
    )
    return pd.concat([placed, rejected], ignore_index=True).sort_values(
        ["applied_at", "candidate_id"], kind="stable", ignore_index=True
    )


# column types of the raw tables: the untyped ones as a CSV load leaves them (varchar)
_RAW_TYPES = {
    "candidates": {
        "candidate_id": "varchar",
        "email": "varchar",
        "full_name": "varchar",
        "job_title": "varchar",
        "years_experience": "varchar",
        "skills": "varchar",
        "current_company": "varchar",
        "company_size": "bigint",
        "industry": "varchar",
        "company_revenue": "double",
        "country": "varchar",
        "city": "varchar",
        "source_channel": "varchar",
        "marketing_consent": "boolean",
        "do_not_contact": "boolean",
        "created_at": "timestamp",
        "updated_at": "timestamp",
        "occupation": "varchar",
        "time_on_site_minutes": "varchar",
        "last_activity": "varchar",
    },
    "engagement_events": {
        "event_id": "varchar",
        "candidate_id": "varchar",
        "event_type": "varchar",
        "occurred_at": "timestamp",
        "job_id": "varchar",
        "channel": "varchar",
    },
    "placements": {
        "candidate_id": "varchar",
        "job_id": "varchar",
        "applied_at": "timestamp",
        "placed_at": "timestamp",
        "status": "varchar",
    },
    "recruiter_feedback": {
        "feedback_id": "varchar",
        "candidate_id": "varchar",
        "recruiter_id": "varchar",
        "given_at": "timestamp",
        "disposition": "varchar",
        "reason": "varchar",
    },
}


def write_realistic_extract(
    database: Path, candidates_per_month: int = 1500, seed: int = 19
) -> None:
    """Write the raw tables of the process in the module docstring into schema ``raw`` of the
    DuckDB file ``database`` (replacing them)."""
    frames = _generate(candidates_per_month, seed)
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema if not exists raw")
        for table, types in _RAW_TYPES.items():
            columns = ", ".join(f"{name} {type_}" for name, type_ in types.items())
            connection.execute(f"create or replace table raw.{table} ({columns})")
            frame = frames.get(table)
            if frame is None:
                continue
            connection.register("frame", frame)
            casts = ", ".join(f"cast({name} as {type_})" for name, type_ in types.items())
            connection.execute(f"insert into raw.{table} select {casts} from frame")
            connection.unregister("frame")


# --------------------------------------------------------------------------------------------
# the harness


def prepare_project(project_dir: Path) -> Path:
    """Add the ``<criterion>_points`` columns of the four new criteria to the enforced contract
    of ``scoring.candidate_scores`` in a copy of the project (before ``fit_score``, as the README
    says a new criterion needs); a column already there is left alone. Returns project_dir."""
    models_file = project_dir / "models" / "marts" / "scoring" / "_scoring__models.yml"
    models = yaml.safe_load(models_file.read_text(encoding="utf-8"))
    scores = next(model for model in models["models"] if model["name"] == "candidate_scores")
    present = {column["name"] for column in scores["columns"]}
    position = next(
        index for index, column in enumerate(scores["columns"]) if column["name"] == "fit_score"
    )
    for criterion in NEW_CRITERIA:
        name = f"{criterion['name']}_points"
        if name in present:
            continue
        scores["columns"].insert(
            position,
            {
                "name": name,
                "data_type": "decimal(12, 2)",
                "description": _CONTRACT_DESCRIPTIONS[criterion["name"]],
            },
        )
        position += 1
    models_file.write_text(yaml.safe_dump(models, sort_keys=False), encoding="utf-8")
    return project_dir


def build(
    project_dir: Path,
    database: Path,
    as_of_date: date,
    weight_set: str = "default",
    backtest: bool = True,
    check: bool = True,
) -> DbtRun:
    """``dbt build`` of the project copy ``project_dir`` (its contract prepared here) on the
    extract in ``database``, as of ``as_of_date`` under ``weight_set``; without the backtest
    (``backtest=False``) the live scores only, as a nightly run builds them (run_backtest false,
    ``--exclude tag:backtest``)."""
    prepare_project(project_dir)
    arguments = ["build", "--vars", realistic_vars(as_of_date, weight_set, backtest)]
    if not backtest:
        arguments += ["--exclude", "tag:backtest"]
    return run_dbt(project_dir, database, *arguments, check=check)


def _raw(database: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).df()


def _placed_ids(placements: pd.DataFrame, starts: datetime, ends_before: datetime) -> set[str]:
    placed = placements[(placements.placed_at >= starts) & (placements.placed_at < ends_before)]
    return set(placed.candidate_id)


def _out_of_time_candidates(database: Path) -> pd.DataFrame:
    """The candidates who arrived after T1 and by the end of T2 and were not placed by T2, each
    with ``has_converted``: placed within the outcome window after T2, from the day after T2
    for OUTCOME_WINDOW_DAYS days (the backtest's window, int_backtest_outcomes), read straight
    from raw.placements. Ids as the extract writes them (staging keeps these as they are)."""
    window_starts = datetime.combine(T2 + timedelta(days=1), datetime.min.time())
    window_ends_before = window_starts + timedelta(days=OUTCOME_WINDOW_DAYS)
    arrivals = _raw(database, "select candidate_id, created_at from raw.candidates")
    later = arrivals[
        (arrivals.created_at >= datetime.combine(T1 + timedelta(days=1), datetime.min.time()))
        & (arrivals.created_at < window_starts)
    ]
    placements = _raw(
        database, "select candidate_id, placed_at from raw.placements where status = 'placed'"
    )
    placed_before = _placed_ids(placements, datetime.min, window_starts)
    converted = _placed_ids(placements, window_starts, window_ends_before)
    frame = later[~later.candidate_id.isin(placed_before)][["candidate_id"]].copy()
    frame["has_converted"] = frame.candidate_id.isin(converted)
    return frame.reset_index(drop=True)


def out_of_time_frame(database: Path, weight_set: str) -> pd.DataFrame:
    """The later candidates the fit never saw, after a live build as of T2 under
    ``weight_set`` (``build(..., T2, weight_set, backtest=False)``): the prospects of T2 (scored,
    not disqualified, not placed by T2) who arrived after T1, with their live ``total_score``,
    ``score_tier`` and ``has_converted`` (placed within (T2, T2 + 90 days], from
    raw.placements in Python, not from dbt). One row per candidate.

    Raises ValueError when the warehouse was not built as of T2 under ``weight_set``
    (scoring.candidate_scores holds the live scores of one date and the set in force only)."""
    scores = _raw(
        database,
        "select candidate_id, total_score, score_tier, is_disqualified, weight_set, as_of_date"
        " from scoring.candidate_scores",
    )
    built = set(zip(scores.weight_set, pd.to_datetime(scores.as_of_date).dt.date, strict=True))
    if built != {(weight_set, T2)}:
        raise ValueError(
            f"scoring.candidate_scores holds {sorted(built)}, not ({weight_set!r}, {T2}): "
            f"build as of {T2} with weight_set {weight_set!r} first"
        )
    frame = _out_of_time_candidates(database).merge(
        scores[~scores.is_disqualified], on="candidate_id", how="inner", validate="one_to_one"
    )
    frame["total_score"] = frame.total_score.astype(float)
    return frame[["candidate_id", "total_score", "score_tier", "has_converted"]]


def auc(frame: pd.DataFrame) -> float:
    """AUC of ``total_score`` against ``has_converted`` (a frame of out_of_time_frame)."""
    from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

    return float(roc_auc_score(frame.has_converted, frame.total_score))


# --------------------------------------------------------------------------------------------
# the analyst's baseline


def _clean(values: pd.Series) -> pd.Series:
    """Text as an analyst cleans it: trimmed, spaces folded, lower case, empty as missing."""
    cleaned = values.astype("string").str.strip().str.replace(r"\s+", " ", regex=True)
    cleaned = cleaned.str.lower()
    return cleaned.mask(cleaned == "", pd.NA).fillna("(missing)")


def _number(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.astype("string").str.strip(), errors="coerce")


def _baseline_features(database: Path, known_by: datetime) -> pd.DataFrame:
    """One row per raw candidate: the columns as an analyst reads them from the extract, event
    counts per type (events up to ``known_by``), arrival and when placed (if ever, by
    ``known_by``)."""
    candidates = _raw(
        database,
        "select candidate_id, created_at, occupation, source_channel, last_activity,"
        " years_experience, time_on_site_minutes from raw.candidates",
    )
    events = _raw(
        database,
        "select candidate_id, event_type, count(*) as events from raw.engagement_events"
        f" where occurred_at <= '{known_by.isoformat()}' group by all",
    )
    counts = events.pivot_table(
        index="candidate_id", columns="event_type", values="events", fill_value=0
    )
    counts.columns = [f"events_{name}" for name in counts.columns]
    placed = _raw(
        database,
        "select candidate_id, min(placed_at) as placed_at from raw.placements"
        f" where status = 'placed' and placed_at <= '{known_by.isoformat()}' group by all",
    )
    frame = candidates.merge(counts, on="candidate_id", how="left").merge(
        placed, on="candidate_id", how="left"
    )
    for column in counts.columns:
        frame[column] = frame[column].fillna(0)
    for column in ("occupation", "source_channel", "last_activity"):
        frame[column] = _clean(frame[column])
    frame["years_experience"] = _number(frame.years_experience)
    frame["time_on_site_minutes"] = _number(frame.time_on_site_minutes)
    return frame


@dataclass(frozen=True)
class BaselineAucs:
    """Out-of-time AUCs of the logistic regression baseline, and the sizes behind them."""

    linear_time_on_site: float  # time on site as minutes, as the analyst first tries
    log_time_on_site: float  # ln(1 + minutes), the process's own form
    training_candidates: int
    training_conversions: int
    out_of_time_candidates: int
    out_of_time_conversions: int


def logistic_regression_aucs(database: Path) -> BaselineAucs:
    """The baseline "logistic regression on the same columns" as an analyst fits it on a
    dataframe of the raw extract: one-hot occupation, source_channel and last_activity (a
    missing category each), years_experience (missing: the training median) and
    time_on_site_minutes, event counts per type, all standardised; trained on the candidates
    who arrived before TRAIN_ARRIVED_BEFORE, labelled converted ever with what was known by T1
    (a placement by T1); scored on the out-of-time candidates (those of out_of_time_frame, from
    raw tables, disqualification aside: nobody here is) with the same label. Once with time on
    site in minutes, once as ln(1 + minutes)."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.metrics import roc_auc_score
    from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]

    end_of_t1 = datetime.combine(T1 + timedelta(days=1), datetime.min.time())
    known_at_t1 = _baseline_features(database, end_of_t1)
    train = known_at_t1[
        known_at_t1.created_at < datetime.combine(TRAIN_ARRIVED_BEFORE, datetime.min.time())
    ].copy()
    train["has_converted"] = train.placed_at.notna()

    end_of_t2 = datetime.combine(T2 + timedelta(days=1), datetime.min.time())
    known_at_t2 = _baseline_features(database, end_of_t2)
    later = _out_of_time_candidates(database)
    test = known_at_t2.drop(columns="placed_at").merge(later, on="candidate_id", how="inner")

    categorical = ["occupation", "source_channel", "last_activity"]
    event_columns = sorted(column for column in train.columns if column.startswith("events_"))
    median_experience = train.years_experience.median()

    def design(frame: pd.DataFrame, log_time: bool) -> pd.DataFrame:
        numeric = pd.DataFrame(
            {
                "years_experience": frame.years_experience.fillna(median_experience),
                "time_on_site": (
                    np.log1p(frame.time_on_site_minutes.fillna(0))
                    if log_time
                    else frame.time_on_site_minutes.fillna(0)
                ),
            },
            index=frame.index,
        )
        events = frame.reindex(columns=event_columns, fill_value=0)
        dummies = pd.get_dummies(frame[categorical], columns=categorical, dtype=float)
        return pd.concat([numeric, events, dummies], axis=1)

    aucs = []
    for log_time in (False, True):
        x_train = design(train, log_time)
        x_test = design(test, log_time).reindex(columns=x_train.columns, fill_value=0)
        scaler = StandardScaler().fit(x_train)
        model = LogisticRegression(max_iter=2000).fit(
            scaler.transform(x_train), train.has_converted
        )
        predicted = model.predict_proba(scaler.transform(x_test))[:, 1]
        aucs.append(float(roc_auc_score(test.has_converted, predicted)))
    return BaselineAucs(
        linear_time_on_site=aucs[0],
        log_time_on_site=aucs[1],
        training_candidates=len(train),
        training_conversions=int(train.has_converted.sum()),
        out_of_time_candidates=len(test),
        out_of_time_conversions=int(test.has_converted.sum()),
    )


def logistic_regression_auc(database: Path) -> float:
    """The baseline's out-of-time AUC as an analyst first fits it (time on site in minutes);
    ``logistic_regression_aucs`` also gives the ln(1 + minutes) variant (the misspecification
    gap) and the sizes."""
    return logistic_regression_aucs(database).linear_time_on_site
