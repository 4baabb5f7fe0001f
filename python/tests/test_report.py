"""`candidate-scoring report`: the backtest report is one HTML page holding every plot as an
embedded PNG and loading nothing, made from the evaluation marts of a warehouse. The marts are
hand-made here, in the shape of their contract, so the test needs no dbt build."""

from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from candidate_scoring.cli import main
from candidate_scoring.report import FIGURE_IDS, REQUIRED_RELATIONS

WEIGHT_SETS = ("default", "fitted")  # default is in force
TIERS = (("hot", 1), ("warm", 2), ("cold", 3))
DATES = (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1))
CRITERIA = ("seniority", "skills", "info_request")

# (weight_set, outcome): as_of_dates, candidates, conversions, conversion_rate, auc, gini, ks,
# top_tier, top_tier_conversion_rate, top_tier_lift
SUMMARY = {
    ("default", "placement"): (3, 1200, 96, 0.08, 0.7123, 0.4246, 0.3381, "hot", 0.2417, 3.0213),
    ("fitted", "placement"): (3, 1200, 96, 0.08, 0.7458, 0.4916, 0.3902, "hot", 0.2861, 3.5762),
    ("default", "application"): (3, 1200, 300, 0.25, 0.6634, 0.3268, 0.2517, "hot", 0.4932, 1.9728),
    ("fitted", "application"): (3, 1200, 300, 0.25, 0.6811, 0.3622, 0.2744, "hot", 0.5203, 2.0812),
}


def _insert(connection: duckdb.DuckDBPyConnection, relation: str, rows: list[list]) -> None:
    placeholders = ", ".join("?" for _ in rows[0])
    connection.executemany(f"insert into {relation} values ({placeholders})", rows)


