"""`candidate-scoring fit` on a small synthetic backtest: the outcome depends on seniority,
experience, the python skill and applications, and not on industry, the sql skill or career
site visits. The fitted rows are checked against that, and the proposed tiers against the
shares they promise, by scoring the fit sample again in SQL from the written CSV files."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

from candidate_scoring.cli import main
from tests.helpers import PROJECT_DIR

SEED_FILES = ("attribute_points.csv", "event_points.csv", "score_tiers.csv")
AS_OF_DATES = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


def write_backtest(database: Path, candidates: int = 1500, seed: int = 7) -> None:
    """evaluation.backtest_fit_features as the contract describes it, with a known outcome."""
    rng = np.random.default_rng(seed)
    rows: list[tuple[object, ...]] = []
    for as_of_date in AS_OF_DATES:
        for number in range(candidates):
            candidate_id = f"C{number}"
            sample = "holdout" if number % 10 < 3 else "fit"
            seniority = rng.choice(["senior", "mid", "junior", "intern"], p=[0.3, 0.4, 0.29, 0.01])
            seniority = None if rng.random() < 0.05 else str(seniority)
            industry = None if rng.random() < 0.05 else str(rng.choice(["software", "retail"]))
            experience = None if rng.random() < 0.1 else float(rng.integers(0, 31))
            skills = [
                skill
                for skill, share in [("python", 0.4), ("sql", 0.5), ("cobol", 0.005)]
                if rng.random() < share
            ]
            applications = float(rng.exponential(0.6)) if rng.random() < 0.4 else 0.0
            visits = float(rng.exponential(2.0)) if rng.random() < 0.6 else 0.0
            logit = (
                -2.2
                + 1.2 * (seniority == "senior")
                - 0.9 * (seniority == "junior")
                + 0.9 * (experience is not None and experience >= 5)
                + 0.8 * ("python" in skills)
                + 0.8 * applications
            )
            converted = bool(rng.random() < 1 / (1 + np.exp(-logit)))
            common = (as_of_date, candidate_id, sample, converted)
            for criterion, match_type, value, amount in [
                ("seniority", "value", seniority, None),
                ("industry", "value", industry, None),
                ("experience", "band", None, experience),
                ("skills", "list", ",".join(skills) or None, None),
            ]:
                rows.append(
                    (*common, criterion, "attribute", match_type, value, amount, None, None)
                )
            for event_type, criterion, count in [
                ("application_submitted", "applications", applications),
                ("career_site_visit", "career_site_visits", visits),
            ]:
                if count > 0:
                    rows.append((*common, criterion, "event", None, None, None, event_type, count))
    columns = [
        "as_of_date",
        "candidate_id",
        "evaluation_sample",
        "has_converted",
        "criterion",
        "criterion_source",
        "match_type",
        "attribute_value",
        "attribute_number",
        "event_type",
        "decayed_event_count",
    ]
    frame = pd.DataFrame(rows, columns=columns)  # noqa: F841 (read by DuckDB by its name)
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema evaluation")
        connection.execute(
            "create table evaluation.backtest_fit_features as select as_of_date::date as "
            "as_of_date, candidate_id::text as candidate_id, evaluation_sample::text as "
            "evaluation_sample, has_converted::boolean as has_converted, criterion::text as "
            "criterion, criterion_source::text as criterion_source, match_type::text as "
            "match_type, attribute_value::text as attribute_value, attribute_number::double as "
            "attribute_number, event_type::text as event_type, decayed_event_count::double as "
            "decayed_event_count from frame"
        )


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
    assert caps == {"seniority": "", "industry": "", "experience": "", "skills": ""}
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


def test_tier_bounds_give_the_midpoint_shares_on_the_fit_sample(fitted):
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
    # Score the fit sample again, in SQL, from the CSV files the fit wrote.
    seeds, as_text = fitted.seeds, "header = true, all_varchar = true"
    with duckdb.connect(str(fitted.database), read_only=True) as connection:
        [(hot_share, hot_or_warm_share)] = connection.execute(
            f"""
            with attribute_points as (
                select * from read_csv('{seeds}/attribute_points.csv', {as_text})
                where weight_set = 'fitted'
            ), event_points as (
                select * from read_csv('{seeds}/event_points.csv', {as_text})
                where weight_set = 'fitted'
            ), features as (
                select * from evaluation.backtest_fit_features where evaluation_sample = 'fit'
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
        ).fetchall()
    assert hot_share == pytest.approx((0.05 + 0.25) / 2, abs=0.03)
    assert hot_or_warm_share == pytest.approx(0.15 + (0.15 + 0.40) / 2, abs=0.03)


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
