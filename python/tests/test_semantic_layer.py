"""The semantic layer (MetricFlow, models/marts/semantic/) on the demo warehouse: `mf
validate-configs` passes against the built tables, and every metric `mf query` returns equals
the same computation written in SQL against the marts.

`mf` runs in the shared demo build's project copy: it reads target/semantic_manifest.json there
and logs to its logs/, never to the repository. Its commands run as the `mf` script runs them
(the click group dbt_metricflow.cli.main:cli), several in one process that sets MetricFlow up
once: a process per command spends about 3 s importing. That process holds the warehouse open
for writing (DuckDB: one writer or many readers), so the SQL side reads it read-only after it
ends, and the hand-made rows for what one demo build cannot show (a month of daily counts,
several weight sets and outcomes) go to a copy queried by a second process at the same time.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from candidate_scoring.settings import backtest_outcomes, project_vars
from tests.helpers import Build, query

# `mf <arguments>` for each argument list of argv[1] (JSON), one MetricFlow set-up for all;
# "=== mf ..." and "=== exit <code>" frame the output of each.
MF_SESSION = """
import json
import sys

from dbt_metricflow.cli.cli_configuration import CLIConfiguration
from dbt_metricflow.cli.main import cli

configuration = CLIConfiguration()
failed = 0
for arguments in json.loads(sys.argv[1]):
    print("=== mf " + " ".join(arguments), flush=True)
    try:
        cli.main(arguments, prog_name="mf", obj=configuration, standalone_mode=False)
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    print(f"=== exit {code}", flush=True)
    failed = failed or code