def _fill_warehouse(database: Path) -> None:
    """The contract's tables with a few hand-made rows: two weight sets, three tiers, ten
    deciles, three dates, three criteria, two outcomes."""
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema evaluation; create schema scoring")
        connection.execute(
            """
            create table evaluation.backtest_summary (
                weight_set text, is_weight_set_in_force boolean, outcome text, as_of_dates int,
                candidates bigint, conversions bigint, conversion_rate double, auc double,
                gini double, ks double, top_tier text, top_tier_conversion_rate double,
                top_tier_lift double)
            """
        )
        _insert(
            connection,
            "evaluation.backtest_summary",
            [
                [weight_set, weight_set == "default", outcome, *values]
                for (weight_set, outcome), values in SUMMARY.items()
            ],
        )
        # the same columns per as-of date: the AUC moves a little from date to date
        connection.execute(
            "create table evaluation.backtest_metrics_by_date as "
            "select *, date '2026-01-01' as as_of_date from evaluation.backtest_summary limit 0"
        )
        connection.executemany(
            "insert into evaluation.backtest_metrics_by_date by name "
            "select ? as weight_set, ? as is_weight_set_in_force, ? as outcome, "
            "? as as_of_date, ? as auc",
            [
                [weight_set, weight_set == "default", outcome, as_of_date, values[4] + shift]
                for (weight_set, outcome), values in SUMMARY.items()
                for as_of_date, shift in zip(DATES, (-0.02, 0.01, 0.03), strict=True)
            ],
        )
        connection.execute(
            """
            create table evaluation.backtest_candidate_scores (
                weight_set text, is_weight_set_in_force boolean, as_of_date date,
                candidate_id text, evaluation_sample text, fit_score double,
                engagement_score double, total_score double, score_tier text,
                tier_priority int, has_converted boolean, is_outcome_window_complete boolean)
            """
        )
        rows = []
        for weight_set in WEIGHT_SETS:
            for as_of_date in DATES:
                for number in range(60):
                    total = float((number * 7) % 150)
                    tier, priority = (
                        TIERS[0] if total >= 100 else TIERS[1] if total >= 50 else TIERS[2]
                    )
                    rows.append(
                        [
                            weight_set,
                            weight_set == "default",
                            as_of_date,
                            f"C{number}",
                            "holdout" if number % 3 == 0 else "fit",
                            total * 0.6,
                            total * 0.4,
                            total,
                            tier,
                            priority,
                            number % 9 == 0,
                            True,
                        ]
                    )
        _insert(
            connection,
            "evaluation.backtest_candidate_scores",
            rows,
        )
        connection.execute(
            """
            create table evaluation.backtest_tier_performance (
                weight_set text, outcome text, score_tier text, tier_priority int,
                candidates bigint, conversions bigint, conversion_rate double, lift double,
                share_of_candidates double, candidates_entering_per_week double)
            """
        )
        _insert(
            connection,
            "evaluation.backtest_tier_performance",
            [
                [
                    weight_set,
                    outcome,
                    tier,
                    priority,
                    400,
                    40 // priority,
                    0.1 / priority,
                    1.25 / priority,
                    1 / 3,
                    12.5,
                ]
                for weight_set in WEIGHT_SETS
                for outcome in ("placement", "application")
                for tier, priority in TIERS
            ],
        )
        connection.execute(
            """
            create table evaluation.backtest_score_calibration (
                weight_set text, outcome text, score_decile int, min_score double,
                max_score double, average_score double, candidates bigint, conversions bigint,
                conversion_rate double, cumulative_share_of_candidates double,
                cumulative_share_of_conversions double, cumulative_lift double)
            """
        )
        _insert(
            connection,
            "evaluation.backtest_score_calibration",
            [
                [
                    weight_set,
                    outcome,
                    decile,
                    decile * 15.0,
                    decile * 15.0 + 14.9,
                    decile * 15.0 + 7.5,
                    120,
                    decile,
                    decile / 120,
                    (11 - decile) / 10,
                    min(1.0, (11 - decile) / 7),
                    min(1.0, (11 - decile) / 7) * 10 / (11 - decile),
                ]
                for weight_set in WEIGHT_SETS
                for outcome in ("placement", "application")
                for decile in range(1, 11)
            ],
        )
        connection.execute(
            """
            create table evaluation.criterion_information_value (
                weight_set text, outcome text, criterion text, matched_rule text,
                candidates bigint, conversions bigint, conversion_rate double,
                weight_of_evidence double, information_value double,
                criterion_information_value double)
            """
        )
        _insert(
            connection,
            "evaluation.criterion_information_value",
            [
                [
                    weight_set,
                    outcome,
                    criterion,
                    rule,
                    600,
                    48,
                    0.08,
                    0.1,
                    0.02 * rank,
                    0.04 * rank + (0.01 if weight_set == "fitted" else 0),
                ]
                for weight_set in WEIGHT_SETS
                for outcome in ("placement", "application")
                for rank, criterion in enumerate(CRITERIA, start=1)
                for rule in ("(no match)", "a rule")
            ],
        )
        connection.execute(
            """
            create table scoring.tier_change_counts (
                challenger_weight_set text, tier_in_force text, challenger_tier text,
                candidates bigint)
            """
        )
        connection.executemany(
            "insert into scoring.tier_change_counts values ('fitted', ?, ?, ?)",
            [
                [in_force, challenger, 1234 if in_force == challenger else 17]
                for in_force, _ in TIERS
                for challenger, _ in TIERS
            ],
        )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database = tmp_path_factory.mktemp("report") / "warehouse.duckdb"
    _fill_warehouse(database)
    return database


