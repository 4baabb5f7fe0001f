"""Where the project's files are, shared by the command line, the checks and the tests."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
DATABASE_ENV_VAR = "CANDIDATE_SCORING_DUCKDB_PATH"
DEFAULT_DATABASE = "data/candidate_scoring.duckdb"


def database_path() -> Path:
    """The DuckDB file dbt builds into: $CANDIDATE_SCORING_DUCKDB_PATH, else the default.

    A relative path is taken from the project root, as profiles.yml does when dbt runs there.
    """
    path = Path(os.environ.get(DATABASE_ENV_VAR) or DEFAULT_DATABASE)
    return path if path.is_absolute() else PROJECT_DIR / path
