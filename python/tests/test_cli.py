"""The tooling's command line: the summary of a build and the warnings of the last dbt run,
the generator's refusal to replace a user's raw tables, and `make demo`'s own warehouse.
The Great Expectations checks are in test_quality_checks.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from candidate_scoring.cli import main
from candidate_scoring.demo_data.generator import DEMO_TABLE_MARK
from tests.helpers import PROJECT_DIR, Build, copy_project, query, run_dbt


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


def test_summary_counts_rejected_rows_nulled_values_and_unscored_events(
    demo_build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database", str(demo_build.database), "summary"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for table, raw, accepted, rejected, erased in query(
        demo_build.database,
        "select source_table, raw_rows, accepted_rows, rejected_rows, erased_rows "
        "from data_quality.raw_row_reconciliation",
    ):
        [line] = [line for line in lines if line.split()[:1] == [table]]
        assert line.split()[1:] == [
            f"{raw:,}",
            "=",
            f"{accepted:,}",
            "+",
            f"{rejected:,}",
            "+",
            f"{erased:,}",
        ]
    [(nulled,)] = query(
        demo_build.database, "select count(*) from data_quality.rejected_raw_values"
    )
    [(unscored,)] = query(
        demo_build.database, "select sum(event_count) from data_quality.unscored_event_types"
    )
    assert nulled and unscored  # the demo data has both kinds of dirt
    [nulled_line] = [line for line in lines if line.startswith("Values set to NULL")]
    assert nulled_line.endswith(f": {nulled:,}")
    [unscored_line] = [line for line in lines if line.startswith("Events of types")]
    assert unscored_line.endswith(f": {unscored:,}")


def test_summary_of_a_missing_database_says_what_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database", str(tmp_path / "nothing.duckdb"), "summary"]) == 1
    assert "make demo" in capsys.readouterr().err


@pytest.fixture(scope="module")
def warned_build(demo_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """A copy of the demo warehouse whose last dbt invocation (the warning tests, with a
    rejected-row share no raw table meets) ended with warnings."""
    root = tmp_path_factory.mktemp("warned")
    project_dir = copy_project(root / "project")
    database = root / "warned.duckdb"
    shutil.copy(demo_build.database, database)
    run = run_dbt(
        project_dir,
        database,
        "test",
        "--select",
        "tests/warnings",
        "--vars",
        "{max_rejected_row_share: 0.0}",
    )
    yield Build(project_dir, database, run.output)


def _run_results(build: Build) -> Path:
    return build.project_dir / "target" / "run_results.json"


def test_summary_prints_every_warning_of_the_last_dbt_run(
    warned_build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    results = json.loads(_run_results(warned_build).read_text())["results"]
    warned = [r for r in results if r["status"] == "warn"]
    names = {r["unique_id"].split(".")[2] for r in warned}
    assert "warn_when_a_raw_table_rejects_too_many_rows" in names  # dbt did warn

    database = str(warned_build.database)
    assert (
        main(["--database", database, "summary", "--run-results", str(_run_results(warned_build))])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"dbt warnings ({len(warned)})") for line in lines)
    for result in warned:
        name = result["unique_id"].split(".")[2]
        [line] = [line for line in lines if line.strip().startswith(name)]
        assert f"[{result['failures']:,} failing rows]" in line
        assert line.endswith(result["message"])
    assert "no warnings" not in "\n".join(lines)


def test_summary_says_no_warnings_when_the_last_run_had_none(
    warned_build: Build, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(_run_results(warned_build).read_text())
    for result in data["results"]:
        result["status"] = "pass" if result["status"] == "warn" else result["status"]
    # beside a copy of the manifest of the same invocation, which names the database
    for name in ("run_results.json", "manifest.json"):
        shutil.copy(warned_build.project_dir / "target" / name, tmp_path / name)
    (tmp_path / "run_results.json").write_text(json.dumps(data))
    database = str(warned_build.database)
    assert (
        main(
            ["--database", database, "summary", "--run-results", str(tmp_path / "run_results.json")]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "dbt warnings: no warnings in the last dbt invocation" in printed
    assert "warn_when_a_raw_table_rejects_too_many_rows" not in printed


def test_summary_says_when_the_run_results_are_absent_or_of_another_database(
    demo_build: Build, warned_build: Build, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(demo_build.database)
    missing = tmp_path / "run_results.json"
    assert main(["--database", database, "summary", "--run-results", str(missing)]) == 0
    assert f"no dbt run results at {missing}" in capsys.readouterr().out

    # the warnings of the run against warned.duckdb are not this database's
    other = str(_run_results(warned_build))
    assert main(["--database", database, "summary", "--run-results", other]) == 0
    printed = capsys.readouterr().out
    assert "against database warned, not this one (warehouse)" in printed
    assert "warn_when_a_raw_table_rejects_too_many_rows" not in printed


# --- generate: never replaces a table it did not write ----------------------------------------

SMALL = ["--candidates", "50", "--events", "300", "--end-date", "2026-11-28"]


def test_generate_refuses_to_replace_a_users_raw_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "mine.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema raw")
        connection.execute("create table raw.candidates as select 'my-1' as candidate_id")
    assert main(["--database", str(database), "generate", *SMALL]) == 1
    err = capsys.readouterr().err
    assert str(database) in err and "raw.candidates" in err and "--force" in err
    assert query(database, "select * from raw.candidates") == [("my-1",)]
    assert query(
        database, "select table_name from information_schema.tables where table_schema = 'raw'"
    ) == [("candidates",)]  # nothing written

    assert main(["--database", str(database), "generate", *SMALL, "--force"]) == 0
    [(rows, comment)] = query(
        database,
        "select (select count(*) from raw.candidates), comment from duckdb_tables() "
        "where schema_name = 'raw' and table_name = 'candidates'",
    )
    assert rows >= 50 and comment.startswith(DEMO_TABLE_MARK)


def test_generate_replaces_the_tables_it_wrote_and_a_user_table_beside_them_stops_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "demo.duckdb"
    assert main(["--database", str(database), "generate", *SMALL]) == 0
    assert main(["--database", str(database), "generate", *SMALL]) == 0
    assert main(["--database", str(database), "generate", *SMALL, "--events", "3000"]) == 0
    [(events,)] = query(database, "select count(*) from raw.engagement_events")
    assert events >= 3000  # replaced: the first runs wrote about 300
    capsys.readouterr()

    # the user replaces one demo table with their own: it loses the mark and is kept
    with duckdb.connect(str(database)) as connection:
        connection.execute("create or replace table raw.placements as select 1 as job_id")
    assert main(["--database", str(database), "generate", *SMALL]) == 1
    assert "raw.placements" in capsys.readouterr().err
    assert query(database, "select * from raw.placements") == [(1,)]


# --- make demo: its own warehouse ----------------------------------------------------------


def test_make_demo_uses_its_own_warehouse_and_the_other_targets_yours(tmp_path: Path) -> None:
    """The Makefile with stand-ins for the venv's commands, which log the database they get."""
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy(PROJECT_DIR / name, tmp_path / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    for command in ("candidate-scoring", "dbt"):
        script = bin_dir / command
        script.write_text(
            "#!/bin/sh\n"
            f'echo "{command} $1 $CANDIDATE_SCORING_DUCKDB_PATH" >> {log}\n'
            # generate creates the file, as the real command does
            f'[ "$1" = generate ] && touch "$CANDIDATE_SCORING_DUCKDB_PATH"\n'
            "exit 0\n"
        )
        script.chmod(0o755)
    (bin_dir / ".installed").touch()  # newer than the requirements: no install
    environment = {**os.environ, "CANDIDATE_SCORING_DUCKDB_PATH": "mine/warehouse.duckdb"}

    def make(*targets: str) -> list[str]:
        log.write_text("")
        subprocess.run(
            ["make", "--no-print-directory", f"BIN={bin_dir}", *targets],
            cwd=tmp_path,
            env=environment,
            check=True,
            capture_output=True,
        )
        return log.read_text().splitlines()

    assert make("demo") == [
        "candidate-scoring generate data/demo.duckdb",
        "candidate-scoring run data/demo.duckdb",
        "candidate-scoring summary data/demo.duckdb",
    ]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "warehouse.duckdb").touch()
    assert make("run", "build", "check", "summary") == [
        "candidate-scoring run mine/warehouse.duckdb",
        "dbt build mine/warehouse.duckdb",
        "candidate-scoring check mine/warehouse.duckdb",
        "candidate-scoring summary mine/warehouse.duckdb",
    ]
    del environment["CANDIDATE_SCORING_DUCKDB_PATH"]
    (tmp_path / "data" / "candidate_scoring.duckdb").touch()
    assert make("build") == ["dbt build data/candidate_scoring.duckdb"]
