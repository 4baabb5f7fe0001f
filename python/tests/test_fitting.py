"""`candidate-scoring fit` on small synthetic backtests. The first: the outcome depends on
seniority, experience, the python skill, applications and a rare source (referral), and not on
industry, the sql skill or career site visits; a last activity 'email_opened' and email opens
select the same candidates. The fitted rows are checked against that, and the proposed tiers
against the shares they promise on the as-of date's candidates, by scoring those again in SQL
from the written CSV files. The second: a sign-up event everyone has, on a backtest where only
age predicts conversion."""

from __future__ import annotations

import contextlib
import csv
import io
import math
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

from candidate_scoring.cli import main
from tests.helpers import PROJECT_DIR

SEED_FILES = ("attribute_points.csv", "event_points.csv", "score_tiers.csv")
AS_OF_DATES = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


COLUMNS = [
    "as_of_date",
    "candidate_id",
    "evaluation_sample",
    "has_converted",
    "days_known",
    "criterion",
    "criterion_source",
    "match_type",
    "attribute_value",
    "attribute_number",
    "event_type",
    "decayed_event_count",
]
LIVE_DATE = date(2026, 6, 30)


def write_features(database: Path, rows: list[tuple[object, ...]]) -> None:
    """evaluation.backtest_fit_features as the contract describes it, from rows of COLUMNS."""
    frame = pd.DataFrame(rows, columns=COLUMNS)  # noqa: F841 (read by DuckDB by its name)
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema evaluation")
        connection.execute(
            "create table evaluation.backtest_fit_features as select as_of_date::date as "
            "as_of_date, candidate_id::text as candidate_id, evaluation_sample::text as "
            "evaluation_sample, has_converted::boolean as has_converted, days_known::integer "
            "as days_known, criterion::text as criterion, criterion_source::text as "
            "criterion_source, match_type::text as match_type, attribute_value::text as "
            "attribute_value, attribute_number::double as attribute_number, event_type::text as "
            "event_type, decayed_event_count::double as decayed_event_count from frame"
        )


def write_backtest(database: Path, candidates: int = 1500, seed: int = 7) -> None:
    """A backtest with a known outcome, and the as-of date's candidates ('live'), who have
    applied more often: the population the tier bounds must serve scores higher than the
    backtest's."""
    rng = np.random.default_rng(seed)
    rows: list[tuple[object, ...]] = []
    for as_of_date in [*AS_OF_DATES, LIVE_DATE]:
        is_live = as_of_date == LIVE_DATE
        for number in range(candidates):
            candidate_id = f"C{number}"
            sample = "live" if is_live else "holdout" if number % 10 < 3 else "fit"
            seniority = rng.choice(["senior", "mid", "junior", "intern"], p=[0.3, 0.4, 0.29, 0.01])
            seniority = None if rng.random() < 0.05 else str(seniority)
            industry = None if rng.random() < 0.05 else str(rng.choice(["software", "retail"]))
            experience = None if rng.random() < 0.1 else float(rng.integers(0, 31))
            skills = [
                skill
                for skill, share in [("python", 0.4), ("sql", 0.5), ("cobol", 0.005)]
                if rng.random() < share
            ]
            # referral: 4% of the candidates, three times the odds of the others
            source = str(rng.choice(["job_board", "website", "referral"], p=[0.56, 0.4, 0.04]))
            applied = rng.random() < (0.9 if is_live else 0.4)
            applications = float(rng.exponential(0.6)) if applied else 0.0
            visits = float(rng.exponential(2.0)) if rng.random() < 0.6 else 0.0
            opens = float(rng.integers(1, 4)) if rng.random() < 0.4 else 0.0
            # the same behaviour twice: the last activity is 'email_opened' for nearly everyone
            # who opened, and hardly anyone else
            opened_last = rng.random() < (0.97 if opens else 0.02)
            last_activity = "email_opened" if opened_last else "page_visit"
            logit = (
                -2.4
                + 1.2 * (seniority == "senior")
                - 0.9 * (seniority == "junior")
                + 0.9 * (experience is not None and experience >= 5)
                + 0.8 * ("python" in skills)
                + 1.8 * (source == "referral")
                + 0.8 * applications
                + 0.5 * (opens > 0)
            )
            converted = None if is_live else bool(rng.random() < 1 / (1 + np.exp(-logit)))
            common = (as_of_date, candidate_id, sample, converted, int(rng.integers(0, 700)))
            for criterion, match_type, value, amount in [
                ("seniority", "value", seniority, None),
                ("industry", "value", industry, None),
                ("experience", "band", None, experience),
                ("skills", "list", ",".join(skills) or None, None),
                ("source_channel", "value", source, None),
                ("last_activity", "value", last_activity, None),
            ]:
                rows.append(
                    (*common, criterion, "attribute", match_type, value, amount, None, None)
                )
            for event_type, criterion, count in [
                ("application_submitted", "applications", applications),
                ("career_site_visit", "career_site_visits", visits),
                ("job_offer_email_open", "email_engagement", opens),
            ]:
                if count > 0:
                    rows.append((*common, criterion, "event", None, None, None, event_type, count))
    write_features(database, rows)


