"""What happens to dirty raw extracts, case by case.

The row-level cases (tests/malformed_cases.py) are loaded together into one untyped extract,
every raw column VARCHAR as from CSV, each case with its own ids, and the project is built once
on it; each case's checks then run as a test of their own. No malformed value may stop the
build, and every raw row is either used or rejected with a reason.

Problems with the shape of the extract or of the seed files cannot share that build: each has
its own small build (a copy of the project, a database of its own, only the nodes it needs).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.helpers import AS_OF_VARS, DbtRun, copy_project, query, run_dbt
from tests.malformed_cases import CASES, RAW_COLUMNS, Case

STAGING_MODELS = {
    "candidates": "stg_recruitment__candidates",
    "engagement_events": "stg_recruitment__engagement_events",
    "placements": "stg_recruitment__placements",
    "recruiter_feedback": "stg_recruitment__recruiter_feedback",
}


def create_raw_extract(
    database: Path,
    cases: Sequence[Case] = (),
    columns: dict[str, tuple[str, ...]] = RAW_COLUMNS,
) -> None:
    """raw.candidates, raw.engagement_events, raw.placements and raw.recruiter_feedback with
    every column VARCHAR, holding the rows of the cases."""
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema if not exists raw")
        for table, table_columns in columns.items():
            column_list = ", ".join(f'"{name}" varchar' for name in table_columns)
            connection.execute(f"create table raw.{table} ({column_list})")
            rows = [
                tuple(row.get(name) for name in table_columns)
                for case in cases
                for row in case.rows[table]
            ]
            if rows:
                placeholders = ", ".join("?" for _ in table_columns)
                connection.executemany(f"insert into raw.{table} values ({placeholders})", rows)


@dataclass
class CorpusBuild:
    project_dir: Path
    database: Path
    run: DbtRun


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusBuild]:
    """Every case's raw rows in one extract, built once with `dbt build`."""
    root = tmp_path_factory.mktemp("malformed_corpus")
    project_dir = copy_project(root / "project")
    database = root / "warehouse.duckdb"
    create_raw_extract(database, CASES)
    run = run_dbt(project_dir, database, "build", "--vars", AS_OF_VARS, check=False)
    yield CorpusBuild(project_dir, database, run)


# --- the shared build -----------------------------------------------------------------------


def test_the_corpus_is_large_and_its_cases_do_not_share_ids() -> None:
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES), "case ids must be unique"

    def normalised(value: str | None, upper: bool = True) -> str | None:
        if value is None:
            return None
        cleaned = re.sub(r"[\s\u00a0\u2007\u202f]+", " ", value).strip() or None
        return cleaned.upper() if cleaned and upper else cleaned

    owners: dict[tuple[str, str], str] = {}
    for case in CASES:
        keys = {("candidate_id", normalised(row["candidate_id"])) for row in case.candidates}
        keys |= {("candidate_id", normalised(row["candidate_id"])) for row in case.events}
        keys |= {("candidate_id", normalised(row["candidate_id"])) for row in case.placements}
        keys |= {("candidate_id", normalised(row["candidate_id"])) for row in case.feedback}
        keys |= {("event_id", normalised(row["event_id"], upper=False)) for row in case.events}
        keys |= {("feedback_id", normalised(row["feedback_id"])) for row in case.feedback}
        for kind, key in keys:
            if key is None:
                continue
            owner = owners.setdefault((kind, key), case.id)
            assert owner == case.id, f"{kind} {key} is used by {owner} and {case.id}"


def test_no_malformed_value_stops_the_build(corpus_build: CorpusBuild) -> None:
    output = corpus_build.run.output
    assert corpus_build.run.returncode == 0, output[-6000:]
    summary = re.search(r"Done\. PASS=(\d+) WARN=(\d+) ERROR=(\d+) SKIP=(\d+)", output)
    assert summary, output[-2000:]
    passed, _, errored, skipped = map(int, summary.groups())
    assert passed > 100 and errored == 0 and skipped == 0, summary.group(0)
    # the corpus is mostly dirt: the warning on the rejected share fires, and only warns
    warned = re.search(r"WARN \d+ warn_when_a_raw_table_rejects_too_many_rows", output)
    assert warned, output[-6000:]


@pytest.mark.parametrize("table", list(RAW_COLUMNS))
def test_every_raw_row_is_used_or_rejected(corpus_build: CorpusBuild, table: str) -> None:
    loaded = sum(len(case.rows[table]) for case in CASES)
    [(raw, accepted, rejected, without_reason)] = query(
        corpus_build.database,
        f"""
        select
            (select count(*) from raw.{table}),
            (select count(*) from staging.{STAGING_MODELS[table]}),
            (select count(*) from data_quality.rejected_raw_rows where source_table = '{table}'),
            (select count(*) from data_quality.rejected_raw_rows
             where source_table = '{table}' and rejection_reason is null)
        """,
    )
    assert raw == loaded
    assert accepted > 0 and rejected > 0
    assert without_reason == 0
    assert raw == accepted + rejected
    reconciled = query(
        corpus_build.database,
        "select raw_rows, accepted_rows, rejected_rows from data_quality.raw_row_reconciliation "
        f"where source_table = '{table}'",
    )
    assert reconciled == [(raw, accepted, rejected)]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=case.bug)] if case.bug else [],
        )
        for case in CASES
    ],
)
def test_malformed_rows(corpus_build: CorpusBuild, case: Case) -> None:
    assert case.checks, "a case without checks proves nothing"
    failures = []
    with duckdb.connect(str(corpus_build.database), read_only=True) as connection:
        for check in case.checks:
            actual = connection.execute(check.sql, check.parameters).fetchall()
            if actual != check.expected:
                failures.append(
                    f"{' '.join(check.sql.split())}\n  parameters {check.parameters!r}\n"
                    f"  expected {check.expected!r}\n  actual   {actual!r}"
                )
    assert not failures, "\n\n".join(failures)


