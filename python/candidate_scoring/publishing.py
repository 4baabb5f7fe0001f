"""Hand a passing build to its readers (the last steps of `candidate-scoring run`): a read-only
copy of the scored outputs for BI tools, and the export tables as CSV and Parquet files for the
CRM and marketing automation.

DuckDB lets one process write a file or many read it, never both: a BI tool that opens the
warehouse while dbt builds fails on its lock, and one that opens it between two models sees
half a build. So readers never open the warehouse. They open the published database, a copy
written next to it under a temporary name and renamed over the previous copy in one step
(``os.replace``): a reader sees the last publication or the new one, never a mix, and a reader
with the old file open keeps reading it undisturbed. The export files go the same way: each
publication writes a new folder under ``runs/`` and then switches the ``current`` link to it.

Why not dbt-duckdb's ``external`` materialisation: it writes the file while the model builds,
before the tests run, in place (a consumer can read half a file), and only on DuckDB. The
exports are tables here, portable to every engine, and only written out once all passed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from candidate_scoring.database import fetch_value, scored_as_of_and_weight_set, write_json
from candidate_scoring.settings import PROJECT_DIR, project_vars

PUBLISHED_PATH_ENV_VAR = "CANDIDATE_SCORING_PUBLISHED_PATH"
EXPORT_DIR_ENV_VAR = "CANDIDATE_SCORING_EXPORT_DIR"
# Schemas that hold what no reader outside the warehouse may see.
NEVER_PUBLISHED = frozenset({"raw", "staging", "intermediate", "restricted"})
EXPORT_FORMATS = ("csv", "parquet")
CURRENT_LINK = "current"
MANIFEST_FILE = "manifest.json"


class PublishError(RuntimeError):
    """The outputs cannot be published: a setting, a missing relation, a file system error."""


class ExportError(PublishError):
    """The export files could not be written: with publish_both, nothing was published."""


@dataclass(frozen=True)
class PublicationSettings:
    """vars.publication of dbt_project.yml."""

    schemas: tuple[str, ...]
    exports: tuple[str, ...]
    keep_export_runs: int


@dataclass(frozen=True)
class ExportFile:
    name: str
    table: str
    format: str
    rows: int
    bytes: int
    sha256: str
    seconds: float  # to write the file


def default_published_path(database: Path) -> Path:
    """$CANDIDATE_SCORING_PUBLISHED_PATH, else `<warehouse>_published.duckdb` beside it."""
    configured = os.environ.get(PUBLISHED_PATH_ENV_VAR)
    if configured:
        return Path(configured)
    return database.with_name(f"{database.stem}_published.duckdb")


def default_export_dir(database: Path) -> Path:
    """$CANDIDATE_SCORING_EXPORT_DIR, else `<warehouse>_exports/` beside it."""
    configured = os.environ.get(EXPORT_DIR_ENV_VAR)
    if configured:
        return Path(configured)
    return database.with_name(f"{database.stem}_exports")


def read_settings(project_dir: Path = PROJECT_DIR) -> PublicationSettings:
    """vars.publication, checked: which schemas BI tools read, which tables are exported."""
    try:
        publication = project_vars(project_dir).get("publication")
    except (OSError, ValueError) as error:
        raise PublishError(f"cannot read {project_dir / 'dbt_project.yml'}: {error}") from error
    if not isinstance(publication, dict):
        raise PublishError("dbt_project.yml: vars.publication is missing or not a mapping")
    schemas = publication.get("schemas")
    exports = publication.get("exports")
    keep = publication.get("keep_export_runs")
    if not isinstance(schemas, list) or not schemas:
        raise PublishError("vars.publication.schemas must be a non-empty list of schemas")
    hidden = sorted(set(map(str, schemas)) & NEVER_PUBLISHED)
    if hidden:
        raise PublishError(
            f"vars.publication.schemas names {hidden}: raw, staging, intermediate and "
            "restricted data (contact details) are never published"
        )
    if not isinstance(exports, list) or not exports:
        raise PublishError("vars.publication.exports must be a non-empty list of tables")
    if not isinstance(keep, int) or isinstance(keep, bool) or keep < 2:
        raise PublishError(
            "vars.publication.keep_export_runs must be a whole number of at least 2 (a "
            "consumer may still be reading the previous run)"
        )
    return PublicationSettings(tuple(map(str, schemas)), tuple(map(str, exports)), keep)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _relations(
    connection: duckdb.DuckDBPyConnection, schemas: tuple[str, ...]
) -> list[tuple[str, str, str | None]]:
    """(schema, name, comment) of every table and view of the schemas in the warehouse."""
    placeholders = ", ".join("?" for _ in schemas)
    return connection.execute(
        f"""
        select schema_name, table_name, comment from duckdb_tables()
        where database_name = 'warehouse' and schema_name in ({placeholders})
        union all
        select schema_name, view_name, comment from duckdb_views()
        where database_name = 'warehouse' and schema_name in ({placeholders})
            and not internal
        order by 1, 2
        """,
        [*schemas, *schemas],
    ).fetchall()


def _copy_relations(
    connection: duckdb.DuckDBPyConnection, schemas: tuple[str, ...]
) -> dict[str, int]:
    """Copy every relation of the schemas from the attached warehouse as a table, with its
    descriptions (dbt's persist_docs comments), so BI tools show what each column means."""
    relations = _relations(connection, schemas)
    found = {schema for schema, _, _ in relations}
    missing = [schema for schema in schemas if schema not in found]
    if missing:
        raise PublishError(
            f"the warehouse has no relation in schema(s) {missing}: run `dbt build` first"
        )
    counts: dict[str, int] = {}
    for schema, name, comment in relations:
        target = f"{_identifier(schema)}.{_identifier(name)}"
        connection.execute(f"create schema if not exists {_identifier(schema)}")
        connection.execute(f"create table {target} as select * from warehouse.{target}")
        if comment:
            connection.execute(f"comment on table {target} is {_literal(comment)}")
        columns = connection.execute(
            """
            select column_name, comment from duckdb_columns()
            where database_name = 'warehouse' and schema_name = ? and table_name = ?
                and comment is not null
            """,
            [schema, name],
        ).fetchall()
        for column, column_comment in columns:
            connection.execute(
                f"comment on column {target}.{_identifier(column)} is {_literal(column_comment)}"
            )
        counts[f"{schema}.{name}"] = fetch_value(connection, f"select count(*) from {target}")
    return counts


def _scored_context(connection: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    as_of_date, weight_set = scored_as_of_and_weight_set(connection, "warehouse")
    if as_of_date is None:
        raise PublishError("scoring.candidate_scores is empty: nothing to publish")
    return as_of_date, str(weight_set)


@dataclass(frozen=True)
class StagedDatabase:
    """A published database written under a temporary name, not yet in place."""

    temporary: Path
    relations: dict[str, int]
    as_of_date: str
    weight_set: str


def stage_database(
    database: Path, published_path: Path, settings: PublicationSettings, run_id: str
) -> StagedDatabase:
    """Write the published database beside published_path under a temporary name. Raises
    PublishError naming the path and the error (an unwritable folder, a full disk)."""
    temporary = published_path.with_name(f".{published_path.name}.{os.getpid()}.tmp")
    try:
        published_path.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        with duckdb.connect(str(temporary)) as connection:
            connection.execute(f"attach {_literal(str(database))} as warehouse (read_only)")
            as_of_date, weight_set = _scored_context(connection)
            counts = _copy_relations(connection, settings.schemas)
            connection.execute("detach warehouse")
            connection.execute("create schema publication")
            connection.execute(
                """
                create table publication.manifest as select
                    ? as run_id,
                    cast(? as date) as as_of_date,
                    ? as weight_set,
                    cast(? as timestamp) as published_at
                """,
                [run_id, as_of_date, weight_set, datetime.now(UTC).replace(tzinfo=None)],
            )
            connection.execute(
                "comment on table publication.manifest is 'The run that published this "
                "database: its id, as-of date, weight set and time (UTC).'"
            )
            connection.execute("checkpoint")
    except (OSError, duckdb.Error) as error:
        _remove(temporary)
        raise PublishError(f"cannot publish {database} to {published_path}: {error}") from error
    return StagedDatabase(temporary, counts, as_of_date, weight_set)


def _remove(path: Path) -> None:
    """Remove a temporary file or folder, if it is there and can go."""
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def publish_database(
    database: Path, published_path: Path, settings: PublicationSettings, run_id: str
) -> tuple[dict[str, int], str, str]:
    """Write the published database under a temporary name, then rename it over the previous
    one. Returns the rows per relation, the as-of date and the weight set."""
    staged = stage_database(database, published_path, settings, run_id)
    try:
        os.replace(staged.temporary, published_path)
        _fsync_dir(published_path.parent)
    except OSError as error:
        _remove(staged.temporary)
        raise PublishError(f"cannot publish {database} to {published_path}: {error}") from error
    return staged.relations, staged.as_of_date, staged.weight_set


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_exports(
    published_path: Path, run_dir: Path, exports: tuple[str, ...]
) -> list[ExportFile]:
    """Each export table of the published database as CSV and Parquet, rows in a fixed order
    (the same data gives byte-identical files)."""
    files: list[ExportFile] = []
    with duckdb.connect(str(published_path), read_only=True) as connection:
        for table in exports:
            relation = f"exports.{_identifier(table)}"
            try:
                rows = fetch_value(connection, f"select count(*) from {relation}")
            except duckdb.CatalogException as error:
                raise PublishError(
                    f"export table exports.{table} (vars.publication.exports) is not in the "
                    f"published database: {error}"
                ) from error
            for file_format in EXPORT_FORMATS:
                path = run_dir / f"{table}.{file_format}"
                options = "format csv, header" if file_format == "csv" else "format parquet"
                started = time.perf_counter()
                connection.execute(
                    f"copy (select * from {relation} order by all) "
                    f"to {_literal(str(path))} ({options})"
                )
                files.append(
                    ExportFile(
                        name=path.name,
                        table=f"exports.{table}",
                        format=file_format,
                        rows=rows,
                        bytes=path.stat().st_size,
                        sha256=_sha256(path),
                        seconds=round(time.perf_counter() - started, 2),
                    )
                )
    return files


def _switch_current(export_dir: Path, run_dir: Path) -> None:
    """Point export_dir/current at run_dir in one step (a new link renamed over the old)."""
    link = export_dir / CURRENT_LINK
    temporary = export_dir / f".{CURRENT_LINK}.{os.getpid()}.tmp"
    temporary.unlink(missing_ok=True)
    os.symlink(Path("runs") / run_dir.name, temporary)
    os.replace(temporary, link)
    _fsync_dir(export_dir)


def _prune_runs(export_dir: Path, keep: int) -> None:
    runs = sorted(path for path in (export_dir / "runs").iterdir() if path.is_dir())
    current = (export_dir / CURRENT_LINK).resolve()
    for old in runs[:-keep]:
        if old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)
    for stale in (export_dir / "runs").glob(".*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)


@dataclass(frozen=True)
class StagedExports:
    """This run's export folder written under a temporary name, not yet in place."""

    temporary: Path
    run_dir: Path
    files: list[ExportFile]


def stage_exports(
    source: Path,
    export_dir: Path,
    settings: PublicationSettings,
    run_id: str,
    as_of_date: str,
    weight_set: str,
) -> StagedExports:
    """Write this run's export files and manifest from the database ``source`` (the published
    one, or its staged copy) into a temporary folder under export_dir/runs. Raises
    PublishError naming the folder and the error."""
    runs_dir = export_dir / "runs"
    temporary = runs_dir / f".{run_id}.tmp"
    try:
        runs_dir.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir()
        files = _write_exports(source, temporary, settings.exports)
        manifest: dict[str, Any] = {
            "run_id": run_id,
            "as_of_date": as_of_date,
            "weight_set": weight_set,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "files": [file.__dict__ for file in files],
        }
        write_json(temporary / MANIFEST_FILE, manifest)
    except (OSError, duckdb.Error) as error:
        _remove(temporary)
        raise PublishError(f"cannot write the exports to {export_dir}: {error}") from error
    return StagedExports(temporary, runs_dir / run_id, files)


def _move_exports_in(staged: StagedExports, export_dir: Path) -> None:
    if staged.run_dir.exists():  # a rerun within the same second
        shutil.rmtree(staged.run_dir)
    os.replace(staged.temporary, staged.run_dir)
    _switch_current(export_dir, staged.run_dir)


def export_files(
    published_path: Path,
    export_dir: Path,
    settings: PublicationSettings,
    run_id: str,
    as_of_date: str,
    weight_set: str,
) -> tuple[Path, list[ExportFile]]:
    """Write this run's export folder (files, then the manifest), then switch `current`."""
    staged = stage_exports(published_path, export_dir, settings, run_id, as_of_date, weight_set)
    try:
        _move_exports_in(staged, export_dir)
    except OSError as error:
        raise PublishError(f"cannot write the exports to {export_dir}: {error}") from error
    finally:
        _remove(staged.temporary)
    _prune_runs(export_dir, settings.keep_export_runs)
    return staged.run_dir, staged.files


def publish_both(
    database: Path,
    published_path: Path,
    export_dir: Path,
    settings: PublicationSettings,
    run_id: str,
) -> tuple[StagedDatabase, StagedExports]:
    """The published database and the export files, both or neither: both are written under
    temporary names first (the files from the staged database), and only then moved in, the
    database first. Should the files fail to move in, the previous database is put back: a
    reader never finds this run's database beside the previous run's files. Raises
    PublishError naming the path and the error; nothing of this run is then in place."""
    staged = stage_database(database, published_path, settings, run_id)
    try:
        exports = stage_exports(
            staged.temporary, export_dir, settings, run_id, staged.as_of_date, staged.weight_set
        )
    except PublishError as error:
        _remove(staged.temporary)
        raise ExportError(str(error)) from error
    previous = published_path.with_name(f".{published_path.name}.{os.getpid()}.previous")
    try:
        try:
            # a second name for the previous database, to put it back: no copy is made
            _remove(previous)
            if published_path.exists():
                try:
                    os.link(published_path, previous)
                except OSError:  # a file system without hard links
                    shutil.copy2(published_path, previous)
            os.replace(staged.temporary, published_path)
        except OSError as error:
            raise PublishError(f"cannot publish {database} to {published_path}: {error}") from error
        try:
            _move_exports_in(exports, export_dir)
        except OSError as error:
            if previous.exists():
                os.replace(previous, published_path)
            else:
                published_path.unlink(missing_ok=True)
            raise ExportError(
                f"cannot write the exports to {export_dir}: {error} (the previous published "
                "database was put back)"
            ) from error
        _fsync_dir(published_path.parent)
    finally:
        for leftover in (staged.temporary, exports.temporary, previous):
            _remove(leftover)
    _prune_runs(export_dir, settings.keep_export_runs)
    return staged, exports


def purge_erased_export_runs(database: Path, export_dir: Path) -> list[Path]:
    """Delete every kept export run (never `current`) whose files hold a candidate with an
    erasure request: the request reaches the files written before it too. Returns the runs
    deleted."""
    runs_dir = export_dir / "runs"
    if not runs_dir.is_dir():
        return []
    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            erased = connection.execute(
                "select distinct candidate_id from staging.base_recruitment__erasure_requests "
                "where rejection_reason is null"
            ).fetchall()
    except duckdb.Error as error:
        raise PublishError(f"cannot read the erasure requests of {database}: {error}") from error
    if not erased:
        return []
    current = (export_dir / CURRENT_LINK).resolve()
    deleted = []
    with duckdb.connect() as connection:
        connection.execute("create table erased (candidate_id varchar)")
        connection.executemany("insert into erased values (?)", erased)
        for run_dir in sorted(path for path in runs_dir.iterdir() if path.is_dir()):
            if run_dir.resolve() == current:
                continue
            holds_erased = any(
                fetch_value(
                    connection,
                    "select count(*) from read_parquet(?) "
                    "where candidate_id in (select candidate_id from erased)",
                    [str(path)],
                )
                for path in sorted(run_dir.glob("*.parquet"))
            )
            if holds_erased:
                shutil.rmtree(run_dir)
                deleted.append(run_dir)
    return deleted