def copy_seeds(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in SEED_FILES:
        shutil.copyfile(PROJECT_DIR / "seeds" / name, target / name)
    return target


def read_rows(path: Path, weight_set: str) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["weight_set"] == weight_set]


@dataclass(frozen=True)
class Fitted:
    database: Path
    seeds: Path
    output: str


@pytest.fixture(scope="module")
def fitted(tmp_path_factory: pytest.TempPathFactory) -> Fitted:
    """One fit, shared by the tests that only read its result."""
    root = tmp_path_factory.mktemp("fit")
    database = root / "warehouse.duckdb"
    write_backtest(database)
    seeds = copy_seeds(root / "seeds")
    buffer = io.StringIO()  # capsys is function-scoped; this fixture is shared by the module
    with contextlib.redirect_stdout(buffer):
        code = main(
            ["--database", str(database), "fit", "--name", "fitted", "--seeds-dir", str(seeds)]
        )
    assert code == 0
    return Fitted(database, seeds, buffer.getvalue())


def points_by_value(fitted: Fitted, criterion: str) -> dict[str, float]:
    return {
        row["match_value"]: float(row["points"])
        for row in read_rows(fitted.seeds / "attribute_points.csv", "fitted")
        if row["criterion"] == criterion
    }


def test_other_rows_stay_byte_identical_and_new_rows_follow_the_seed_format(fitted):
    for name in SEED_FILES:
        before = (PROJECT_DIR / "seeds" / name).read_text(encoding="utf-8")
        after = (fitted.seeds / name).read_text(encoding="utf-8")
        assert after.startswith(before)  # header and every other row unchanged
        assert after.endswith("\n")
        with (fitted.seeds / name).open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            rows = list(reader)
        assert header == before.splitlines()[0].split(",")
        assert all(len(row) == len(header) for row in rows)
        new = [dict(zip(header, row, strict=True)) for row in rows if row[0] == "fitted"]
        assert new, name
        for row in new:
            for column, value in row.items():
                if column != "rationale":
                    assert not value.endswith(".0"), (name, column, value)
            if "rationale" in row:
                assert row["rationale"], row
    attributes = read_rows(fitted.seeds / "attribute_points.csv", "fitted")
    assert all(float(row["points"]).is_integer() for row in attributes)
    caps = {row["criterion"]: row["criterion_points_cap"] for row in attributes}
    # the fitted points are a linear model: no cap cuts it off
    assert set(caps) == {
        "seniority",
        "industry",
        "experience",
        "skills",
        "source_channel",
        "last_activity",
    }
    assert set(caps.values()) == {""}
    assert "fitted" in fitted.output and "base conversion rate" in fitted.output
    assert "dbt build" in fitted.output and "evaluation.backtest_summary" in fitted.output


