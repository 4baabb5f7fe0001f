"""Conventions that keep the project explainable: every model, seed, source and column is
described, and bad configuration stops the run with a message that names it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import PROJECT_DIR, Build, copy_project, run_dbt


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
        if built is None and node["config"].get("meta", {}).get("optional"):
            continue  # an optional extract the demo does not have: its description is checked
        assert built, f"{unique_id} is not in the catalog"
        documented = {name.lower(): column for name, column in node["columns"].items()}
        for column_name in built["columns"]:
            column = documented.get(column_name.lower())
            if column is None or len(column["description"].strip()) < 10:
                missing.append(f"{unique_id}.{column_name}: no real description")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(
    ("variables", "model", "messages"),
    [
        (
            {
                "scoring_criteria": [
                    {
                        "name": "industry",
                        "family": "firmographic",
                        "source": "attribute",
                        "column": "industry",
                        "match": "value",
                    },
                    {
                        "name": "education",
                        "family": "academic",
                        "source": "attribute",
                        "column": "education_level",
                        "match": "value",
                    },
                ]
            },
            "int_scoring_criteria_configured",
            [
                "var scoring_criteria, entry 2",
                "family must be one of demographic, firmographic, assessment, activity, intent "
                "(the families of var score_components)",
            ],
        ),
        (
            {
                "score_components": [
                    {"name": "fit", "families": ["demographic", "firmographic"]},
                    {"name": "engagement", "families": ["activity", "intent", "firmographic"]},
                ]
            },
            "int_scoring_criteria_configured",
            [
                "var score_components, entry 2",
                "family firmographic already adds to another component",
            ],
        ),
        (
            {"as_of_date": "30/06/2026"},
            "int_candidate_criteria_combined",
            ["var as_of_date must be a date written YYYY-MM-DD, got '30/06/2026'"],
        ),
        # var weight_set reaches SQL as a checked literal: a quote cannot add a predicate
        (
            {"weight_set": "default' or '1' = '1"},
            "int_attribute_weights_selected",
            [
                "var weight_set must be a weight set name",
                "got 'default' or '1' = '1'",
            ],
        ),
        # a warning threshold that is not a share, named when the warning tests are parsed
        (
            {
                "weight_set_coverage": {
                    "min_matched_value_share": 50,
                    "max_share_in_one_tier": 0.95,
                }
            },
            "int_scoring_criteria_configured",
            [
                "var weight_set_coverage.min_matched_value_share must be a share between 0 and "
                "1, got '50'"
            ],
        ),
    ],
    ids=[
        "unknown_family",
        "family_in_two_components",
        "as_of_date",
        "weight_set_quote",
        "weight_set_coverage_share",
    ],
)
def test_malformed_configuration_stops_compilation_naming_it(
    tmp_path: Path, variables: dict[str, Any], model: str, messages: list[str]
) -> None:
    project_dir = copy_project(tmp_path / "project")
    run = run_dbt(
        project_dir,
        tmp_path / "empty.duckdb",
        "compile",
        "--select",
        model,
        "--vars",
        json.dumps(variables),
        check=False,
    )
    assert run.returncode != 0
    for message in messages:
        assert message in run.output


def test_any_dbt_warning_fails_the_run_for_everyone(tmp_path: Path) -> None:
    """warn_error_options in dbt_project.yml, not a grep in CI: a config path that applies to
    nothing (a renamed folder, a typo) stops `dbt parse` itself."""
    project_dir = copy_project(tmp_path / "project")
    project_file = project_dir / "dbt_project.yml"
    project_file.write_text(
        project_file.read_text().replace(
            "    marts:\n", "    renamed_folder:\n      +materialized: view\n    marts:\n", 1
        )
    )
    run = run_dbt(project_dir, tmp_path / "empty.duckdb", "parse", check=False)
    assert run.returncode != 0
    assert "unused configuration paths" in run.output
    assert "models.candidate_scoring.renamed_folder" in run.output


def test_unit_test_names_fit_a_postgres_relation_name() -> None:
    # dbt-postgres names the relation of a unit test after the test, and PostgreSQL cuts
    # identifiers at 63 bytes: a longer name fails there only, after DuckDB passed it.
    too_long = [
        f"{path.relative_to(PROJECT_DIR)}: {test['name']} ({len(test['name'])})"
        for path in sorted((PROJECT_DIR / "models").rglob("*.yml"))
        for test in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests", [])
        if len(test["name"].encode()) > 63
    ]
    assert not too_long, "\n".join(too_long)
