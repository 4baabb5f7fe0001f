"""Backtests end to end on the demo data: the evaluation marts agree with an independent
computation, a weight set fitted on the fit sample beats a deliberately poor one on the
holdout sample (and matches the hand-set default), the tier-change preview adds up and the
report renders every plot."""

from __future__ import annotations

import csv
import math
import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from sklearn.metrics import roc_auc_score, roc_curve  # type: ignore[import-untyped]

from candidate_scoring.cli import main
from candidate_scoring.report import FIGURE_IDS
from tests.helpers import AS_OF_VARS, Build, copy_project, query, run_dbt

SEEDS = ("attribute_points.csv", "event_points.csv", "score_tiers.csv")


def _holdout_scores(database: Path) -> dict[str, tuple[list[float], list[int]]]:
    rows = query(
        database,
        "select weight_set, total_score, has_converted from evaluation.backtest_candidate_scores "
        "where evaluation_sample = 'holdout'",
    )
    by_set: dict[str, tuple[list[float], list[int]]] = defaultdict(lambda: ([], []))
    for weight_set, score, converted in rows:
        by_set[weight_set][0].append(float(score))
        by_set[weight_set][1].append(int(converted))
    return by_set


def test_backtest_metrics_agree_with_scikit_learn(demo_build: Build) -> None:
    summary = {
        weight_set: (auc, ks, candidates, conversions)
        for weight_set, auc, ks, candidates, conversions in query(
            demo_build.database,
            "select weight_set, auc, ks, candidates, conversions from "
            "evaluation.backtest_summary where outcome = 'placement'",
        )
    }
    scores = _holdout_scores(demo_build.database)
    assert set(summary) == set(scores) and summary
    for weight_set, (total_scores, converted) in scores.items():
        auc, ks, candidates, conversions = summary[weight_set]
        assert (candidates, conversions) == (len(converted), sum(converted))
        assert 0 < conversions < candidates  # the premise: both classes on the holdout
        assert auc == pytest.approx(roc_auc_score(converted, total_scores), abs=1e-9)
        false_positive_rate, true_positive_rate, _ = roc_curve(converted, total_scores)
        assert ks == pytest.approx(max(true_positive_rate - false_positive_rate), abs=1e-9)


def test_information_value_is_the_weight_of_evidence_of_each_criterions_counts(
    demo_build: Build,
) -> None:
    rows = query(
        demo_build.database,
        "select criterion, matched_rule, candidates, conversions, weight_of_evidence, "
        "information_value, criterion_information_value "
        "from evaluation.criterion_information_value "
        "where outcome = 'placement' and weight_set = 'default'",
    )
    [(holdout,)] = query(
        demo_build.database,
        "select count(*) from evaluation.backtest_candidate_scores "
        "where evaluation_sample = 'holdout' and weight_set = 'default'",
    )
    by_criterion: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        by_criterion[str(row[0])].append(row)
    [(configured,)] = query(
        demo_build.database, "select count(*) from intermediate.int_scoring_criteria_configured"
    )
    assert len(by_criterion) == configured
    for criterion, rules in by_criterion.items():
        # every holdout candidate-date is counted once per criterion
        assert sum(int(rule[2]) for rule in rules) == holdout, criterion
        conversions = sum(int(rule[3]) + 0.5 for rule in rules)
        non_conversions = sum(int(rule[2]) - int(rule[3]) + 0.5 for rule in rules)
        total = 0.0
        for _, rule, candidates, converted, woe, iv, _ in rules:
            share_converted = (int(converted) + 0.5) / conversions
            share_not = (int(candidates) - int(converted) + 0.5) / non_conversions
            expected_woe = math.log(share_converted / share_not)
            assert woe == pytest.approx(expected_woe, abs=1e-9), (criterion, rule)
            assert iv == pytest.approx((share_converted - share_not) * expected_woe, abs=1e-9)
            total += (share_converted - share_not) * expected_woe
        assert {round(float(rule[6]), 9) for rule in rules} == {round(total, 9)}, criterion


def _add_poor_weight_set(seeds_dir: Path) -> None:
    """A deliberately poor set: the default set with every point that is not an opt-out turned
    around, so what predicts a placement costs points."""
    for name in SEEDS:
        path = seeds_dir / name
        with path.open(newline="") as handle:
            reader = csv.DictReader(handle)
            fields = list(reader.fieldnames or [])
            rows = list(reader)
        poor = []
        for row in rows:
            if row["weight_set"] != "default":
                continue
            row = {**row, "weight_set": "poor"}
            if name == "attribute_points.csv":
                row["points"] = str(-int(row["points"]))
            elif name == "event_points.csv" and float(row["points_per_event"]) > 0:
                row["points_per_event"] = str(-float(row["points_per_event"]))
            poor.append(row)
        with path.open("a", newline="") as handle:
            csv.DictWriter(handle, fieldnames=fields, lineterminator="\n").writerows(poor)


def test_a_fitted_weight_set_beats_a_poor_one_out_of_sample(
    demo_build: Build, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project_dir = copy_project(tmp_path / "project")
    database = tmp_path / "warehouse.duckdb"
    shutil.copy(demo_build.database, database)
    seeds_dir = project_dir / "seeds"
    arguments = ["--database", str(demo_build.database), "fit", "--seeds-dir", str(seeds_dir)]
    assert main([*arguments, "--name", "fitted"]) == 0
    _add_poor_weight_set(seeds_dir)
    run_dbt(project_dir, database, "build", "--vars", AS_OF_VARS)

    auc = {
        weight_set: value
        for weight_set, value in query(
            database,
            "select weight_set, auc from evaluation.backtest_summary where outcome = 'placement'",
        )
    }
    assert set(auc) == {"default", "fitted", "poor"}
    assert auc["fitted"] > auc["poor"] + 0.2
    # the demo's clients hire differently from what the hand-set default guesses: the fit
    # finds it (0.882 against 0.831 when measured; 0.87 to 0.88 against 0.82 to 0.83 on
    # other end dates of the data)
    assert auc["fitted"] > auc["default"] + 0.02
    # the live views still serve the set in force
    assert query(database, "select distinct weight_set from scoring.candidate_scores") == [
        ("default",)
    ]

    # the preview: per challenger, every candidate of today once; the changes are listed
    [(candidates,)] = query(database, "select count(*) from scoring.candidate_scores")
    counts = query(
        database,
        "select challenger_weight_set, sum(candidates), "
        "sum(case when is_change then candidates else 0 end) "
        "from scoring.tier_change_counts group by 1 order by 1",
    )
    changes = dict(
        query(
            database,
            "select challenger_weight_set, count(*) from scoring.tier_change_preview group by 1",
        )
    )
    assert [row[0] for row in counts] == ["fitted", "poor"]
    for challenger, total, changed in counts:
        assert total == candidates
        assert changes.get(challenger, 0) == changed > 0

    # the report shows every plot, offline
    report = tmp_path / "report.html"
    capsys.readouterr()
    assert main(["--database", str(database), "report", "--output", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    for figure_id in FIGURE_IDS:
        assert f'id="{figure_id}"' in html
    assert not re.search(r"https?://", html)
    assert "fitted" in html and "poor" in html