def test_predictive_values_earn_more_points_than_neutral_ones(fitted):
    seniority = points_by_value(fitted, "seniority")
    industry = points_by_value(fitted, "industry")
    skills = points_by_value(fitted, "skills")
    assert seniority["senior"] > seniority["mid"] > seniority["junior"]
    assert seniority["senior"] - seniority["junior"] >= 20  # odds about 8 times: 3 doublings
    assert max(abs(points) for points in industry.values()) < seniority["senior"] / 3
    assert skills["python"] > skills["sql"] + 10
    [row] = [
        row
        for row in read_rows(fitted.seeds / "attribute_points.csv", "fitted")
        if row["match_value"] == "senior"
    ]
    assert row["rationale"].startswith("conversion ") and " base, n=" in row["rationale"]


def test_rare_values_get_zero_points_and_say_why(fitted):
    for criterion, value in [("seniority", "intern"), ("skills", "cobol")]:
        [row] = [
            row
            for row in read_rows(fitted.seeds / "attribute_points.csv", "fitted")
            if row["criterion"] == criterion and row["match_value"] == value
        ]
        assert row["points"] == "0"
        assert "too few" in row["rationale"]


def test_numeric_bands_are_contiguous_open_ended_and_separate_experience(fitted):
    bands = [
        row
        for row in read_rows(fitted.seeds / "attribute_points.csv", "fitted")
        if row["criterion"] == "experience" and row["match_value"] != "(no value)"
    ]
    assert len(bands) >= 2
    assert bands[0]["band_min"] == "" and bands[-1]["band_max"] == ""
    for lower, upper in zip(bands, bands[1:], strict=False):
        assert lower["band_max"] == upper["band_min"] != ""
        assert float(lower["band_max"]) > float(lower["band_min"] or "-inf")
    # the outcome steps up at 5 years: the band edges hold a cut there
    assert "5" in [band["band_min"] for band in bands]
    assert all(row["match_value"] == "" for row in bands)


def test_missing_values_get_a_no_value_row(fitted):
    for criterion in ("seniority", "industry", "experience", "skills"):
        assert "(no value)" in points_by_value(fitted, criterion), criterion
    rows = read_rows(fitted.seeds / "attribute_points.csv", "fitted")
    [no_value] = [
        row
        for row in rows
        if row["criterion"] == "experience" and row["match_value"] == "(no value)"
    ]
    assert no_value["band_min"] == no_value["band_max"] == ""
    # without a value, experience never reaches the 5 years that raise the odds
    assert float(no_value["points"]) <= -5


def test_events_are_fitted_but_decay_and_opt_outs_are_the_reference_sets(fitted):
    reference = {
        row["event_type"]: row for row in read_rows(fitted.seeds / "event_points.csv", "default")
    }
    new = {row["event_type"]: row for row in read_rows(fitted.seeds / "event_points.csv", "fitted")}
    assert new.keys() == reference.keys()
    for event_type, row in new.items():
        for column in ("criterion", "half_life_days", "max_events_per_day"):
            assert row[column] == reference[event_type][column]
    for opt_out in ("unsubscribe", "email_bounce"):
        for column in ("points_per_event", "criterion_points_cap"):
            assert new[opt_out][column] == reference[opt_out][column]
    fitted_types = set(new) - {"unsubscribe", "email_bounce"}
    assert {new[event_type]["criterion_points_cap"] for event_type in fitted_types} == {""}
    assert float(new["application_submitted"]["points_per_event"]) >= 10
    assert abs(float(new["career_site_visit"]["points_per_event"])) <= 2
    assert new["info_request"]["points_per_event"] == "0"  # no such event in the sample
    assert new["info_request"]["rationale"] == "none in the fit sample, 0 points"


