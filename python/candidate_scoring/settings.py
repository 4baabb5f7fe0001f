"""Where the project's files are, shared by the command line, the checks and the tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
# What the dbt project is made of; a copy of it needs these and nothing else (no venv, data
# or build output).
PROJECT_ENTRIES = (
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "seeds",
    "snapshots",
    "macros",
    "tests",
    "analyses",
)


def copy_project(destination: Path) -> Path:
    """Copy the dbt project (PROJECT_ENTRIES: not its venv, data or build output) into
    destination, for a build that must not touch the repository (tests, benchmarks)."""
    destination.mkdir(parents=True, exist_ok=True)
    for entry in PROJECT_ENTRIES:
        source = PROJECT_DIR / entry
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, destination / entry)
    return destination


DATABASE_ENV_VAR = "CANDIDATE_SCORING_DUCKDB_PATH"
DEFAULT_DATABASE = "data/candidate_scoring.duckdb"


def database_path() -> Path:
    """The DuckDB file dbt builds into: $CANDIDATE_SCORING_DUCKDB_PATH, else the default.

    A relative path is taken from the project root, as profiles.yml does when dbt runs there.
    """
    path = Path(os.environ.get(DATABASE_ENV_VAR) or DEFAULT_DATABASE)
    return path if path.is_absolute() else PROJECT_DIR / path


def project_vars(project_dir: Path = PROJECT_DIR) -> dict[str, Any]:
    """The vars of dbt_project.yml, as written (no --vars overrides). Raises OSError or
    yaml.YAMLError when the file cannot be read; each caller says what that means to it."""
    with (project_dir / "dbt_project.yml").open(encoding="utf-8") as file:
        project = yaml.safe_load(file)
    configured = project.get("vars") if isinstance(project, dict) else None
    return dict(configured) if isinstance(configured, dict) else {}


def backtest_outcomes(project_dir: Path = PROJECT_DIR) -> list[str]:
    """vars.backtest.outcomes, the primary one first; empty when none is configured."""
    backtest = project_vars(project_dir).get("backtest")
    outcomes = backtest.get("outcomes") if isinstance(backtest, dict) else None
    return [str(outcome) for outcome in outcomes] if isinstance(outcomes, list) else []
