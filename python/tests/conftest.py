"""Fixtures shared by the test modules; the helpers they use are in tests/helpers.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import __main__
from tests.helpers import DEMO_CANDIDATES, DEMO_EVENTS, Build, build_project, copy_project

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