def test_tier_bounds_give_the_midpoint_shares_on_the_as_of_dates_candidates(fitted):
    tiers = {row["tier"]: row for row in read_rows(fitted.seeds / "score_tiers.csv", "fitted")}
    reference = read_rows(fitted.seeds / "score_tiers.csv", "default")
    assert [row["tier"] for row in reference] == list(tiers)
    for row in reference:
        for column in (
            "is_disqualified_tier",
            "priority",
            "expected_share_min",
            "recommended_action",
        ):
            assert tiers[row["tier"]][column] == row[column]
    assert tiers["cold"]["lower_bound"] == tiers["disqualified"]["lower_bound"] == ""
    # Score the as-of date's candidates again, in SQL, from the CSV files the fit wrote.
    seeds, as_text = fitted.seeds, "header = true, all_varchar = true"
    with duckdb.connect(str(fitted.database), read_only=True) as connection:
        query = f"""
            with attribute_points as (
                select * from read_csv('{seeds}/attribute_points.csv', {as_text})
                where weight_set = 'fitted'
            ), event_points as (
                select * from read_csv('{seeds}/event_points.csv', {as_text})
                where weight_set = 'fitted'
            ), features as (
                select * from evaluation.backtest_fit_features where evaluation_sample = ?
            ), attribute_scores as (
                select f.as_of_date, f.candidate_id, f.criterion,
                    coalesce(sum(p.points::double), 0) as points
                from features as f
                left join attribute_points as p
                    on p.criterion = f.criterion and (
                        (f.attribute_value is null and f.attribute_number is null
                            and p.match_value = '(no value)')
                        or (f.match_type = 'value' and p.match_value = f.attribute_value)
                        or (f.match_type = 'list'
                            and list_contains(string_split(f.attribute_value, ','), p.match_value))
                        or (f.match_type = 'band' and p.match_value is null
                            and f.attribute_number >= coalesce(p.band_min::double, '-inf')
                            and f.attribute_number < coalesce(p.band_max::double, 'inf'))
                    )
                where f.criterion_source = 'attribute'
                group by all
            ), event_scores as (
                select f.as_of_date, f.candidate_id, p.criterion,
                    sum(p.points_per_event::double * f.decayed_event_count) as points,
                    max(p.criterion_points_cap::double) as cap
                from features as f
                inner join event_points as p on p.event_type = f.event_type
                group by all
            ), criterion_points as (
                select as_of_date, candidate_id, points
                from attribute_scores
                union all
                select as_of_date, candidate_id,
                    coalesce(least(greatest(points, -cap), cap), points)
                from event_scores
            ), scores as (
                select as_of_date, candidate_id, sum(points) as score
                from criterion_points group by all
            )
            select avg((score >= {tiers["hot"]["lower_bound"]})::int),
                avg((score >= {tiers["warm"]["lower_bound"]})::int)
            from scores
            """
        shares = {
            sample: connection.execute(query, [sample]).fetchall()[0] for sample in ("live", "fit")
        }
    hot_share, hot_or_warm_share = shares["live"]
    assert hot_share == pytest.approx((0.05 + 0.25) / 2, abs=0.03)
    assert hot_or_warm_share == pytest.approx(0.15 + (0.15 + 0.40) / 2, abs=0.03)
    # the backtest's candidates applied less often: bounds placed on them would have put far
    # more than 15% of the as-of date's candidates in hot; the summary shows both
    assert shares["fit"][0] < hot_share - 0.03
    assert "candidates of the as-of date 2026-06-30" in fitted.output
    hot_line = next(line for line in fitted.output.splitlines() if line.strip().startswith("hot"))
    assert "5% to 25%" in hot_line and f"{shares['fit'][0]:.1%}" in hot_line


def run_fit(database: Path, seeds: Path, *arguments: str) -> int:
    return main(["--database", str(database), "fit", "--seeds-dir", str(seeds), *arguments])


def test_an_existing_name_is_refused_unless_replace(tmp_path, capsys):
    database = tmp_path / "warehouse.duckdb"
    write_backtest(database, candidates=400)
    seeds = copy_seeds(tmp_path / "seeds")
    before = {name: (seeds / name).read_bytes() for name in SEED_FILES}
    assert run_fit(database, seeds, "--name", "default") == 1  # the reference itself
    assert run_fit(database, seeds, "--name", "default", "--reference-set", "other") == 1
    assert run_fit(database, seeds, "--name", "Not-A-Name") == 1
    errors = capsys.readouterr().err
    assert "reference set" in errors and "'other'" in errors and "[a-z0-9_]" not in errors
    assert "lower-case letters, digits and _" in errors
    assert {name: (seeds / name).read_bytes() for name in SEED_FILES} == before

    assert run_fit(database, seeds, "--name", "challenger", "--min-rows", "20") == 0
    written = {name: (seeds / name).read_bytes() for name in SEED_FILES}
    capsys.readouterr()
    assert run_fit(database, seeds, "--name", "challenger") == 1
    error = capsys.readouterr().err
    assert "already exists" in error and "--replace" in error and "Traceback" not in error
    assert {name: (seeds / name).read_bytes() for name in SEED_FILES} == written

    assert run_fit(database, seeds, "--name", "challenger", "--min-rows", "20", "--replace") == 0
    # the same fit again: the set's rows are replaced, not added twice
    assert {name: (seeds / name).read_bytes() for name in SEED_FILES} == written


