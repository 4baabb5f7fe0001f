"""Scoring policy is data: a seed or YAML change moves exactly the scores it should, and a new
criterion or event type needs seed rows and configuration only, no SQL. A weight set that does
not fit the candidates (matches few of their values, or puts almost all in one tier) warns."""

from __future__ import annotations

import csv
import filecmp
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from candidate_scoring.cli import main
from tests.helpers import AS_OF_VARS, PROJECT_DIR, TODAY, Build, copy_project, query, run_dbt

CLI = Path(sys.executable).parent / "candidate-scoring"
FEW_VALUES_MATCHED = "warn_when_the_weight_set_matches_few_candidate_values"
ONE_TIER = "warn_when_one_tier_holds_almost_every_candidate"


def _edit_csv(path: Path, edit) -> None:
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows = edit(rows)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _rebuild_copy(demo_build: Build, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the built demo database and of the project, to change and build again."""
    database = tmp_path / "warehouse.duckdb"
    shutil.copy(demo_build.database, database)
    return copy_project(tmp_path / "project"), database


def test_changing_one_weight_changes_exactly_the_scores_it_should(
    demo_build: Build, tmp_path: Path
) -> None:
    project_dir, database = _rebuild_copy(demo_build, tmp_path)

    def raise_software(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for row in rows:
            if row["criterion"] == "industry" and row["match_value"] == "software":
                assert row["points"] == "8"
                row["points"] = "11"
        return rows

    _edit_csv(project_dir / "seeds" / "attribute_points.csv", raise_software)
    run_dbt(project_dir, database, "build", "--vars", AS_OF_VARS)

    with duckdb.connect() as connection:
        connection.execute(f"attach '{demo_build.database}' as before (read_only)")
        connection.execute(f"attach '{database}' as after (read_only)")
        columns = [
            name
            for (name,) in connection.execute(
                "select column_name from information_schema.columns "
                "where table_catalog = 'before' and table_name = 'candidate_scores' "
                "order by ordinal_position"
            ).fetchall()
        ]
        differences = ", ".join(
            f"case when a.{name} is not distinct from b.{name} then null else '{name}' end"
            for name in columns
        )
        changed = connection.execute(
            f"""
            select
                b.candidate_id,
                c.industry,
                a.industry_points - b.industry_points,
                a.total_score - b.total_score,
                a.fit_score - b.fit_score,
                list_filter([{differences}], lambda x: x is not null) as changed_columns
            from before.scoring.candidate_scores as b
            join after.scoring.candidate_scores as a using (candidate_id)
            join before.staging.stg_recruitment__candidates as c using (candidate_id)
            """
        ).fetchall()
        changed = [row for row in changed if row[5] or row[1] == "software"]
        [(before_count, after_count)] = connection.execute(
            "select (select count(*) from before.scoring.candidate_scores),"
            " (select count(*) from after.scoring.candidate_scores)"
        ).fetchall()

    assert before_count == after_count
    software = [row for row in changed if row[1] == "software"]
    assert software, "the demo data has software candidates"
    # every software candidate gains exactly 3 industry points, 3 fit and 3 total ...
    assert {(row[2], row[3], row[4]) for row in software} == {(3, 3, 3)}
    # ... and nothing else changes for anyone, but their tier where the 3 points cross a bound
    allowed = {
        "industry_points",
        "fit_score",
        "total_score",
        "score_tier",
        "tier_priority",
        "recommended_action",
    }
    for row in changed:
        assert row[1] == "software", row
        assert set(row[5]) <= allowed, row


def _add_criterion(project_dir: Path, entry: dict, contract_column: dict) -> None:
    project_file = project_dir / "dbt_project.yml"
    project = yaml.safe_load(project_file.read_text())
    project["vars"]["scoring_criteria"].append(entry)
    project_file.write_text(yaml.safe_dump(project, sort_keys=False))

    models_file = project_dir / "models" / "marts" / "scoring" / "_scoring__models.yml"
    models = yaml.safe_load(models_file.read_text())
    scores = next(model for model in models["models"] if model["name"] == "candidate_scores")
    position = next(
        index for index, column in enumerate(scores["columns"]) if column["name"] == "fit_score"
    )
    scores["columns"].insert(position, contract_column)
    models_file.write_text(yaml.safe_dump(models, sort_keys=False))


def test_new_attribute_criterion_and_event_type_need_no_sql(
    demo_build: Build, tmp_path: Path
) -> None:
    project_dir, database = _rebuild_copy(demo_build, tmp_path)

    # the ATS extract gains a column, and a new kind of event starts arriving
    with duckdb.connect(str(database)) as connection:
        connection.execute("alter table raw.candidates add column education_level varchar")
        # a number as text the way a spreadsheet writes it: padded, with a thousands separator
        connection.execute("alter table raw.candidates add column notice_period_days varchar")
        connection.execute(
            """
            update raw.candidates set notice_period_days =
                case hash(candidate_id) % 3 when 0 then ' 14 ' when 1 then '1,095' end
            """
        )
        connection.execute(
            """
            update raw.candidates set education_level =
                case hash(candidate_id) % 3 when 0 then ' Master ' when 1 then 'PhD' end
            """
        )
        connection.execute(
            """
            insert into raw.engagement_events
            select 'R' || candidate_id, candidate_id, 'Referral_Submitted',
                   current_date - interval 3 day, null, 'web'
            from raw.candidates
            where candidate_id is not null and hash(candidate_id) % 10 = 0
            group by candidate_id
            """
        )

    # configuration: the new column, two criteria, their contract columns
    project_file = project_dir / "dbt_project.yml"
    project = yaml.safe_load(project_file.read_text())
    project["vars"]["extra_candidate_columns"] = [
        {"name": "education_level"},
        {"name": "notice_period_days", "type": "number"},
    ]
    project_file.write_text(yaml.safe_dump(project, sort_keys=False))
    _add_criterion(
        project_dir,
        {
            "name": "education",
            "family": "demographic",
            "source": "attribute",
            "column": "education_level",
            "match": "value",
        },
        {
            "name": "education_points",
            "data_type": "decimal(12, 2)",
            "description": "Demographic points for the highest degree.",
        },
    )
    _add_criterion(
        project_dir,
        {
            "name": "notice_period",
            "family": "demographic",
            "source": "attribute",
            "column": "notice_period_days",
            "match": "band",
        },
        {
            "name": "notice_period_points",
            "data_type": "decimal(12, 2)",
            "description": "Demographic points for a short notice period.",
        },
    )
    _add_criterion(
        project_dir,
        {"name": "referrals", "family": "intent", "source": "event"},
        {
            "name": "referrals_points",
            "data_type": "decimal(12, 2)",
            "description": "Intent points for referrals submitted by the candidate.",
        },
    )
    # data: the weights
    _edit_csv(
        project_dir / "seeds" / "attribute_points.csv",
        lambda rows: (
            rows
            + [
                {
                    **dict.fromkeys(rows[0], ""),
                    "weight_set": "default",
                    "criterion": "education",
                    "match_value": "master",
                    "points": "6",
                    "rationale": "test",
                },
                {
                    **dict.fromkeys(rows[0], ""),
                    "weight_set": "default",
                    "criterion": "education",
                    "match_value": "phd",
                    "points": "4",
                    "rationale": "test",
                },
                {
                    **dict.fromkeys(rows[0], ""),
                    "weight_set": "default",
                    "criterion": "notice_period",
                    "band_min": "0",
                    "band_max": "31",
                    "points": "5",
                    "rationale": "test",
                },
                # a value no candidate has: the points are given to nobody (a warning)
                {
                    **dict.fromkeys(rows[0], ""),
                    "weight_set": "default",
                    "criterion": "education",
                    "match_value": "bachelor",
                    "points": "3",
                    "rationale": "test",
                },
            ]
        ),
    )
    _edit_csv(
        project_dir / "seeds" / "event_points.csv",
        lambda rows: (
            rows
            + [
                {
                    **dict.fromkeys(rows[0], ""),
                    "weight_set": "default",
                    "event_type": "referral_submitted",
                    "criterion": "referrals",
                    "points_per_event": "12",
                    "half_life_days": "",
                    "max_events_per_day": "1",
                    "criterion_points_cap": "24",
                    "rationale": "test",
                },
                # a type no event has (yet): a warning, like the value nobody has
                {
                    **dict.fromkeys(rows[0], ""),
                    "weight_set": "default",
                    "event_type": "referral_hired",
                    "criterion": "referrals",
                    "points_per_event": "30",
                    "half_life_days": "",
                    "max_events_per_day": "1",
                    "criterion_points_cap": "24",
                    "rationale": "test",
                },
            ]
        ),
    )

    run = run_dbt(project_dir, database, "build", "--vars", AS_OF_VARS)
    # the two rows nobody matches, and no other: referral_submitted has events
    warned = re.search(r"WARN 2 warn_when_a_weight_row_matches_no_candidate", run.output)
    assert warned, run.output[-3000:]
    assert re.search(r"Done\. PASS=\d+ WARN=1 ERROR=0", run.output), run.output[-2000:]

    # no SQL file differs from the repository's
    for folder in ("models", "macros", "tests"):
        comparison = filecmp.dircmp(PROJECT_DIR / folder, project_dir / folder)
        stack = [comparison]
        while stack:
            current = stack.pop()
            assert not [name for name in current.diff_files if name.endswith(".sql")]
            stack.extend(current.subdirs.values())

    education = dict(
        query(
            database,
            """
            select raw_edu, list_distinct(list(education_points))
            from (
                select lower(trim(r.education_level)) as raw_edu, s.education_points
                from scoring.candidate_scores as s
                join raw.candidates as r using (candidate_id)
            )
            group by raw_edu
            """,
        )
    )
    notice = dict(
        query(
            database,
            """
            select trim(r.notice_period_days), list_distinct(list(s.notice_period_points))
            from scoring.candidate_scores as s
            join raw.candidates as r using (candidate_id)
            group by all
            """,
        )
    )
    # ' 14 ' falls in [0, 31); '1,095' is 1095 days, a number, but in no band; no value is 0
    assert notice == {"14": [5], "1,095": [0], None: [0]}
    assert education["master"] == [6]
    assert education["phd"] == [4]
    assert education[None] == [0]

    [(referred, scored, unscored)] = query(
        database,
        """
        select
            (select count(*) from raw.engagement_events where event_id like 'R%'),
            (select count(*) from scoring.candidate_scores where referrals_points = 12),
            (select count(*) from data_quality.unscored_event_types
             where event_type = 'referral_submitted')
        """,
    )
    assert referred > 0
    assert unscored == 0
    # every referred candidate that was accepted scores the referral, undecayed
    [(accepted_referred,)] = query(
        database,
        "select count(*) from staging.stg_recruitment__engagement_events "
        "where event_type = 'referral_submitted'",
    )
    assert scored == accepted_referred > 0


@pytest.mark.parametrize(
    ("seed", "edit", "problem"),
    [
        (
            "attribute_points.csv",
            lambda rows: (
                rows
                + [
                    {
                        **dict.fromkeys(rows[0], ""),
                        "weight_set": "default",
                        "criterion": "experience",
                        "band_min": "8",
                        "band_max": "12",
                        "points": "1",
                    }
                ]
            ),
            # stopped before the run, naming both lines (the seed test would say "Got 1 result")
            "seeds/attribute_points.csv lines 10 and 50: two bands that overlap "
            "(default, experience: [5, 10) and [8, 12))",
        ),
        (
            "score_tiers.csv",
            lambda rows: [row for row in rows if row["tier"] != "cold"],
            "FAIL 1 assert_score_tiers_cover_every_score",
        ),
        (
            "event_points.csv",
            lambda rows: (
                rows + [{**rows[0], "event_type": "podcast_listen", "criterion": "podcasts"}]
            ),
            "seeds/event_points.csv line 14, column criterion: 'podcasts' is not a criterion "
            "of vars.scoring_criteria",
        ),
    ],
    ids=["overlapping_bands", "tier_gap", "unknown_criterion"],
)
def test_an_invalid_seed_fails_the_build_naming_the_problem(
    demo_build: Build, tmp_path: Path, seed: str, edit, problem: str
) -> None:
    project_dir = copy_project(tmp_path / "project")
    database = tmp_path / "warehouse.duckdb"
    shutil.copy(demo_build.database, database)
    _edit_csv(project_dir / "seeds" / seed, edit)
    run = run_dbt(
        project_dir,
        database,
        "build",
        "--select",
        "resource_type:seed",
        "int_scoring_criteria_configured",
        "--vars",
        AS_OF_VARS,
        check=False,
    )
    assert run.returncode != 0
    assert problem in " ".join(run.output.split()), run.output[-3000:]


def test_a_weight_that_is_not_a_number_is_reported_with_file_line_and_value(
    tmp_path: Path,
) -> None:
    project_dir = copy_project(tmp_path / "project")

    def spell_out(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for row in rows:
            if row["criterion"] == "industry" and row["match_value"] == "software":
                row["points"] = "eight"
        return rows

    _edit_csv(project_dir / "seeds" / "attribute_points.csv", spell_out)
    run = run_dbt(
        project_dir,
        tmp_path / "warehouse.duckdb",
        "seed",
        "--select",
        "attribute_points",
        check=False,
    )
    assert run.returncode != 0
    assert "seeds/attribute_points.csv line 35, column points: 'eight' is not a decimal(12, 2)" in (
        run.output
    )


def test_a_second_weight_set_with_its_own_tier_names_builds_and_scores_by_its_weights(
    demo_build: Build, tmp_path: Path
) -> None:
    """Tier names live only in the seed, and the weight set in force is chosen by one var: a
    challenger set that renames every tier and doubles one weight builds with no other change."""
    project_dir, database = _rebuild_copy(demo_build, tmp_path)
    renamed = {"hot": "call_now", "warm": "nurture", "cold": "newsletter", "disqualified": "never"}

    def add_challenger_weights(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        challenger = [{**row, "weight_set": "challenger"} for row in rows]
        for row in challenger:
            if row["criterion"] == "industry" and row["match_value"] == "software":
                row["points"] = "16"
        return rows + challenger

    def add_challenger_tiers(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return rows + [
            {**row, "weight_set": "challenger", "tier": renamed[row["tier"]]} for row in rows
        ]

    _edit_csv(project_dir / "seeds" / "attribute_points.csv", add_challenger_weights)
    _edit_csv(
        project_dir / "seeds" / "event_points.csv",
        lambda rows: rows + [{**row, "weight_set": "challenger"} for row in rows],
    )
    _edit_csv(project_dir / "seeds" / "score_tiers.csv", add_challenger_tiers)
    run_dbt(
        project_dir,
        database,
        "build",
        "--vars",
        f"{{as_of_date: '{TODAY.isoformat()}', weight_set: challenger}}",
    )

    with duckdb.connect() as connection:
        connection.execute(f"attach '{demo_build.database}' as before (read_only)")
        connection.execute(f"attach '{database}' as after (read_only)")
        tiers = dict(
            connection.execute(
                """
                select b.score_tier, list_distinct(list(a.score_tier))
                from before.scoring.candidate_scores as b
                join after.scoring.candidate_scores as a using (candidate_id)
                where b.industry_points != 8
                group by b.score_tier
                """
            ).fetchall()
        )
        [(weight_sets, software_gain, others_changed, worklist_tiers)] = connection.execute(
            """
            select
                (select list_distinct(list(weight_set)) from after.scoring.candidate_scores),
                (select list_distinct(list(a.total_score - b.total_score))
                 from before.scoring.candidate_scores as b
                 join after.scoring.candidate_scores as a using (candidate_id)
                 where b.industry_points = 8),
                (select count(*)
                 from before.scoring.candidate_scores as b
                 join after.scoring.candidate_scores as a using (candidate_id)
                 where b.industry_points != 8 and a.total_score != b.total_score),
                (select list_distinct(list(score_tier)) from after.scoring.recruiter_worklist)
            """
        ).fetchall()

    assert weight_sets == ["challenger"]
    # software candidates gain the 8 extra points; nobody else's score moves ...
    assert software_gain == [8]
    assert others_changed == 0
    # ... and everyone else keeps their tier, under its challenger name
    assert {tier: sorted(names) for tier, names in tiers.items()} == {
        tier: [name] for tier, name in renamed.items()
    }
    assert worklist_tiers == ["call_now"]


def test_a_weight_set_without_the_unsubscribe_row_still_disqualifies_and_warns(
    demo_build: Build, tmp_path: Path
) -> None:
    """Consent does not depend on weights: a set without the unsubscribe row gives no opt-out
    points, yet every unsubscribed candidate stays disqualified. A set may leave a criterion out
    (it scores 0 there): the build goes on, with a warning that names the criterion."""
    project_dir, database = _rebuild_copy(demo_build, tmp_path)
    _edit_csv(
        project_dir / "seeds" / "event_points.csv",
        lambda rows: [row for row in rows if row["event_type"] != "unsubscribe"],
    )
    run = run_dbt(project_dir, database, "build", "--vars", AS_OF_VARS)
    assert "has no weight rows for criteria opt_outs: they score 0 for every candidate" in (
        run.output
    )
    assert re.search(r"Done\. PASS=\d+ WARN=1 ERROR=0", run.output), run.output[-2000:]

    with duckdb.connect() as connection:
        connection.execute(f"attach '{demo_build.database}' as before (read_only)")
        connection.execute(f"attach '{database}' as after (read_only)")
        [(unsubscribed, still_disqualified, opt_out_points)] = connection.execute(
            """
            select
                count(*),
                count(*) filter (
                    where a.is_disqualified and a.disqualification_reasons like '%unsubscribe%'
                ),
                sum(abs(a.opt_outs_points))
            from before.scoring.candidate_scores as b
            join after.scoring.candidate_scores as a using (candidate_id)
            where b.disqualification_reasons like '%unsubscribe%'
            """
        ).fetchall()
    assert unsubscribed > 0
    assert still_disqualified == unsubscribed
    assert opt_out_points == 0


def test_the_demo_weight_set_fits_its_candidates_without_a_warning(demo_build: Build) -> None:
    """On the demo data the default set matches most values of every criterion it weighs (the
    fewest: skills, about 83%) and no tier holds more than about 55% of the contactable."""
    for name in (FEW_VALUES_MATCHED, ONE_TIER):
        assert re.search(rf"PASS {name} ", demo_build.output), name


def _match_nothing_but_seniority(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The default set as if written for another extract: seniority still matches, every
    other value and list row names a value nobody has, every band lies below zero."""
    bands: dict[str, int] = {}
    for row in rows:
        if row["weight_set"] != "default" or row["criterion"] == "seniority":
            continue
        if row["match_value"]:
            row["match_value"] = f"not in this extract: {row['match_value']}"
        else:
            bands[row["criterion"]] = index = bands.get(row["criterion"], 0) + 1
            row["band_min"], row["band_max"] = str(-index - 1), str(-index)
    return rows


def _everyone_not_disqualified_hot(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Bounds every score reaches, and no expected shares: the checks bound no tier's share."""
    bounds = {"hot": "-1000", "warm": "-2000"}
    for row in rows:
        if row["weight_set"] == "default" and row["tier"] != "disqualified":
            row["lower_bound"] = bounds.get(row["tier"], "")
            row["expected_share_min"] = row["expected_share_max"] = ""
    return rows


def test_a_weight_set_that_fits_few_candidates_warns_and_the_night_exits_3(
    demo_build: Build, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's case: a weight set that matches almost nothing builds green. The night
    publishes, exits 3 and names, in dbt's output, each criterion matched below the share with
    its numbers and the share over every criterion, and the tier holding everyone; the run
    record and the summary list both warnings."""
    project_dir, database = _rebuild_copy(demo_build, tmp_path)
    _edit_csv(project_dir / "seeds" / "attribute_points.csv", _match_nothing_but_seniority)
    _edit_csv(project_dir / "seeds" / "score_tiers.csv", _everyone_not_disqualified_hot)
    completed = subprocess.run(
        [
            str(CLI),
            "--database",
            str(database),
            "run",
            "--as-of-date",
            TODAY.isoformat(),
            "--project-dir",
            str(project_dir),
            "--published-database",
            str(tmp_path / "published.duckdb"),
            "--export-dir",
            str(tmp_path / "exports"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    output = completed.stdout + completed.stderr
    record = json.loads((tmp_path / "warehouse_runs" / "latest.json").read_text())
    assert (completed.returncode, record["status"], record["exit_code"]) == (
        3,
        "warnings",
        3,
    ), output[-4000:]
    assert {
        f"{FEW_VALUES_MATCHED}: Got 5 results, configured to warn if != 0",
        f"{ONE_TIER}: Got 1 result, configured to warn if != 0",
    } <= set(record["warnings"]), record["warnings"]

    # the numbers, from staging's latest versions and the published scores: every value of
    # the five renamed criteria is unmatched; seniority (never empty) matches all but a few
    [values] = query(
        database,
        """
        select
            count(company_revenue), count(company_size), count(years_experience),
            count(industry), count(skills), count(*)
        from staging.stg_recruitment__candidates
        """,
    )
    *criterion_values, candidates = values
    [(seniority_matched, contactable)] = query(
        database,
        "select count(*) filter (where seniority_points != 0),"
        " count(*) filter (where not is_disqualified) from scoring.candidate_scores",
    )
    assert 0 < seniority_matched <= candidates and 0 < contactable < candidates
    criteria = ("company_revenue", "company_size", "experience", "industry", "skills")
    unmatched = ", ".join(
        f"{criterion} 0.0% (0 of {count})"
        for criterion, count in zip(criteria, criterion_values, strict=True)
    )
    overall = seniority_matched / (candidates + sum(criterion_values))
    assert re.search(rf"WARN 5 {FEW_VALUES_MATCHED} ", output), output[-4000:]
    assert (
        "weight set default matches less than 50.0% (var weight_set_coverage."
        f"min_matched_value_share) of the candidates' values of {unmatched}; {overall:.1%} of "
        "their values over every criterion it weighs" in output
    ), output[-4000:]
    assert re.search(rf"WARN 1 {ONE_TIER} ", output), output[-4000:]
    assert (
        f"weight set default puts 100.0% of the candidates not disqualified ({contactable} of "
        f"{contactable}) in tier hot, more than 95.0% (var weight_set_coverage."
        "max_share_in_one_tier)" in output
    ), output[-4000:]

    # `make summary` lists them from the same run results
    assert (
        main(
            [
                "--database",
                str(database),
                "summary",
                "--run-results",
                str(project_dir / "target" / "run_results.json"),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    for name in (FEW_VALUES_MATCHED, ONE_TIER):
        assert re.search(rf"^  {name} \[\d+ failing rows?\]: Got", printed, re.M), printed
