"""The fitted weight sets on an extract shaped like real lead-conversion data (issue 19): no
time signal, a rare but strong category, two overlapping engagement signals. The extract and
the harness are in tests/realistic_extract.py. First what holds before any fit, on the project
built as of T1 (the fit build's as-of date) under the default weight set; then a weight set
fitted on that build, scored by dbt on the later candidates the fit never saw (as of T2) and
compared with an analyst's logistic regression on the same columns and with what the
backtest claimed for it."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd  # type: ignore[import-untyped]
import pytest

from candidate_scoring.cli import main
from tests.helpers import Build, copy_project, query
from tests.realistic_extract import (
    NEW_CRITERIA,
    T1,
    T2,
    BaselineAucs,
    auc,
    build,
    logistic_regression_aucs,
    out_of_time_frame,
    write_realistic_extract,
)


@pytest.fixture(scope="module")
def t1_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """The realistic extract (about 31,500 candidates), built with the backtest as of T1
    under the default weight set (about 30 s)."""
    root = tmp_path_factory.mktemp("realistic_extract")
    database = root / "warehouse.duckdb"
    write_realistic_extract(database)
    project_dir = copy_project(root / "project")
    run = build(project_dir, database, T1)
    yield Build(project_dir, database, run.output)


def test_the_extract_is_deterministic(tmp_path: Path) -> None:
    tables = ("candidates", "engagement_events", "placements", "recruiter_feedback")
    rows = []
    for name in ("first", "second"):
        database = tmp_path / f"{name}.duckdb"
        write_realistic_extract(database, candidates_per_month=40)
        with duckdb.connect(str(database), read_only=True) as connection:
            rows.append(
                {
                    table: connection.execute(f"select * from raw.{table} order by all").fetchall()
                    for table in tables
                }
            )
    assert rows[0] == rows[1]
    assert len(rows[0]["candidates"]) == 40 * 21
    assert rows[0]["recruiter_feedback"] == []


def test_every_raw_row_is_used_and_values_are_normalised(t1_build: Build) -> None:
    reconciliation = {
        table: (raw, accepted, rejected, erased)
        for table, raw, accepted, rejected, erased in query(
            t1_build.database,
            "select source_table, raw_rows, accepted_rows, rejected_rows, erased_rows"
            " from data_quality.raw_row_reconciliation",
        )
    }
    for table, (raw, accepted, rejected, erased) in reconciliation.items():
        assert raw == accepted + rejected + erased, table
        assert rejected == erased == 0, table
    for table in ("candidates", "engagement_events", "placements", "recruiter_feedback"):
        [(raw_rows,)] = query(t1_build.database, f"select count(*) from raw.{table}")
        assert reconciliation[table][0] == raw_rows
    # the only value staging could not read: experience written 'n/a', set to NULL
    assert query(
        t1_build.database,
        "select distinct source_table, column_name, rejected_value"
        " from data_quality.rejected_raw_values",
    ) == [("candidates", "years_experience", "n/a")]
    # case and spacing variants are one value once staged
    values = dict(
        query(
            t1_build.database,
            "select criterion, list(distinct attribute_value order by attribute_value)"
            " from evaluation.backtest_fit_features"
            " where criterion in ('occupation', 'source_channel', 'last_activity')"
            " and attribute_value is not null group by criterion",
        )
    )
    assert values == {
        "occupation": ["other", "student", "unemployed", "working professional"],
        "source_channel": ["direct", "google", "olark_chat", "organic", "referral"],
        "last_activity": [
            "email_opened",
            "form_submitted",
            "olark_chat",
            "page_visited",
            "sms_sent",
        ],
    }


def test_the_fit_sample_has_the_new_criteria(t1_build: Build) -> None:
    features = {
        criterion: (rows, candidates, with_value, with_number, conversions)
        for criterion, rows, candidates, with_value, with_number, conversions in query(
            t1_build.database,
            "select criterion, count(*), count(distinct candidate_id), count(attribute_value),"
            " count(attribute_number), count(*) filter (where has_converted)"
            " from evaluation.backtest_fit_features where evaluation_sample = 'fit'"
            " group by criterion",
        )
    }
    for criterion in NEW_CRITERIA:
        rows, candidates, with_value, with_number, conversions = features[criterion["name"]]
        assert rows > candidates > 5_000, criterion  # several backtest dates per candidate
        assert conversions > 1_000, criterion
        # most have a value; a missing one is a row without (its own bin for the fit)
        assert with_value > 0.9 * rows, criterion
        assert (with_number == rows) == (criterion["match"] == "band"), criterion
    [(low, high)] = query(
        t1_build.database,
        "select min(attribute_number), max(attribute_number) from evaluation.backtest_fit_features"
        " where criterion = 'time_on_site'",
    )
    assert (low, high) == (0, 120)
    # the rare strong value is in the fit sample, rare
    [(professionals, conversions, share)] = query(
        t1_build.database,
        "select count(distinct candidate_id) filter (where is_professional),"
        " count(*) filter (where is_professional and has_converted), avg(is_professional::int)"
        " from (select *, coalesce(attribute_value = 'working professional', false)"
        " as is_professional from evaluation.backtest_fit_features"
        " where evaluation_sample = 'fit' and criterion = 'occupation')",
    )
    assert professionals > 100
    assert conversions >= 5  # enough for the fit to weigh it (--min-conversions)
    assert 0.005 < share < 0.05


def test_the_default_set_scores_none_of_the_new_criteria(t1_build: Build) -> None:
    # it has no weight rows for them: they score 0, and the build says so (a warning)
    [warning] = [
        line
        for line in t1_build.output.splitlines()
        if "weight set default has no weight rows for criteria" in line
    ]
    for criterion in NEW_CRITERIA:
        assert criterion["name"] in warning
    columns = ", ".join(f"max(abs({c['name']}_points))" for c in NEW_CRITERIA)
    [points] = query(t1_build.database, f"select {columns} from scoring.candidate_scores")
    assert set(points) == {0}
    tiers = dict(
        query(
            t1_build.database,
            "select score_tier, count(*) from scoring.candidate_scores group by score_tier",
        )
    )
    [(arrived_by_t1,)] = query(
        t1_build.database,
        f"select count(*) from raw.candidates where created_at < date '{T1}' + interval 1 day",
    )
    [(as_of, weight_set)] = query(
        t1_build.database,
        "select distinct as_of_date, weight_set from scoring.candidate_scores",
    )
    assert (as_of, weight_set) == (T1, "default")
    assert sum(tiers.values()) == arrived_by_t1
    # everyone consented and nobody opted out; the default's points (an information request
    # everyone has, a few visits and opens, the contract attributes) reach warm at most
    assert set(tiers) == {"warm", "cold"}
    assert tiers["warm"] < 0.1 * arrived_by_t1


@dataclass(frozen=True)
class FittedSet:
    fit_output: str  # what `candidate-scoring fit` printed
    attribute_rows: dict[tuple[str, str], dict[str, str]]  # (criterion, value or band) -> row
    event_rows: dict[str, dict[str, str]]  # event type -> row
    backtest_auc: float  # evaluation.backtest_summary, holdout, primary outcome
    out_of_time: pd.DataFrame  # the later candidates, scored by dbt as of T2
    baseline: BaselineAucs


def _rows(path: Path, weight_set: str) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["weight_set"] == weight_set]


@pytest.fixture(scope="module")
def fitted_set(t1_build: Build, tmp_path_factory: pytest.TempPathFactory) -> FittedSet:
    """`candidate-scoring fit` on a copy of the T1 build, the fitted set built and backtested
    as of T1, then scored live as of T2 (about 100 s)."""
    root = tmp_path_factory.mktemp("realistic_fit")
    database = root / "warehouse.duckdb"
    shutil.copyfile(t1_build.database, database)
    project_dir = copy_project(root / "project")
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = main(
            [
                *("--database", str(database), "fit", "--name", "fitted"),
                *("--seeds-dir", str(project_dir / "seeds")),
            ]
        )
    assert code == 0
    build(project_dir, database, T1, "fitted")
    [(backtest_auc,)] = query(
        database,
        "select auc from evaluation.backtest_summary"
        " where weight_set = 'fitted' and outcome = 'placement'",
    )
    build(project_dir, database, T2, "fitted", backtest=False)
    seeds = project_dir / "seeds"
    return FittedSet(
        output.getvalue(),
        {
            (row["criterion"], row["match_value"] or f"[{row['band_min']}, {row['band_max']})"): row
            for row in _rows(seeds / "attribute_points.csv", "fitted")
        },
        {row["event_type"]: row for row in _rows(seeds / "event_points.csv", "fitted")},
        float(backtest_auc),
        out_of_time_frame(database, "fitted"),
        logistic_regression_aucs(database),
    )


def test_the_fitted_set_ranks_later_candidates_as_well_as_a_logistic_regression(
    fitted_set: FittedSet,
) -> None:
    # the later candidates: enough of them for an AUC to a hundredth
    frame = fitted_set.out_of_time
    assert len(frame) > 2_000 and frame.has_converted.sum() > 250
    fitted_auc = auc(frame)
    # the analyst's regression sees the columns as the extract has them (and with time on site
    # on a log scale, as an analyst who looked would): the fitted set is within 0.01 of both
    baseline = fitted_set.baseline
    assert fitted_auc >= max(baseline.linear_time_on_site, baseline.log_time_on_site) - 0.01
    # and far better than the hand-set default, written for another extract
    assert fitted_auc > 0.7


def test_the_backtest_claims_what_later_candidates_get(fitted_set: FittedSet) -> None:
    assert fitted_set.backtest_auc == pytest.approx(auc(fitted_set.out_of_time), abs=0.02)


def test_events_that_say_nothing_beyond_age_earn_next_to_nothing(fitted_set: FittedSet) -> None:
    # the sign-up everyone has, stamped at arrival: +193 points an event before the age
    # controls (measured on this extract), its rationale saying it converts at the base rate
    sign_up = fitted_set.event_rows["info_request"]
    assert abs(float(sign_up["points_per_event"])) <= 5
    assert "conversion 4.8% with the event vs 4.8% base" in sign_up["rationale"]
    # visits follow the time on site, which carries the signal
    assert abs(float(fitted_set.event_rows["career_site_visit"]["points_per_event"])) <= 2
    assert "age controlled for, not scored" in fitted_set.fit_output


def test_the_rare_strong_occupation_is_a_bin_of_its_own(fitted_set: FittedSet) -> None:
    professional = fitted_set.attribute_rows[("occupation", "working professional")]
    # 1.3% of the fit sample, converting at 41% against 4.8%: binned with 'unemployed' and
    # given -6 points before the fit kept such a value apart (measured)
    assert "binned with" not in professional["rationale"]
    others = [
        float(fitted_set.attribute_rows[("occupation", value)]["points"])
        for value in ("unemployed", "student", "other")
    ]
    assert float(professional["points"]) - max(others) >= 60  # odds over 8 times: 3 doublings


def test_overlapping_signals_keep_one_row_and_no_opposite_signs(fitted_set: FittedSet) -> None:
    opened_last = fitted_set.attribute_rows[("last_activity", "email_opened")]
    opens = fitted_set.event_rows["job_offer_email_open"]
    assert opened_last["points"] == "0"
    assert "selects the same candidates as event job_offer_email_open" in opened_last["rationale"]
    assert float(opens["points_per_event"]) > 0
    # the summary names every flagged row, and the flag is in the row's rationale
    lines = fitted_set.fit_output.splitlines()
    [flagged_at] = [index for index, line in enumerate(lines) if line.startswith("Flagged")]
    flagged_rows = [
        row for row in fitted_set.attribute_rows.values() if "flagged:" in row["rationale"]
    ] + [row for row in fitted_set.event_rows.values() if "flagged:" in row["rationale"]]
    if flagged_rows:
        assert lines[flagged_at].startswith(f"Flagged: {len(flagged_rows)} rows")
    else:
        assert "no row" in lines[flagged_at]
    for row in flagged_rows:
        named = row.get("match_value") or row.get("event_type") or ""
        assert any(named in line for line in lines[flagged_at + 1 :]), row


def test_tier_bounds_serve_the_later_candidates(fitted_set: FittedSet) -> None:
    # bounds placed on the as-of date's candidates: the hot tier aimed at 15% holds about that
    # many of the later candidates (37% to 39% on the real extracts before)
    shares = fitted_set.out_of_time.score_tier.value_counts(normalize=True)
    assert 0.05 <= shares["hot"] <= 0.25
    assert "candidates of the as-of date 2026-03-31" in fitted_set.fit_output