# --- builds of their own: the shape of the extract ------------------------------------------


def _project_and_database(tmp_path: Path) -> tuple[Path, Path]:
    return copy_project(tmp_path / "project"), tmp_path / "warehouse.duckdb"


def test_empty_extract_builds_to_empty_scores(tmp_path: Path) -> None:
    project_dir, database = _project_and_database(tmp_path)
    create_raw_extract(database)
    # unit tests read no raw table: left out to keep the build quick
    run_dbt(
        project_dir,
        database,
        "build",
        "--exclude",
        "resource_type:unit_test",
        "--vars",
        AS_OF_VARS,
    )
    [(scores, worklist)] = query(
        database,
        "select (select count(*) from scoring.candidate_scores),"
        " (select count(*) from scoring.recruiter_worklist)",
    )
    assert (scores, worklist) == (0, 0)
    reconciled = query(
        database,
        "select source_table, raw_rows, accepted_rows, rejected_rows, erased_rows "
        "from data_quality.raw_row_reconciliation order by source_table",
    )
    # every extract, and the optional erasure requests (no table: none)
    tables = sorted([*RAW_COLUMNS, "erasure_requests"])
    assert reconciled == [(table, 0, 0, 0, 0) for table in tables]


@pytest.mark.parametrize(
    ("columns", "succeeds", "expected"),
    [
        pytest.param(
            {
                **RAW_COLUMNS,
                "candidates": tuple(c for c in RAW_COLUMNS["candidates"] if c != "do_not_contact"),
            },
            False,
            "do_not_contact",
            id="candidates_without_do_not_contact",
        ),
        pytest.param(
            {
                **RAW_COLUMNS,
                "engagement_events": tuple(
                    c for c in RAW_COLUMNS["engagement_events"] if c != "occurred_at"
                ),
            },
            False,
            "occurred_at",
            id="events_without_occurred_at",
        ),
        pytest.param(
            {**RAW_COLUMNS, "candidates": (*RAW_COLUMNS["candidates"], "favourite_colour")},
            True,
            "favourite_colour",
            id="candidates_with_an_unknown_column",
        ),
    ],
)
def test_raw_table_shape(
    tmp_path: Path, columns: dict[str, tuple[str, ...]], succeeds: bool, expected: str
) -> None:
    project_dir, database = _project_and_database(tmp_path)
    create_raw_extract(database, columns=columns)
    with duckdb.connect(str(database)) as connection:
        for table, table_columns in columns.items():
            placeholders = ", ".join("?" for _ in table_columns)
            values = {
                "candidate_id": "SHAPE-1",
                "event_id": "ev-shape-1",
                "marketing_consent": "yes",
                "event_type": "info_request",
                "occurred_at": "2026-03-01",
                "favourite_colour": "teal",
            }
            connection.execute(
                f"insert into raw.{table} values ({placeholders})",
                [values.get(name) for name in table_columns],
            )
    run = run_dbt(
        project_dir,
        database,
        "build",
        "--select",
        "+stg_recruitment__candidates",
        "+stg_recruitment__engagement_events",
        "--indirect-selection",
        "cautious",
        "--vars",
        AS_OF_VARS,
        check=False,
    )
    if succeeds:
        assert run.returncode == 0, run.output[-3000:]
        staged = query(
            database,
            "select column_name from information_schema.columns "
            "where table_schema = 'staging' and table_name = 'stg_recruitment__candidates'",
        )
        assert (expected,) not in staged and ("candidate_id",) in staged
        assert query(database, "select candidate_id from staging.stg_recruitment__candidates") == [
            ("SHAPE-1",)
        ]
    else:
        assert run.returncode != 0
        # DuckDB names the column: 'Referenced column "x" not found', or for a qualified
        # reference 'Values list "source" does not have a column named "x"'
        named = re.search(f'Binder Error: [^\\n]*column[^\\n]*"{expected}"', run.output)
        assert named, run.output[-3000:]


# --- builds of their own: seed files --------------------------------------------------------


def _replace_line(seed_text: str, old: str, new: str) -> str:
    assert old in seed_text, old
    return seed_text.replace(old, new, 1)


def _line_number(seed_text: str, start: str) -> int:
    return next(
        number
        for number, line in enumerate(seed_text.splitlines(), start=1)
        if line.startswith(start)
    )


