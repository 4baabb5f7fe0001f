"""The tooling's command line on a built database: summary and Great Expectations checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from candidate_scoring.cli import main
from tests.helpers import Build, query


def test_summary_names_the_views_and_counts_every_candidate_by_tier(
    demo_build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database", str(demo_build.database), "summary"]) == 0
    printed = capsys.readouterr().out
    assert "scoring.candidate_scores" in printed
    tier_counts = dict(
        query(
            demo_build.database,
            "select score_tier, count(*) from scoring.candidate_scores group by all",
        )
    )
    for tier, count in tier_counts.items():
        assert f"{tier}" in printed and f"{count:,}" in printed
    [total_line] = [line for line in printed.splitlines() if line.split()[:1] == ["total"]]
    assert total_line.split()[1] == f"{sum(tier_counts.values()):,}"


def test_summary_of_a_missing_database_says_what_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database", str(tmp_path / "nothing.duckdb"), "summary"]) == 1
    assert "make demo" in capsys.readouterr().err


def test_great_expectations_pass_on_the_build_and_catch_a_wrong_tier(
    demo_build: Build, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database", str(demo_build.database), "check"]) == 0
    assert "0 failed" in capsys.readouterr().out

    # the same view with one disqualified candidate put in the hot tier must fail
    broken = tmp_path / "broken.duckdb"
    shutil.copy(demo_build.database, broken)
    with duckdb.connect(str(broken)) as connection:
        connection.execute(
            "create table scoring.scores_copy as select * from scoring.candidate_scores"
        )
        connection.execute(
            """
            update scoring.scores_copy set score_tier = 'hot'
            where candidate_id = (
                select min(candidate_id) from scoring.scores_copy where is_disqualified
            )
            """
        )
        connection.execute(
            "create or replace view scoring.candidate_scores as select * from scoring.scores_copy"
        )
    assert main(["--database", str(broken), "check"]) == 1
    captured = capsys.readouterr()
    assert "1 failed" in captured.out
    assert "expect_column_pair_values_to_be_in_set" in captured.err