def test_a_missing_or_empty_backtest_table_is_a_clear_error(tmp_path, capsys):
    seeds = copy_seeds(tmp_path / "seeds")
    database = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(database)).close()
    assert run_fit(database, seeds, "--name", "challenger") == 1
    error = capsys.readouterr().err
    assert "evaluation.backtest_fit_features" in error and "run dbt build first" in error
    assert "Traceback" not in error

    assert run_fit(tmp_path / "absent.duckdb", seeds, "--name", "challenger") == 1
    assert "run dbt build first" in capsys.readouterr().err

    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema evaluation")
        connection.execute(
            "create table evaluation.backtest_fit_features as select 'holdout' as "
            "evaluation_sample, 'attribute' as criterion_source, * from (select "
            "null::date as as_of_date, null::text as candidate_id, null::boolean as "
            "has_converted, null::text as criterion, null::text as match_type, "
            "null::text as attribute_value, null::double as attribute_number, "
            "null::text as event_type, null::double as decayed_event_count) where false"
        )
    # a table built by an earlier version of the project, without the age column
    assert run_fit(database, seeds, "--name", "challenger") == 1
    error = capsys.readouterr().err
    assert "has no column days_known" in error and "run dbt build first" in error

    with duckdb.connect(str(database)) as connection:
        connection.execute("alter table evaluation.backtest_fit_features add column days_known int")
    assert run_fit(database, seeds, "--name", "challenger") == 1
    error = capsys.readouterr().err
    assert "evaluation.backtest_fit_features" in error and "no row" in error


def test_an_unknown_reference_set_is_a_clear_error(tmp_path, capsys):
    seeds = copy_seeds(tmp_path / "seeds")
    database = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(database)).close()
    assert run_fit(database, seeds, "--name", "challenger", "--reference-set", "nope") == 1
    error = capsys.readouterr().err
    assert "'nope'" in error and "score_tiers.csv" in error and "default" in error


def test_a_rare_strong_value_is_a_bin_of_its_own(fitted):
    rows = {
        row["match_value"]: row
        for row in read_rows(fitted.seeds / "attribute_points.csv", "fitted")
        if row["criterion"] == "source_channel"
    }
    # 4% of the candidates at three times the odds: not averaged away with the others
    assert "binned with" not in rows["referral"]["rationale"]
    assert float(rows["referral"]["points"]) >= 20
    # points are relative to the other values: about 2.6 doublings of the odds above them
    neutral = [float(rows[value]["points"]) for value in ("job_board", "website")]
    assert abs(neutral[0] - neutral[1]) < 10
    assert float(rows["referral"]["points"]) - max(neutral) >= 40


def test_two_features_of_one_behaviour_keep_one_and_say_so(fitted):
    opened_last = next(
        row
        for row in read_rows(fitted.seeds / "attribute_points.csv", "fitted")
        if row["criterion"] == "last_activity" and row["match_value"] == "email_opened"
    )
    opens = next(
        row
        for row in read_rows(fitted.seeds / "event_points.csv", "fitted")
        if row["event_type"] == "job_offer_email_open"
    )
    # the opens carry the behaviour (counted, so the stronger of the two); the last activity
    # earns nothing and names them, rather than both taking points of opposite sign
    assert float(opens["points_per_event"]) > 0
    assert opened_last["points"] == "0"
    assert "selects the same candidates as event job_offer_email_open" in opened_last["rationale"]
    assert "last_activity = email_opened selects the same candidates" in fitted.output
    flagged = [line for line in fitted.output.splitlines() if line.startswith("Flagged")]
    assert len(flagged) == 1


