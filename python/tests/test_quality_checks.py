"""`candidate-scoring check`: the Great Expectations checks of distributions and drift.

Every test works on a copy of the demo warehouse in its own temporary folder, so the outputs
(results, Data Docs, baseline) written beside the database never meet another test's.
"""

from __future__ import annotations

import json
import math
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import yaml

from candidate_scoring.cli import main
from candidate_scoring.quality_checks import (
    CHECKS,
    DRIFT_CHECK,
    POINTS_CHECK,
    TIER_SHARES_CHECK,
    WORKLIST_CHECK,
    ZERO_SCORES_CHECK,
    Bounds,
    Criterion,
    attribute_bounds,
    check_warehouse,
    criterion_bounds,
    event_bounds,
    read_check_settings,
)
from tests.helpers import PROJECT_DIR, Build, query

D = Decimal


def _copy(build: Build, tmp_path: Path, name: str = "warehouse.duckdb") -> Path:
    database = tmp_path / name
    shutil.copy(build.database, database)
    return database


def _edit_scores(database: Path, *statements: str) -> None:
    """Replace the view scoring.candidate_scores by an edited copy of its rows."""
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            "create table scoring.scores_copy as select * from scoring.candidate_scores"
        )
        for statement in statements:
            connection.execute(statement)
        connection.execute(
            "create or replace view scoring.candidate_scores as select * from scoring.scores_copy"
        )


def _results(output_dir: Path) -> dict:
    return json.loads((output_dir / "check_results.json").read_text())


def _statuses(output_dir: Path) -> dict[tuple[str, str], str]:
    return {(c["check"], c["subject"]): c["status"] for c in _results(output_dir)["checks"]}


def test_bounds_follow_the_kind_of_each_criterion() -> None:
    # value and band: 0 (no match) or one row's points, within the cap
    assert attribute_bounds("value", [D(-5), D(2), D(15)], None) == Bounds(D(-5), D(15))
    assert attribute_bounds("band", [D(2), D(10)], None) == Bounds(D(0), D(10))
    assert attribute_bounds("band", [D(-3), D(-1)], D(2)) == Bounds(D(-2), D(0))
    # list: matched rows add up, capped
    assert attribute_bounds("list", [D(4), D(4), D(3), D(-2)], None) == Bounds(D(-2), D(11))
    assert attribute_bounds("list", [D(4), D(4), D(3), D(-20)], D(10)) == Bounds(D(-10), D(10))
    # events: unbounded where the points go, unless capped; never past 0 against their sign
    assert event_bounds([D(1), D("0.5")], None) == Bounds(D(0), None)
    assert event_bounds([D(1), D(2)], D(8)) == Bounds(D(0), D(8))
    assert event_bounds([D(-50)], D(50)) == Bounds(D(-50), D(0))
    assert event_bounds([D(-50)], None) == Bounds(None, D(0))
    assert event_bounds([D(3), D(-1)], D(5)) == Bounds(D(-5), D(5))
    assert event_bounds([D(3), D(-1)], None) == Bounds(None, None)

    criteria = [
        Criterion("skills", "attribute", "list", "fit"),
        Criterion("industry", "attribute", "value", "fit"),
        Criterion("visits", "event", None, "engagement"),
        Criterion("opt_outs", "event", None, "engagement"),
        Criterion("unweighted", "attribute", "band", "fit"),  # no row in the set: always 0
    ]
    attribute_rows = [
        ("skills", D(4), D(6)),
        ("skills", D(3), D(6)),
        ("industry", D(8), None),
        ("industry", D(0), None),
    ]
    bounds = criterion_bounds(
        criteria, attribute_rows, [("visits", D(1), D(10)), ("opt_outs", D(-50), None)]
    )
    assert bounds["skills_points"] == Bounds(D(0), D(6))
    assert bounds["industry_points"] == Bounds(D(0), D(8))
    assert bounds["unweighted_points"] == Bounds(D(0), D(0))
    assert bounds["fit_score"] == Bounds(D(0), D(14))
    assert bounds["engagement_score"] == Bounds(None, D(10))
    assert bounds["total_score"] == Bounds(None, D(24))  # unbounded below: opt-outs are uncapped


