"""Conventions that keep the project explainable: every model, seed, source and column is
described, and bad configuration stops the run with a message that names it."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.helpers import Build, copy_project, run_dbt


def test_every_model_seed_and_column_has_a_description(demo_build: Build) -> None:
    run_dbt(demo_build.project_dir, demo_build.database, "docs", "generate")
    target = demo_build.project_dir / "target"
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())

    missing = []
    nodes = {**manifest["nodes"], **manifest["sources"]}
    for unique_id, node in nodes.items():
        if node["resource_type"] not in {"model", "seed", "source"}:
            continue
        if len(node["description"].strip()) < 20:
            missing.append(f"{unique_id}: no real description")
        built = {**catalog["nodes"], **catalog["sources"]}.get(unique_id)
        assert built, f"{unique_id} is not in the catalog"
        documented = {name.lower(): column for name, column in node["columns"].items()}
        for column_name in built["columns"]:
            column = documented.get(column_name.lower())
            if column is None or len(column["description"].strip()) < 10:
                missing.append(f"{unique_id}.{column_name}: no real description")
    assert not missing, "\n".join(missing)


def test_a_malformed_criterion_stops_compilation_naming_it(tmp_path: Path) -> None:
    project_dir = copy_project(tmp_path / "project")
    project_file = project_dir / "dbt_project.yml"
    project = yaml.safe_load(project_file.read_text())
    project["vars"]["scoring_criteria"].append(
        {
            "name": "education",
            "family": "academic",
            "source": "attribute",
            "column": "education_level",
            "match": "value",
        }
    )
    project_file.write_text(yaml.safe_dump(project, sort_keys=False))
    run = run_dbt(
        project_dir,
        tmp_path / "empty.duckdb",
        "compile",
        "--select",
        "int_scoring_criteria_configured",
        check=False,
    )
    assert run.returncode != 0
    assert "var scoring_criteria, entry 15" in run.output
    assert "family must be one of demographic, firmographic, activity, intent" in run.output
    assert "(the families of var score_components)" in run.output


def test_a_malformed_as_of_date_stops_compilation_naming_it(tmp_path: Path) -> None:
    project_dir = copy_project(tmp_path / "project")
    run = run_dbt(
        project_dir,
        tmp_path / "empty.duckdb",
        "compile",
        "--select",
        "int_candidate_criteria_combined",
        "--vars",
        "{as_of_date: 30/06/2026}",
        check=False,
    )
    assert run.returncode != 0
    assert "var as_of_date must be a date written YYYY-MM-DD, got '30/06/2026'" in run.output


def test_a_weight_set_name_that_is_not_a_name_stops_compilation(tmp_path: Path) -> None:
    """var weight_set reaches SQL as a checked literal: a quote cannot add a predicate."""
    project_dir = copy_project(tmp_path / "project")
    run = run_dbt(
        project_dir,
        tmp_path / "empty.duckdb",
        "compile",
        "--select",
        "int_attribute_weights_selected",
        "--vars",
        "{weight_set: \"default' or '1' = '1\"}",
        check=False,
    )
    assert run.returncode != 0
    assert "var weight_set must be a weight set name" in run.output
    assert "got 'default' or '1' = '1'" in run.output


def test_a_family_in_two_score_components_stops_compilation(tmp_path: Path) -> None:
    project_dir = copy_project(tmp_path / "project")
    project_file = project_dir / "dbt_project.yml"
    project = yaml.safe_load(project_file.read_text())
    project["vars"]["score_components"][1]["families"].append("firmographic")
    project_file.write_text(yaml.safe_dump(project, sort_keys=False))
    run = run_dbt(
        project_dir,
        tmp_path / "empty.duckdb",
        "compile",
        "--select",
        "int_scoring_criteria_configured",
        check=False,
    )
    assert run.returncode != 0
    assert "var score_components, entry 2" in run.output
    assert "family firmographic already adds to another component" in run.output