def test_a_row_is_flagged_only_when_its_sign_clearly_contradicts_its_conversion():
    from candidate_scoring.fitting import FitOptions, _contradicts, _Stats

    # 1,000 candidate-dates, 100 conversions: 10% base
    stats = _Stats(np.array([1] * 100 + [0] * 900), FitOptions(name="x"))
    assert _contradicts(-5, (200, 40), stats)  # 20% against 7.5% for the others
    assert not _contradicts(5, (200, 40), stats)
    assert not _contradicts(0, (200, 40), stats)
    assert _contradicts(5, (300, 10), stats)  # 3.3% against 12.9%
    assert not _contradicts(-5, (200, 21), stats)  # 10.5% against 9.9%: no clear direction


def write_recency_backtest(database: Path, candidates: int = 3000, seed: int = 11) -> None:
    """A flat extract's backtest: every candidate has one sign-up event (info_request, half-life
    60 days) the day they arrive, converters are placed within 60 days of arriving, and
    everyone else stays a prospect on every later date. Seniority truly predicts conversion;
    the sign-up says nothing but how long ago the candidate arrived."""
    rng = np.random.default_rng(seed)
    dates = [date(2025, month, 1) for month in range(1, 13)]
    first, last = date(2024, 9, 1), date(2025, 12, 1)
    rows: list[tuple[object, ...]] = []
    for number in range(candidates):
        arrived = first + timedelta(days=int(rng.integers(0, (last - first).days)))
        seniority = str(rng.choice(["senior", "mid", "junior"], p=[0.3, 0.4, 0.3]))
        logit = -1.5 + 1.2 * (seniority == "senior") - 0.9 * (seniority == "junior")
        placed = (
            arrived + timedelta(days=int(rng.integers(5, 60)))
            if rng.random() < 1 / (1 + np.exp(-logit))
            else None
        )
        for as_of_date in [*dates, LIVE_DATE]:
            if as_of_date < arrived or (placed is not None and placed <= as_of_date):
                continue
            is_live = as_of_date == LIVE_DATE
            days = (as_of_date - arrived).days
            converted = None
            if not is_live:
                converted = placed is not None and placed <= as_of_date + timedelta(days=90)
            sample = "live" if is_live else "holdout" if number % 10 < 3 else "fit"
            common = (as_of_date, f"C{number}", sample, converted, days)
            rows.append((*common, "seniority", "attribute", "value", seniority, None, None, None))
            count = 0.5 ** (days / 60)
            rows.append(
                (*common, "information_requests", "event", None, None, None, "info_request", count)
            )
    write_features(database, rows)


def test_age_is_controlled_for_so_an_event_everyone_has_earns_nothing(tmp_path):
    from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

    database = tmp_path / "warehouse.duckdb"
    write_recency_backtest(database)
    # the premise: alone, the sign-up's decayed count ranks conversion well, by age alone
    sample = query_rows(
        database,
        "select has_converted, decayed_event_count from evaluation.backtest_fit_features "
        "where evaluation_sample = 'fit' and event_type = 'info_request'",
    )
    assert roc_auc_score([row[0] for row in sample], [row[1] for row in sample]) > 0.8
    seeds = copy_seeds(tmp_path / "seeds")
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        assert run_fit(database, seeds, "--name", "fitted") == 0
    [sign_up] = [
        row
        for row in read_rows(seeds / "event_points.csv", "fitted")
        if row["event_type"] == "info_request"
    ]
    # without the age controls (the fit before issue 19) it took +186.5 points a sign-up
    assert abs(float(sign_up["points_per_event"])) <= 2
    seniority = points_by_value(Fitted(database, seeds, output.getvalue()), "seniority")
    assert seniority["senior"] - seniority["junior"] >= 30  # odds about 8 times: 3 doublings
    assert "age controlled for, not scored" in output.getvalue()