SOFTWARE_ROW = "default,industry,software,,,8,,Our main client industry"


@pytest.mark.parametrize(
    ("seed", "edit", "message"),
    [
        pytest.param(
            "score_tiers.csv",
            lambda text: "",
            lambda text: "seeds/score_tiers.csv is empty",
            id="empty_score_tiers",
        ),
        pytest.param(
            "score_tiers.csv",
            lambda text: "\ufeff" + text,
            lambda text: "seeds/score_tiers.csv starts with a UTF-8 byte-order mark",
            id="byte_order_mark",
        ),
        pytest.param(
            "attribute_points.csv",
            lambda text: _replace_line(text, ",points,", ",pts,"),
            lambda text: (
                "seeds/attribute_points.csv line 1 (the header): missing column(s) points; "
                "unknown column(s) pts;"
            ),
            id="renamed_header_column",
        ),
        pytest.param(
            "attribute_points.csv",
            lambda text: _replace_line(text, SOFTWARE_ROW, SOFTWARE_ROW.replace(",8,", ",eight,")),
            lambda text: (
                f"seeds/attribute_points.csv line {_line_number(text, 'default,industry,software')}"
                ", column points: 'eight' is not a decimal(12, 2)"
            ),
            id="points_spelled_out",
        ),
        pytest.param(
            "attribute_points.csv",
            lambda text: text.rstrip("\n")[:-6],
            lambda text: "seeds/attribute_points.csv does not end with a line break",
            id="file_cut_short",
        ),
        pytest.param(
            "attribute_points.csv",
            lambda text: _replace_line(text, SOFTWARE_ROW, "default,industry,software,8"),
            lambda text: (
                "seeds/attribute_points.csv line "
                f"{_line_number(text, 'default,industry,software')}: Expected Number of Columns"
            ),
            id="line_with_too_few_fields",
        ),
        pytest.param(
            "event_points.csv",
            lambda text: _replace_line(text, ",2,30,3,8,", ",2,thirty,3,8,"),
            lambda text: (
                f"seeds/event_points.csv line {_line_number(text, 'default,job_offer_email_click')}"
                ", column half_life_days: 'thirty' is not a integer"
            ),
            id="half_life_not_an_integer",
        ),
        pytest.param(
            "attribute_points.csv",
            lambda text: _replace_line(
                text, SOFTWARE_ROW, SOFTWARE_ROW.replace("Our main client industry", "None")
            ),
            lambda text: (
                f"seeds/attribute_points.csv line {_line_number(text, 'default,industry,software')}"
                ", column rationale: 'None' is not a value a seed may hold"
            ),
            id="none_as_a_cell",
        ),
        pytest.param(
            "attribute_points.csv",
            lambda text: text + "default,industry,SOFTWARE,,,3,,the same rule in upper case\n",
            lambda text: (
                f"seeds/attribute_points.csv lines {_line_number(text, SOFTWARE_ROW)} and "
                f"{len(text.splitlines()) + 1}: the same rule twice (default, industry, software)"
            ),
            id="duplicate_rule_row",
        ),
        pytest.param(
            "event_points.csv",
            lambda text: text.splitlines()[0] + "\n",
            lambda text: "seeds/event_points.csv has its header and no row",
            id="header_only_event_points",
        ),
        pytest.param(
            "score_tiers.csv",
            lambda text: text + "challenger,hot,100,false,true,1,0.05,0.25,Call\n",
            lambda text: (
                f"seeds/score_tiers.csv line {len(text.splitlines()) + 1}: weight set "
                "'challenger' has no row in seeds/attribute_points.csv"
            ),
            id="weight_set_without_attribute_rows",
        ),
    ],
)
def test_seed_file_problem_stops_the_run_naming_it(
    tmp_path: Path,
    seed: str,
    edit: Callable[[str], str],
    message: Callable[[str], str],
) -> None:
    project_dir, database = _project_and_database(tmp_path)
    path = project_dir / "seeds" / seed
    original = path.read_text()
    path.write_text(edit(original))
    run = run_dbt(project_dir, database, "seed", check=False)
    assert run.returncode != 0
    flat = " ".join(run.output.split())
    assert message(original) in flat, run.output[-3000:]


def test_misspelt_criterion_in_attribute_points_stops_the_run_naming_it(tmp_path: Path) -> None:
    project_dir, database = _project_and_database(tmp_path)
    path = project_dir / "seeds" / "attribute_points.csv"
    original = path.read_text()
    path.write_text(
        _replace_line(original, "default,seniority,senior,,,15,", "default,senority,senior,,,15,")
    )
    run = run_dbt(project_dir, database, "build", "--vars", AS_OF_VARS, check=False)
    assert run.returncode != 0
    # before any model is rebuilt: the seed tests would only say "Got 1 result"
    flat = " ".join(run.output.split())
    line = _line_number(original, "default,seniority,senior,")
    assert (
        f"seeds/attribute_points.csv line {line}, column criterion: 'senority' is not a "
        "criterion of vars.scoring_criteria (attribute criteria: seniority, experience"
    ) in flat
    assert "START sql" not in run.output and "START seed" not in run.output