@pytest.fixture(scope="module")
def page(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    output = tmp_path_factory.mktemp("report_out") / "nested" / "report.html"
    assert main(["--database", str(warehouse), "report", "--output", str(output)]) == 0
    assert output.is_file()
    return output.read_text(encoding="utf-8")


def test_report_holds_every_plot_as_an_embedded_png(page: str) -> None:
    for figure_id in FIGURE_IDS:
        assert f'<figure id="{figure_id}"' in page
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == len(FIGURE_IDS) == page.count("<img")
    for image in images:
        png = base64.b64decode(image)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert b"http" not in png  # no Software chunk with matplotlib's address


def test_report_loads_nothing(page: str) -> None:
    assert not re.search(r"https?://", page, re.IGNORECASE)
    assert not re.search(r"<script|<link|@import|url\(", page, re.IGNORECASE)
    assert re.search(r"\bsrc=\"(?!data:image/png;base64,)", page) is None


def test_report_shows_the_headline_numbers_and_the_set_in_force(page: str) -> None:
    for (weight_set, outcome), values in SUMMARY.items():
        conversion_rate, auc, gini, ks = values[3:7]
        top_tier_rate, top_tier_lift = values[8:]
        table = re.search(
            rf'<table class="headline" data-outcome="{outcome}">.*?</table>', page, re.DOTALL
        )
        assert table is not None
        row = re.search(rf'<tr[^>]*data-weight-set="{weight_set}">.*?</tr>', table[0])
        assert row is not None
        for text in (
            f"{auc:.3f}",
            f"{gini:.3f}",
            f"{ks:.3f}",
            f"{100 * conversion_rate:.1f}%",
            f"{100 * top_tier_rate:.1f}%",
            f"{top_tier_lift:.2f}x",
        ):
            assert f"<td>{text}</td>" in row[0], (weight_set, outcome, text)
        assert ("in force" in row[0]) == (weight_set == "default")
    # the primary outcome (placement, first of vars.backtest.outcomes) comes first
    assert page.index('data-outcome="placement"') < page.index('data-outcome="application"')


def test_report_of_another_outcome_puts_it_first(
    warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.html"
    arguments = ["--database", str(warehouse), "report", "--output", str(output)]
    assert main([*arguments, "--outcome", "application"]) == 0
    page = output.read_text(encoding="utf-8")
    assert page.index('data-outcome="application"') < page.index('data-outcome="placement"')
    assert "outcome of the plots: application" in page
    capsys.readouterr()
    assert main([*arguments, "--outcome", "interview"]) == 1
    assert "'interview' is not in evaluation.backtest_summary" in capsys.readouterr().err


def test_report_of_a_single_weight_set_with_empty_marts_still_has_every_figure(
    warehouse: Path, tmp_path: Path
) -> None:
    """No challenger, no score rows, NULL metrics (no conversion yet): every figure is there,
    saying what it lacks, rather than a crash."""
    database = tmp_path / "sparse.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"attach '{warehouse}' as built (read_only)")
        connection.execute("create schema evaluation; create schema scoring")
        for relation in REQUIRED_RELATIONS:
            connection.execute(
                f"create table {relation} as select * from built.{relation} where false"
            )
        connection.execute(
            "insert into evaluation.backtest_summary "
            "select * replace (null as auc, null as gini, null as ks, null as top_tier_lift) "
            "from built.evaluation.backtest_summary where weight_set = 'default'"
        )
    output = tmp_path / "report.html"
    assert main(["--database", str(database), "report", "--output", str(output)]) == 0
    page = output.read_text(encoding="utf-8")
    assert all(f'<figure id="{figure_id}"' in page for figure_id in FIGURE_IDS)
    assert page.count("data:image/png;base64,") == len(FIGURE_IDS)


def test_report_names_a_missing_relation_and_says_to_build(
    warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "partial.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"attach '{warehouse}' as built (read_only)")
        connection.execute("create schema evaluation; create schema scoring")
        for relation in REQUIRED_RELATIONS:
            if relation != "evaluation.backtest_score_calibration":
                connection.execute(f"create table {relation} as select * from built.{relation}")
    output = tmp_path / "report.html"
    assert main(["--database", str(database), "report", "--output", str(output)]) == 1
    error = capsys.readouterr().err
    assert "evaluation.backtest_score_calibration" in error and "dbt build" in error
    assert "Traceback" not in error
    assert not output.exists()


def test_report_of_a_missing_database_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "nothing.duckdb"
    assert main(["--database", str(database), "report", "--output", str(tmp_path / "r")]) == 1
    assert "no such database" in capsys.readouterr().err
    assert not database.exists()  # opened read-only: never created
