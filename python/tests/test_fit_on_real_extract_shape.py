"""The fitted weight sets on an extract shaped like real lead-conversion data (issue 19): no
time signal, a rare but strong category, two overlapping engagement signals. The extract and
the harness are in tests/realistic_extract.py; here, what must hold before any fit, on the
project built as of T1 (the fit build's as-of date) under the default weight set."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.helpers import copy_project, query
from tests.realistic_extract import NEW_CRITERIA, T1, build, write_realistic_extract


@dataclass(frozen=True)
class RealisticBuild:
    project_dir: Path
    database: Path
    output: str


@pytest.fixture(scope="module")
def t1_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealisticBuild]:
    """The realistic extract (about 31,500 candidates), built with the backtest as of T1
    under the default weight set (about 30 s)."""
    root = tmp_path_factory.mktemp("realistic_extract")
    database = root / "warehouse.duckdb"
    write_realistic_extract(database)
    project_dir = copy_project(root / "project")
    run = build(project_dir, database, T1)
    yield RealisticBuild(project_dir, database, run.output)


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


def test_every_raw_row_is_used_and_values_are_normalised(t1_build: RealisticBuild) -> None:
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


def test_the_fit_sample_has_the_new_criteria(t1_build: RealisticBuild) -> None:
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


def test_the_default_set_scores_none_of_the_new_criteria(t1_build: RealisticBuild) -> None:
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
