"""Fixtures shared by the test modules; the helpers they use are in tests/helpers.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

import __main__
from tests.helpers import (
    DEMO_CANDIDATES,
    DEMO_EVENTS,
    NIGHT_NODES,
    NIGHT_VARS,
    Build,
    NextNight,
    build_project,
    copy_project,
    run_dbt,
)

# pytest-xdist's workers run from `python -c`, so their __main__ has no __file__: PySpark's
# connect module, which Great Expectations imports once PySpark is installed, takes that for a
# doctest run and exits the worker. A worker is not a doctest run.
if not hasattr(__main__, "__file__"):
    __main__.__file__ = "<pytest-xdist worker>"


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """The project built once on default-sized demo data, shared by read-only tests."""
    root = tmp_path_factory.mktemp("demo")
    project_dir = copy_project(root / "project")
    yield build_project(project_dir, root / "warehouse.duckdb", DEMO_CANDIDATES, DEMO_EVENTS)


@pytest.fixture(scope="session")
def next_night(demo_build: Build) -> NextNight:
    """The same next night for every engine (tests/helpers.py)."""
    return NextNight.of(demo_build.database)


@pytest.fixture(scope="session")
def duckdb_after_next_night(
    demo_build: Build, next_night: NextNight, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A copy of the demo warehouse after the next night on DuckDB, where dbt runs its own
    incremental and snapshot statements: the reference the other engines are compared with."""
    root = tmp_path_factory.mktemp("next_night_duckdb")
    database = root / "warehouse.duckdb"
    shutil.copy(demo_build.database, database)
    with duckdb.connect(str(database)) as connection:
        for statement in next_night.statements():
            connection.execute(statement)
    project_dir = copy_project(root / "project")
    run_dbt(project_dir, database, "build", "--select", *NIGHT_NODES, "--vars", NIGHT_VARS)
    return database