def query_rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_binning_options_are_checked(tmp_path, capsys):
    database = tmp_path / "warehouse.duckdb"
    write_backtest(database, candidates=400)
    seeds = copy_seeds(tmp_path / "seeds")
    before = {name: (seeds / name).read_bytes() for name in SEED_FILES}
    assert run_fit(database, seeds, "--name", "x", "--monotonic-trend", "sideways") == 1
    assert "--monotonic-trend 'sideways'" in capsys.readouterr().err
    assert run_fit(database, seeds, "--name", "x", "--max-correlation", "1.5") == 1
    assert "--max-correlation 1.5" in capsys.readouterr().err
    assert {name: (seeds / name).read_bytes() for name in SEED_FILES} == before
    arguments = ["--min-rows", "20", "--min-bin-rows", "150", "--monotonic-trend", "ascending"]
    assert run_fit(database, seeds, "--name", "x", *arguments) == 0
    bands = [
        row
        for row in read_rows(seeds / "attribute_points.csv", "x")
        if row["criterion"] == "experience" and row["match_value"] != "(no value)"
    ]
    points = [float(row["points"]) for row in bands]
    assert points == sorted(points)  # ascending, as asked


def test_the_lowest_score_takes_each_criterions_worst_row():
    from candidate_scoring.fitting import PendingRow, _FittedSet, _lowest_score

    pending = [
        PendingRow("seniority", "senior", None, None, "f", "", points=12),
        PendingRow("seniority", "junior", None, None, "f", "", points=-8),
        PendingRow("seniority", "(no value)", None, None, "f", "", points=-3),
        # every negative skill at once, unless no skill at all is worse
        PendingRow("skills", "python", None, None, "f", "", points=10),
        PendingRow("skills", "cobol", None, None, "f", "", points=-4),
        PendingRow("skills", "excel", None, None, "f", "", points=-2),
        PendingRow("skills", "(no value)", None, None, "f", "", points=-5),
        # a band criterion whose rows all give points: a value in no band scores 0
        PendingRow("experience", None, Decimal(5), None, "f", "", points=6),
    ]
    match_types = {"seniority": "value", "skills": "list", "experience": "band"}

    def events(*rows: tuple[str, str, str, str]) -> list[dict[str, str]]:
        names = ("event_type", "criterion", "points_per_event", "criterion_points_cap")
        return [{**dict(zip(names, row, strict=True)), "half_life_days": "30"} for row in rows]

    def lowest(event_rows: list[dict[str, str]]) -> float:
        fitted = _FittedSet([], event_rows, pending, match_types, np.zeros(0), [], [])
        return _lowest_score(fitted, {"unsubscribe"})

    positive = events(("career_site_visit", "career_site_visits", "1.5", ""))
    assert lowest(positive) == -8 - 6
    # an opt-out disqualifies: its points never reach a tier
    assert lowest([*positive, *events(("unsubscribe", "opt_outs", "-50", "50"))]) == -14
    assert lowest(events(("email_bounce_soft", "bounces", "-2", "10"))) == -14 - 10
    assert lowest(events(("email_bounce_soft", "bounces", "-2", ""))) == -math.inf


def test_a_fit_sample_too_small_to_weigh_anything_is_refused(tmp_path, capsys):
    database = tmp_path / "warehouse.duckdb"
    # one candidate on three dates, placed after the last: what a tiny extract gives
    rows: list[tuple[object, ...]] = [
        (day, "C1", "fit", day == AS_OF_DATES[-1], 30, "seniority", "attribute", "value")
        + ("senior", None, None, None)
        for day in AS_OF_DATES
    ]
    write_features(database, rows)
    seeds = copy_seeds(tmp_path / "seeds")
    before = {name: (seeds / name).read_bytes() for name in SEED_FILES}
    assert run_fit(database, seeds, "--name", "tiny") == 1
    error = capsys.readouterr().err
    assert "3 candidate-dates and 1 conversions" in error
    assert "--min-rows 50, --min-conversions 5" in error and "Traceback" not in error
    assert {name: (seeds / name).read_bytes() for name in SEED_FILES} == before