sys.exit(failed)
"""


@dataclass
class MfRun:
    arguments: list[str]
    returncode: int
    output: str
    csv_path: Path

    def rows(self) -> list[dict[str, str]]:
        assert self.returncode == 0, f"mf {' '.join(self.arguments)} failed:\n{self.output[-4000:]}"
        with self.csv_path.open(newline="") as file:
            return list(csv.DictReader(file))


# name -> mf arguments; a query's result is written to <name>.csv
QUERIES: dict[str, list[str]] = {
    "candidates_by_tier": [
        "--metrics",
        "scored_candidates,average_total_score,average_fit_score,average_engagement_score",
        "--group-by",
        "candidate__score_tier",
    ],
    "tier_candidates_per_day": [
        "--metrics",
        "tier_candidates,hot_tier_candidates",
        "--group-by",
        "metric_time__day,daily_tier_count__score_tier",
    ],
    # the headline rate beside the per-set ones: it fills only the rows it counts
    "backtest_conversion": [
        "--metrics",
        "backtest_conversion_rate,"
        "backtest_conversion_rate_per_weight_set_and_outcome,"
        "backtest_prospects_per_weight_set_and_outcome,"
        "backtest_conversions_per_weight_set_and_outcome",
        "--group-by",
        "backtest_tier__weight_set,backtest_tier__outcome,backtest_tier__score_tier",
    ],
    # on the copy with hand-made rows (_replace_with_hand_made_rows)
    "hand_made_per_month": [
        "--metrics",
        "tier_candidates,hot_tier_candidates,backtest_conversion_rate",
        "--group-by",
        "metric_time__month",
    ],
}


def _replace_with_hand_made_rows(database: Path, weight_set: str, primary_outcome: str) -> None:
    """Daily hot counts 5, 7 (last of January) and 9 (February); warm 20 on January's last day.
    Backtests: the set in force converts 5 of 10 on the primary outcome, 9 of 10 on another;
    a set not in force 4 of 40 on the primary outcome."""
    other_outcome = "application" if primary_outcome != "application" else "placement"
    with duckdb.connect(str(database)) as connection:
        connection.execute("drop view history.daily_tier_counts")
        connection.execute(
            "create table history.daily_tier_counts as "
            "select cast(as_of_date as date) as as_of_date, score_tier, "
            "cast(candidates as bigint) as candidates from (values "
            "('2026-01-30', 'hot', 5), ('2026-01-31', 'hot', 7), ('2026-01-31', 'warm', 20), "
            "('2026-02-01', 'hot', 9)) as counts (as_of_date, score_tier, candidates)"
        )
        connection.execute("drop table semantic.backtest_tier_conversions")
        connection.execute(
            "create table semantic.backtest_tier_conversions as "
            "select weight_set, outcome, 'hot' as score_tier, 1 as tier_priority, "
            "cast(candidates as bigint) as candidates, "
            "cast(conversions as bigint) as conversions, "
            "is_weight_set_in_force, is_primary_outcome, "
            "date '2025-02-01' as first_backtest_date, date '2026-01-01' as last_backtest_date "
            "from (values "
            "($in_force, $primary, 10, 5, true, true), "
            "($in_force, $other, 10, 9, true, false), "
            "('not_in_force', $primary, 40, 4, false, true)) "
            "as rows (weight_set, outcome, candidates, conversions, is_weight_set_in_force, "
            "is_primary_outcome)",
            {"in_force": weight_set, "primary": primary_outcome, "other": other_outcome},
        )


def _mf_session(build: Build, database: Path, commands: list[list[str]]) -> subprocess.Popen[str]:
    environment = {
        **os.environ,
        "CANDIDATE_SCORING_DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(build.project_dir),
        "DBT_PROJECT_DIR": str(build.project_dir),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return subprocess.Popen(
        [sys.executable, "-c", MF_SESSION, json.dumps(commands)],
        cwd=build.project_dir,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _runs(output: str, commands: dict[str, list[str]], root: Path) -> dict[str, MfRun]:
    """Each command's part of a session's output, with its exit code (-1: never reached)."""
    sections = re.split(r"^=== mf .*$", output, flags=re.MULTILINE)[1:]
    runs = {}
    for index, (name, arguments) in enumerate(commands.items()):
        section = sections[index] if index < len(sections) else output
        exit_code = re.search(r"^=== exit (\d+)$", section, flags=re.MULTILINE)
        returncode = int(exit_code.group(1)) if exit_code else -1
        runs[name] = MfRun(arguments, returncode, section, root / f"{name}.csv")
    return runs


@pytest.fixture(scope="module")
def mf_runs(demo_build: Build, tmp_path_factory: pytest.TempPathFactory) -> dict[str, MfRun]:
    """`mf validate-configs` and every query of QUERIES: the hand-made one on its copy of the
    warehouse, the others on the warehouse, both sessions at once."""
    root = tmp_path_factory.mktemp("semantic_layer")
    commands = {"validate": ["validate-configs"]} | {
        name: ["query", *arguments, "--csv", str(root / f"{name}.csv"), "--quiet"]
        for name, arguments in QUERIES.items()
    }
    hand_made = {"hand_made_per_month": commands.pop("hand_made_per_month")}
    # the same file name: the semantic manifest names the DuckDB catalog after it
    copy = root / "hand_made" / demo_build.database.name
    copy.parent.mkdir()
    shutil.copyfile(demo_build.database, copy)
    _replace_with_hand_made_rows(
        copy,
        str(project_vars(demo_build.project_dir)["weight_set"]),
        backtest_outcomes(demo_build.project_dir)[0],
    )
    sessions = [
        (commands, _mf_session(demo_build, demo_build.database, list(commands.values()))),
        (hand_made, _mf_session(demo_build, copy, list(hand_made.values()))),
    ]
    runs: dict[str, MfRun] = {}
    try:
        for session_commands, process in sessions:
            output, _ = process.communicate(timeout=300)
            runs |= _runs(output, session_commands, root)
    finally:
        for _, process in sessions:
            process.kill()
    return runs


def _number(value: str) -> float | None:
    return None if value == "" else float(value)


def _by(rows: list[dict[str, str]], *keys: str) -> dict[tuple[str, ...], dict[str, str]]:
    return {tuple(row[key] for key in keys): row for row in rows}


def test_mf_validate_configs_passes_against_the_warehouse(mf_runs: dict[str, MfRun]) -> None:
    run = mf_runs["validate"]
    assert run.returncode == 0, run.output[-4000:]
    # semantic checks and the data warehouse checks (every measure and metric queried) ran
    assert "Successfully validated the semantics of built manifest" in run.output
    assert "Successfully validated metrics against data warehouse" in run.output


def test_candidates_and_average_scores_by_tier_equal_sql(
    demo_build: Build, mf_runs: dict[str, MfRun]
) -> None:
    expected = query(
        demo_build.database,
        "select score_tier, count(*), avg(total_score), avg(fit_score), avg(engagement_score) "
        "from scoring.candidate_scores group by score_tier",
    )
    actual = _by(mf_runs["candidates_by_tier"].rows(), "candidate__score_tier")
    assert set(actual) == {(tier,) for tier, *_ in expected} and len(expected) > 1
    for tier, candidates, total, fit, engagement in expected:
        row = actual[(tier,)]
        assert int(row["scored_candidates"]) == candidates
        assert _number(row["average_total_score"]) == pytest.approx(float(total), abs=1e-9)
        assert _number(row["average_fit_score"]) == pytest.approx(float(fit), abs=1e-9)
        assert _number(row["average_engagement_score"]) == pytest.approx(
            float(engagement), abs=1e-9
        )


def test_tier_and_hot_tier_candidates_per_day_equal_sql(
    demo_build: Build, mf_runs: dict[str, MfRun]
) -> None:
    expected = query(
        demo_build.database,
        "select as_of_date, score_tier, candidates from history.daily_tier_counts",
    )
    actual = _by(
        mf_runs["tier_candidates_per_day"].rows(),
        "metric_time__day",
        "daily_tier_count__score_tier",
    )
    assert len(actual) == len(expected) and any(tier == "hot" for _, tier, _ in expected)
    for as_of_date, tier, candidates in expected:
        row = actual[(f"{as_of_date.isoformat()} 00:00:00", tier)]
        assert int(row["tier_candidates"]) == candidates
        # the hot-tier metric is the hot row and nothing else
        assert _number(row["hot_tier_candidates"]) == (candidates if tier == "hot" else None)


def test_backtest_conversion_rates_equal_sql_and_the_headline_counts_one_set_and_outcome(
    demo_build: Build, mf_runs: dict[str, MfRun]
) -> None:
    weight_set = str(project_vars(demo_build.project_dir)["weight_set"])
    primary_outcome = backtest_outcomes(demo_build.project_dir)[0]
    expected = query(
        demo_build.database,
        "select weight_set, outcome, score_tier, candidates, conversions, "
        "cast(conversions as double) / candidates "
        "from evaluation.backtest_tier_performance",
    )
    actual = _by(
        mf_runs["backtest_conversion"].rows(),
        "backtest_tier__weight_set",
        "backtest_tier__outcome",
        "backtest_tier__score_tier",
    )
    assert len(actual) == len(expected) and len({row[1] for row in expected}) > 1
    for row_weight_set, outcome, tier, candidates, conversions, rate in expected:
        row = actual[(row_weight_set, outcome, tier)]
        assert int(row["backtest_prospects_per_weight_set_and_outcome"]) == candidates
        assert int(row["backtest_conversions_per_weight_set_and_outcome"]) == conversions
        assert _number(row["backtest_conversion_rate_per_weight_set_and_outcome"]) == (
            pytest.approx(rate, abs=1e-12)
        )
        # the headline (by tier) is the set in force on the primary outcome, nothing else
        headline = _number(row["backtest_conversion_rate"])
        if (row_weight_set, outcome) == (weight_set, primary_outcome):
            assert headline == pytest.approx(rate, abs=1e-12)
        else:
            assert headline is None


def test_a_month_takes_its_last_day_and_the_headline_rate_counts_each_prospect_once(
    mf_runs: dict[str, MfRun],
) -> None:
    months = {row["metric_time__month"][:10]: row for row in mf_runs["hand_made_per_month"].rows()}
    metrics = ("hot_tier_candidates", "tier_candidates", "backtest_conversion_rate")
    # January: its 31st, not the sum of the days (5 + 7 hot), all tiers on that day (7 + 20);
    # the backtest conversion 5 of 10, neither with the other outcome (14 of 20) nor with the
    # set not in force (9 of 50). February: 9 hot, and no backtest.
    assert [_number(months["2026-01-01"][metric]) for metric in metrics] == [7, 27, 0.5]
    assert [_number(months["2026-02-01"][metric]) for metric in metrics] == [9, 9, None]