def test_check_passes_on_the_demo_build_and_writes_results_docs_and_baseline(
    demo_build: Build, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = _copy(demo_build, tmp_path)
    assert main(["--database", str(database), "check"]) == 0
    printed = capsys.readouterr().out
    assert "0 failed, 1 skipped" in printed
    assert f"SKIPPED {DRIFT_CHECK}" in printed

    output_dir = tmp_path / "warehouse_quality_checks"  # the default: beside the database
    results = _results(output_dir)
    assert results["success"] is True and results["baseline_replaced"] is True
    statuses = _statuses(output_dir)
    assert statuses.pop((DRIFT_CHECK, "every tier")) == "skipped"
    assert set(statuses.values()) == {"passed"}
    checked = {check for check, _ in statuses}
    assert checked == set(CHECKS) - {DRIFT_CHECK}
    points_columns = {subject for check, subject in statuses if check == POINTS_CHECK}
    columns = {row[0] for row in query(database, "describe scoring.candidate_scores")}
    assert points_columns == {c for c in columns if c.endswith(("_points", "_score"))}
    # GX's own validation results are in the JSON too, one per validated suite
    assert {
        r["meta"]["active_batch_definition"]["data_asset_name"]
        for r in results["great_expectations"]
    } == {"candidate_scores", "tier_shares", "recruiter_worklist", "candidate_total_scores"}

    baseline = json.loads((output_dir / "baseline.json").read_text())
    tier_counts = dict(
        query(database, "select score_tier, count(*) from scoring.candidate_scores group by 1")
    )
    total = sum(tier_counts.values())
    assert baseline["candidate_count"] == total
    assert baseline["tier_shares"] == pytest.approx(
        {tier: count / total for tier, count in tier_counts.items()}
    )
    assert (
        baseline["worklist_size"]
        == query(database, "select count(*) from scoring.recruiter_worklist")[0][0]
    )

    index = output_dir / "data_docs" / "index.html"
    html = index.read_text()
    for check in CHECKS:  # every suite is listed, the drift suite too (not yet validated)
        assert check in html
    pages = "".join(p.read_text() for p in (output_dir / "data_docs").rglob("*.html"))
    assert "skills_points" in pages and "total_score" in pages


def test_scores_past_the_seeds_a_tier_share_and_zero_scores_out_of_bounds_fail(
    demo_build: Build, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = _copy(demo_build, tmp_path)
    settings = read_check_settings(PROJECT_DIR)
    [(hot_max, candidates, disqualified)] = query(
        database,
        "select (select expected_share_max from scoring_config.score_tiers "
        "where weight_set = 'default' and tier = 'hot'), count(*), "
        "count(*) filter (where score_tier = 'disqualified') from scoring.candidate_scores",
    )
    zeroed = math.ceil((settings.max_share_scoring_zero + 0.05) * candidates)
    _edit_scores(
        database,
        # one candidate 100 skills points past any cap
        "update scoring.scores_copy set skills_points = skills_points + 100 "
        "where candidate_id = (select max(candidate_id) from scoring.scores_copy)",
        # the disqualified candidates relabelled hot: hot holds far more than the seed allows
        "update scoring.scores_copy set score_tier = 'hot' where score_tier = 'disqualified'",
        f"update scoring.scores_copy set total_score = 0 where candidate_id in ("
        f"select candidate_id from scoring.scores_copy order by candidate_id limit {zeroed})",
    )
    [(hot_share, skills_max)] = query(
        database,
        "select avg((score_tier = 'hot')::int), max(skills_points) from scoring.scores_copy",
    )
    assert disqualified and hot_share > float(hot_max)  # the premise of the test

    assert main(["--database", str(database), "check"]) == 1
    captured = capsys.readouterr()
    failed = [line for line in captured.err.splitlines() if line.startswith("FAILED")]
    skills = next(line for line in failed if "on skills_points" in line)
    assert POINTS_CHECK in skills and "expect_column_values_to_be_between" in skills
    assert f"max {float(skills_max):g}" in skills and "1 of " in skills
    [(low, high)] = query(  # the skills rows of seeds/attribute_points: a capped list
        database,
        "select greatest(coalesce(sum(points) filter (where points < 0), 0), "
        "-max(criterion_points_cap)), least(sum(points) filter (where points > 0), "
        "max(criterion_points_cap)) from scoring_config.attribute_points "
        "where weight_set = 'default' and criterion = 'skills'",
    )
    assert f"allowed {float(low):g} to {float(high):g}" in skills
    hot = next(line for line in failed if "on tier hot" in line)
    assert TIER_SHARES_CHECK in hot and f"observed {hot_share:.1%}" in hot
    zero = next(line for line in failed if ZERO_SCORES_CHECK in line)
    assert f"({zeroed:,} of {candidates:,})" in zero
    assert f"at most {settings.max_share_scoring_zero:.1%}" in zero
    assert "failed" in captured.out

    statuses = _statuses(tmp_path / "warehouse_quality_checks")
    assert statuses[(POINTS_CHECK, "experience_points")] == "passed"
    assert statuses[(WORKLIST_CHECK, "scoring.recruiter_worklist")] == "passed"
    assert not (tmp_path / "warehouse_quality_checks" / "baseline.json").exists()


def test_drift_is_skipped_first_then_checked_and_a_failed_check_keeps_the_baseline(
    demo_build: Build, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = _copy(demo_build, tmp_path)
    output_dir = tmp_path / "checks"
    arguments = ["--database", str(database), "check", "--output-dir", str(output_dir)]
    baseline = output_dir / "baseline.json"

    assert main(arguments) == 0
    assert _statuses(output_dir)[(DRIFT_CHECK, "every tier")] == "skipped"
    # date the baseline back, so that its replacement shows even within the same second
    first_baseline = json.loads(baseline.read_text())
    first_baseline["checked_at"] = "2000-01-01T00:00:00+00:00"
    baseline.write_text(json.dumps(first_baseline))

    # unchanged data: drift checked per tier and passed; the passing check is the new baseline
    assert main(arguments) == 0
    drift = {s: v for (c, s), v in _statuses(output_dir).items() if c == DRIFT_CHECK}
    tiers = {
        row[0]
        for row in query(database, "select distinct score_tier from scoring.candidate_scores")
    }
    assert drift == {f"tier {tier}": "passed" for tier in tiers}
    second_baseline = baseline.read_text()
    assert json.loads(second_baseline)["checked_at"] != first_baseline["checked_at"]
    assert _results(output_dir)["baseline_replaced"] is True
    capsys.readouterr()

    # move more than the allowed change from cold to warm
    max_change = read_check_settings(PROJECT_DIR).max_tier_share_change
    [(candidates,)] = query(database, "select count(*) from scoring.candidate_scores")
    moved = math.ceil((max_change + 0.02) * candidates)
    _edit_scores(
        database,
        "update scoring.scores_copy set score_tier = 'warm' where candidate_id in (select "
        f"candidate_id from scoring.scores_copy where score_tier = 'cold' limit {moved})",
    )
    assert main(arguments) == 1
    err = capsys.readouterr().err
    for tier in ("cold", "warm"):
        line = next(
            line for line in err.splitlines() if DRIFT_CHECK in line and f"tier {tier}" in line
        )
        assert f"a change of {moved / candidates * 100:.1f} points" in line
        assert f"at most {max_change * 100:.1f} points" in line
    assert _statuses(output_dir)[(DRIFT_CHECK, "tier hot")] == "passed"
    assert baseline.read_text() == second_baseline  # the failed check did not replace it
    assert _results(output_dir)["baseline_replaced"] is False


def test_worklist_size_outside_the_configured_range_fails(
    demo_build: Build, tmp_path: Path
) -> None:
    database = _copy(demo_build, tmp_path)
    [(worklist,)] = query(database, "select count(*) from scoring.recruiter_worklist")
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())
    project["vars"]["quality_checks"]["worklist_size"] = {"min": 1, "max": worklist - 1}
    (tmp_path / "dbt_project.yml").write_text(yaml.safe_dump(project))

    report = check_warehouse(database, tmp_path / "checks", project_dir=tmp_path)
    [failed] = report.failed
    assert (failed.check, failed.expectation) == (
        WORKLIST_CHECK,
        "expect_table_row_count_to_be_between",
    )
    assert failed.observed == f"{worklist:,} rows"
    assert failed.allowed.startswith(f"1 to {worklist - 1:,} rows")


def test_check_of_an_unbuilt_database_says_what_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "raw_only.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema raw")
    assert main(["--database", str(database), "check"]) == 2
    assert "scoring.candidate_scores" in capsys.readouterr().err
    assert not (tmp_path / "raw_only_quality_checks").exists()
