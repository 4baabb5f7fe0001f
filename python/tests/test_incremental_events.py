"""The event log and the candidates loaded incrementally, night after night, give what one full
build of the same extract gives: scores, points per criterion, fit points, rejected rows with
their reasons, the row accounting and the day counts.

One warehouse receives its events in four deliveries, as an extract grows: late events within
the lookback, a re-sent copy, an event deleted from the extract within the lookback, an erasure
request, then a change older than the lookback (which must reload everything). The maintained
engagement sums (int_engagement_decay_sums) are made in full on the first, rebased on the
second (var engagement_decay_rebase_after_days set low for that night), added to on the third
(the late day and the erasure) and made again on the fourth (the reload). After each of the
last three the project is built incrementally; a copy of the warehouse is then built in full
and compared table by table. The fit chain (int_candidates_enriched and the models after it)
is written again only for candidates whose versions changed: a new version and a new candidate
on the second night, a changed company size and the erasure on the third; on the fourth a
changed attribute weight writes it again for everyone. The module's tests read the states its
fixture recorded."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from candidate_scoring.demo_data import generate_demo_data
from tests.helpers import AS_OF_VARS, TODAY, copy_project, query, run_dbt

CANDIDATES = 1_000
EVENTS = 20_000
# The lookback of dbt_project.yml (var late_event_lookback_days).
LOOKBACK_DAYS = 3
# Models only (no data tests) between deliveries; the last build runs every test.
MODELS_ONLY = ("--resource-type", "seed", "--resource-type", "model", "--resource-type", "snapshot")
# the fit chain, maintained for the candidates whose versions changed; each row holds the time
# of the run that enriched it (enriched_at)
FIT_MODELS = (
    "intermediate.int_candidates_enriched",
    "intermediate.int_candidate_attributes_unpivoted",
    "intermediate.int_candidate_attributes_matched",
    "intermediate.int_candidate_attributes_scored",
)
# the live fit rows of the breakdown, kept for the candidates in force; each row holds the time
# of the run that wrote it (written_at)
FIT_CRITERIA = "intermediate.int_candidate_fit_criteria_combined"
COMPARED = (
    "scoring.candidate_scores",
    "scoring.candidate_score_breakdown",
    # every scored date's points per event criterion, to the cent
    "intermediate.int_candidate_events_scored",
    "data_quality.rejected_raw_rows",
    "data_quality.raw_row_reconciliation",
    "intermediate.int_engagement_event_days_loaded",
    "staging.base_recruitment__engagement_events_loaded",
    *FIT_MODELS,
    FIT_CRITERIA,
)
LOADED = "staging.base_recruitment__engagement_events_loaded"
DECAY_SUMS = "intermediate.int_engagement_decay_sums"


def _day(days_before_today: int) -> str:
    return (TODAY - timedelta(days=days_before_today)).isoformat()


@dataclass
class Delivery:
    """What one incremental build left: its dbt output and the loaded rows' load times."""

    output: str
    loaded_at_by_day: dict[str, set[Any]] = field(default_factory=dict)
    # the engagement sums kept: (runs whose settled sums are kept, anchor, frontier)
    decay_sums: tuple[Any, ...] = ()
    # per fit model, the candidates it holds by the run that enriched them, oldest run first
    fit_runs: dict[str, list[int]] = field(default_factory=dict)
    # the candidates the last run enriched
    enriched_last: set[str] = field(default_factory=set)
    # the candidates whose live fit rows the last run wrote, and how many it holds
    fit_criteria_written_last: set[str] = field(default_factory=set)
    fit_criteria_candidates: int = 0


@dataclass
class Sequence:
    database: Path
    deliveries: list[Delivery]
    # (incremental, full) warehouse pairs after deliveries 2, 3 and 4
    compared_builds: list[tuple[Path, Path]]
    erased_candidate: str
    events_of_erased_candidate: int
    # the candidates whose versions each night changed: (second night, third night)
    changed_candidates: tuple[set[str], set[str]]


def _execute(database: Path, *statements: str) -> None:
    with duckdb.connect(str(database)) as connection:
        for statement in statements:
            connection.execute(statement)


def _build(project_dir: Path, database: Path, *extra: str, rebase_after_days: int = 28) -> str:
    variables = (
        f"{{as_of_date: '{TODAY.isoformat()}', "
        f"engagement_decay_rebase_after_days: {rebase_after_days}}}"
    )
    return run_dbt(project_dir, database, "build", "--vars", variables, *extra).output


def _delivered(database: Path, output: str) -> Delivery:
    [decay_sums] = query(
        database,
        "select count(distinct summed_at) filter (where is_settled), cast(min(anchored_on) "
        f"as varchar), cast(max(settled_before) as varchar) from {DECAY_SUMS}",
    )
    fit_runs = {
        relation: [
            count
            for _, count in query(
                database,
                f"select enriched_at, count(distinct candidate_id) from {relation} "
                "group by 1 order by 1",
            )
        ]
        for relation in FIT_MODELS
    }
    enriched_last = {
        candidate
        for (candidate,) in query(
            database,
            f"select distinct candidate_id from {FIT_MODELS[0]} "
            f"where enriched_at = (select max(enriched_at) from {FIT_MODELS[0]})",
        )
    }
    fit_criteria_written_last = {
        candidate
        for (candidate,) in query(
            database,
            f"select distinct candidate_id from {FIT_CRITERIA} "
            f"where written_at = (select max(written_at) from {FIT_CRITERIA})",
        )
    }
    [(fit_criteria_candidates,)] = query(
        database, f"select count(distinct candidate_id) from {FIT_CRITERIA}"
    )
    return Delivery(
        output,
        _loaded_at_by_day(database),
        decay_sums,
        fit_runs,
        enriched_last,
        fit_criteria_written_last,
        fit_criteria_candidates,
    )


def _loaded_at_by_day(database: Path) -> dict[str, set[Any]]:
    rows = query(
        database,
        f"select cast(cast(occurred_at as date) as varchar), loaded_at from {LOADED} "
        "where occurred_at is not null group by all",
    )
    by_day: dict[str, set[Any]] = {}
    for day, loaded_at in rows:
        by_day.setdefault(day, set()).add(loaded_at)
    return by_day


def _full_build_of(database: Path, project_dir: Path, copy: Path) -> Path:
    """A copy of the warehouse with the same raw tables, every model built from scratch."""
    shutil.copy2(database, copy)
    run_dbt(project_dir, copy, "build", "--full-refresh", "--vars", AS_OF_VARS, *MODELS_ONLY)
    return copy


@pytest.fixture(scope="module")
def sequence(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sequence]:
    root = tmp_path_factory.mktemp("incremental")
    project_dir = copy_project(root / "project")
    database = root / "warehouse.duckdb"
    generate_demo_data(database, candidates=CANDIDATES, events=EVENTS, end_date=TODAY)
    # the candidate with the most events, among those whose id the extract always spells
    # the same (so their raw rows can be counted here without the project's cleaning)
    erased, events_of_erased = query(
        database,
        "select upper(regexp_replace(candidate_id, '\\s', '', 'g')) as id, count(*) "
        "from raw.engagement_events where candidate_id is not null group by 1 "
        "having count(*) = count(*) filter (where candidate_id = upper(regexp_replace("
        "candidate_id, '\\s', '', 'g'))) "
        "order by 2 desc, 1 limit 1",
    )[0]
    # the whole extract waits in a holding table; raw.engagement_events receives it in parts
    _execute(
        database,
        "create schema holding",
        "create table holding.events as select * from raw.engagement_events",
        "delete from raw.engagement_events",
        # 1: everything up to a week ago, and the rows without a time
        "insert into raw.engagement_events select * from holding.events "
        f"where occurred_at < '{_day(6)}' or occurred_at is null",
    )
    # two candidates with one raw row each and an id the extract spells as staging does: one
    # gets a new version on the second night, the other a new company size on the third
    promoted, resized = (
        candidate
        for (candidate,) in query(
            database,
            "select candidate_id from raw.candidates where regexp_full_match(candidate_id, "
            f"'C[0-9]+') and candidate_id <> '{erased}' group by 1 having count(*) = 1 "
            "order by 1 limit 2",
        )
    )
    deliveries: list[Delivery] = []
    compared_builds: list[tuple[Path, Path]] = []
    output = _build(project_dir, database, *MODELS_ONLY)
    deliveries.append(_delivered(database, output))

    # 2: six to three days ago, but for one day's events that arrive late; a re-sent copy of
    # an event of this delivery; one event of the previous delivery, within the lookback,
    # deleted from the extract
    _execute(
        database,
        "insert into raw.engagement_events select * from holding.events "
        f"where occurred_at >= '{_day(6)}' and occurred_at < '{_day(3)}' "
        f"and cast(occurred_at as date) <> '{_day(6)}'",
        "insert into raw.engagement_events select * from holding.events "
        f"where cast(occurred_at as date) = '{_day(5)}' order by event_id limit 1",
        "delete from raw.engagement_events where event_id = (select min(event_id) from "
        f"holding.events where cast(occurred_at as date) = '{_day(8)}')",
        # a new version of a candidate (promoted, with a new skill), and a new candidate
        "insert into raw.candidates select candidate_id, email, full_name, 'Senior ' || "
        "job_title, years_experience, skills || ', rust', current_company, company_size, "
        "industry, company_revenue, country, city, source_channel, marketing_consent, "
        f"do_not_contact, created_at, timestamp '{_day(5)} 09:00:00' from raw.candidates "
        f"where candidate_id = '{promoted}'",
        "insert into raw.candidates select 'C99999999', 'new.candidate@example.com', "
        "'New Candidate', 'Lead Data Engineer', '12', 'python, sql', 'Acme', 250, "
        "'Software', 5000000.0, 'GB', 'London', 'referral', true, false, "
        f"timestamp '{_day(5)} 10:00:00', timestamp '{_day(5)} 10:00:00'",
    )
    # the anchor is 3 days behind the new settled days: over 2, a rebase
    output = _build(project_dir, database, *MODELS_ONLY, rebase_after_days=2)
    deliveries.append(_delivered(database, output))
    kept = root / "incremental_2.duckdb"
    shutil.copy2(database, kept)
    compared_builds.append((kept, _full_build_of(database, project_dir, root / "full_2.duckdb")))

    # 3: the rest, with the late day (six days ago: before the last day loaded, four days
    # ago, but within its lookback); a re-sent copy of an old event; an erasure request for
    # the candidate with the most events
    _execute(
        database,
        "insert into raw.engagement_events select * from holding.events "
        f"where occurred_at >= '{_day(3)}' or cast(occurred_at as date) = '{_day(6)}'",
        # an event of twenty days ago sent again, stamped two days ago: still a duplicate
        "insert into raw.engagement_events select event_id, candidate_id, event_type, "
        f"timestamp '{_day(2)} 12:00:00', job_id, channel from holding.events "
        f"where cast(occurred_at as date) = '{_day(20)}' and event_id is not null "
        "order by event_id limit 1",
        "create table raw.erasure_requests (candidate_id varchar, requested_at varchar)",
        f"insert into raw.erasure_requests values (' {erased.lower()} ', '{_day(1)}')",
        # the same version of a candidate, corrected in place: its employer grew
        "update raw.candidates set company_size = coalesce(company_size, 0) + 1000 "
        f"where candidate_id = '{resized}'",
    )
    output = _build(project_dir, database, *MODELS_ONLY)
    deliveries.append(_delivered(database, output))
    kept = root / "incremental_3.duckdb"
    shutil.copy2(database, kept)
    compared_builds.append((kept, _full_build_of(database, project_dir, root / "full_3.duckdb")))

    # 4: an event of two hundred days ago deleted from the extract, far beyond the lookback;
    # and one attribute weight changed (software employers 8 points, now 11); this build runs
    # every data test too
    _execute(
        database,
        "delete from raw.engagement_events where event_id = (select min(event_id) from "
        f"holding.events where cast(occurred_at as date) = '{_day(200)}')",
    )
    weights = project_dir / "seeds" / "attribute_points.csv"
    software = "default,industry,software,,,8,"
    assert software in weights.read_text()
    weights.write_text(weights.read_text().replace(software, "default,industry,software,,,11,"))
    output = _build(project_dir, database)
    deliveries.append(_delivered(database, output))
    compared_builds.append(
        (database, _full_build_of(database, project_dir, root / "full_4.duckdb"))
    )

    yield Sequence(
        database,
        deliveries,
        compared_builds,
        erased,
        events_of_erased,
        ({promoted, "C99999999"}, {resized}),
    )


def _differences(incremental: Path, full: Path, relation: str) -> tuple[int, int, int]:
    """(rows only in the incremental build, rows only in the full build, rows) of a relation,
    every column compared; the load, count and enrichment times are when, not what."""
    with duckdb.connect(str(incremental), read_only=True) as connection:
        connection.execute(f"attach '{full}' as full_build (read_only)")
        columns = [
            name
            for (name,) in connection.execute(
                "select column_name from information_schema.columns "
                "where table_catalog = current_database() and table_schema || '.' || table_name "
                f"= '{relation}' and column_name not in ('loaded_at', 'counted_at', 'enriched_at', "
                "'written_at') "
                "order by ordinal_position"
            ).fetchall()
        ]
        listed = ", ".join(f'"{name}"' for name in columns)
        mine = f"select {listed} from {relation}"
        theirs = f"select {listed} from full_build.{relation}"
        only_mine = connection.execute(f"select count(*) from ({mine} except all {theirs})")
        only_mine_count = only_mine.fetchall()[0][0]
        only_theirs = connection.execute(f"select count(*) from ({theirs} except all {mine})")
        only_theirs_count = only_theirs.fetchall()[0][0]
        total = connection.execute(f"select count(*) from {relation}").fetchall()[0][0]
    return only_mine_count, only_theirs_count, total


@pytest.mark.parametrize("relation", COMPARED)
@pytest.mark.parametrize("delivery", [2, 3, 4])
def test_incremental_builds_equal_a_full_build(
    sequence: Sequence, delivery: int, relation: str
) -> None:
    incremental, full = sequence.compared_builds[delivery - 2]
    only_incremental, only_full, rows = _differences(incremental, full, relation)
    assert rows > 0
    assert (only_incremental, only_full) == (0, 0)


def test_a_nightly_delivery_reloads_only_the_lookback_days(sequence: Sequence) -> None:
    first, second = sequence.deliveries[0], sequence.deliveries[1]
    (first_load,) = {time for times in first.loaded_at_by_day.values() for time in times}
    (second_load,) = {time for times in second.loaded_at_by_day.values() for time in times} - {
        first_load
    }
    last_day_of_first = max(first.loaded_at_by_day)
    reload_from = ((TODAY - timedelta(days=7)) - timedelta(days=LOOKBACK_DAYS)).isoformat()
    assert last_day_of_first == _day(7)
    for day, times in second.loaded_at_by_day.items():
        # days before the window keep the first load; the window's days were read again
        assert times == ({first_load} if day < reload_from else {second_load}), day
    assert "reloading every event" not in second.output


def test_a_change_older_than_the_lookback_reloads_every_event(sequence: Sequence) -> None:
    fourth = sequence.deliveries[3]
    assert "were loaded (a change older than late_event_lookback_days)" in fourth.output
    assert len({time for times in fourth.loaded_at_by_day.values() for time in times}) == 1
    assert "reloading every event" not in sequence.deliveries[2].output


def test_engagement_sums_are_rebased_added_to_and_made_again_as_each_night_needs(
    sequence: Sequence,
) -> None:
    reasons = [
        next(
            line.split("int_engagement_decay_sums: ")[1]
            for line in delivery.output.splitlines()
            if "int_engagement_decay_sums: " in line
        )
        for delivery in sequence.deliveries
    ]
    # the frontier: the latest day counted minus the lookback (7, 4, 0 and 0 days ago)
    frontiers = [_day(10), _day(7), _day(3), _day(3)]
    assert reasons[0] == "built in full"
    assert reasons[1].startswith(f"rebased: the anchor {_day(10)} is 3 days behind")
    assert reasons[2] == f"adding the days from {_day(7)}"
    assert reasons[3] == f"days before {_day(3)} were counted again"
    # (runs whose settled sums are kept, anchor, frontier): the third night appended to the
    # second's sums and kept its anchor; the others began again from their frontier
    assert [delivery.decay_sums for delivery in sequence.deliveries] == [
        (1, frontiers[0], frontiers[0]),
        (1, frontiers[1], frontiers[1]),
        (2, frontiers[1], frontiers[2]),
        (1, frontiers[3], frontiers[3]),
    ]
    # the erased candidate's sums went with the request, on the night that only appended
    erased = f"select count(*) from {DECAY_SUMS} where candidate_id = '{sequence.erased_candidate}'"
    assert query(sequence.compared_builds[1][0], erased) == [(0,)]


def test_the_accounting_holds_after_every_change(sequence: Sequence) -> None:
    (raw, accepted, rejected, erased) = query(
        sequence.database,
        "select raw_rows, accepted_rows, rejected_rows, erased_rows "
        "from data_quality.raw_row_reconciliation where source_table = 'engagement_events'",
    )[0]
    assert raw == accepted + rejected + erased
    # the whole extract, with two re-sent copies more and two deleted rows less
    holding = query(sequence.database, "select count(*) from holding.events")[0][0]
    assert raw == holding + 2 - 2
    assert erased == sequence.events_of_erased_candidate


def test_an_erased_candidate_leaves_only_anonymous_days(sequence: Sequence) -> None:
    erased = sequence.erased_candidate
    named = f"select count(*) from {LOADED} where candidate_id = '{erased}'"
    assert query(sequence.database, named) == [(0,)]
    traces = query(
        sequence.database,
        f"select count(*), count(event_id), count(event_type), count(occurred_at_raw), "
        f"count(*) filter (where occurred_at <> date_trunc('day', occurred_at)) "
        f"from {LOADED} where is_erased",
    )
    assert traces == [(sequence.events_of_erased_candidate, 0, 0, 0, 0)]


def test_an_erased_candidate_stays_erased_when_the_request_leaves_the_extract(
    tmp_path: Path,
) -> None:
    database = tmp_path / "warehouse.duckdb"
    generate_demo_data(database, candidates=CANDIDATES, events=EVENTS, end_date=TODAY)
    project_dir = copy_project(tmp_path / "project")
    staging = ("--select", "+base_recruitment__candidates")
    [(erased,)] = query(
        database,
        "select candidate_id from raw.candidates where regexp_full_match(candidate_id, "
        "'C[0-9]+') order by 1 limit 1",
    )
    erased_hash = hashlib.md5(erased.encode()).hexdigest()
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            "create table raw.erasure_requests (candidate_id varchar, requested_at varchar)"
        )
        connection.execute(
            "insert into raw.erasure_requests values (?, '2026-11-01')", [f" {erased.lower()} "]
        )

    def rows_of_the_erased() -> int:
        [(rows,)] = query(
            database,
            f"select count(*) from staging.base_recruitment__candidates "
            f"where candidate_id = '{erased}'",
        )
        return int(rows)

    def ledger() -> list[tuple[Any, ...]]:
        return query(
            database, "select candidate_hash from staging.base_recruitment__erasure_ledger"
        )

    run_dbt(project_dir, database, "run", *staging, "--vars", AS_OF_VARS)
    assert rows_of_the_erased() == 0
    assert ledger() == [(erased_hash,)]  # a one-way hash, never the id
    # the next erasure extract no longer carries the request and the ATS sends the person
    # again: the ledger keeps them out, even through a full refresh
    with duckdb.connect(str(database)) as connection:
        connection.execute("delete from raw.erasure_requests")
    run_dbt(project_dir, database, "run", *staging, "--full-refresh", "--vars", AS_OF_VARS)
    assert rows_of_the_erased() == 0
    assert ledger() == [(erased_hash,)]
    # lifted only by a reviewed change: the hash listed in var lifted_erasures
    lifted = f"{{as_of_date: '{TODAY.isoformat()}', lifted_erasures: ['{erased_hash}']}}"
    run_dbt(project_dir, database, "run", *staging, "--vars", lifted)
    assert rows_of_the_erased() > 0


def test_an_event_log_loaded_before_its_day_column_asks_for_a_full_refresh(
    tmp_path: Path,
) -> None:
    database = tmp_path / "warehouse.duckdb"
    generate_demo_data(database, candidates=CANDIDATES, events=EVENTS, end_date=TODAY)
    project_dir = copy_project(tmp_path / "project")
    log = ("--select", "+base_recruitment__engagement_events_loaded", "--vars", AS_OF_VARS)
    run_dbt(project_dir, database, "run", *log)
    # the table as a warehouse built before occurred_on existed holds it
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            "alter table staging.base_recruitment__engagement_events_loaded drop column occurred_on"
        )
    stopped = run_dbt(project_dir, database, "run", *log, check=False)
    assert stopped.returncode == 1
    assert 'base_recruitment__engagement_events_loaded" has no column occurred_on' in (
        stopped.output
    )
    assert "run `dbt build --full-refresh` once" in stopped.output
    run_dbt(project_dir, database, "run", *log, "--full-refresh")
    [(days,)] = query(
        database,
        "select count(*) from staging.base_recruitment__engagement_events_loaded"
        " where occurred_on is distinct from cast(occurred_at as date)",
    )
    assert days == 0


def test_the_fit_chain_is_written_again_only_for_candidates_whose_versions_changed(
    sequence: Sequence,
) -> None:
    reasons = [
        next(
            line.split("int_candidates_enriched: ")[1]
            for line in delivery.output.splitlines()
            if "int_candidates_enriched: " in line
        )
        for delivery in sequence.deliveries
    ]
    assert reasons == [
        "built in full",
        "enriching the candidates whose versions changed",
        "enriching the candidates whose versions changed",
        "the fit configuration changed",
    ]
    first, second, third, fourth = sequence.deliveries
    everyone = first.fit_runs[FIT_MODELS[0]][0]
    new_version_and_new_candidate, resized = sequence.changed_candidates
    # the second night wrote the candidate with a new version and the new one, nothing else
    assert second.enriched_last == new_version_and_new_candidate
    # the third, the corrected candidate; the erased one is gone from every fit model
    assert third.enriched_last == resized
    assert sequence.erased_candidate not in third.enriched_last
    for relation in FIT_MODELS:
        # every model after int_candidates_enriched followed it, run by run
        assert second.fit_runs[relation][-1] == 2, relation
        assert third.fit_runs[relation][-1] == 1, relation
        assert sum(third.fit_runs[relation]) == sum(second.fit_runs[relation]) - 1, relation
        # the changed weight wrote everyone again, in one run
        assert len(fourth.fit_runs[relation]) == 1, relation
    assert sum(second.fit_runs[FIT_MODELS[0]]) == everyone + 1
    # the live fit rows of the breakdown followed: the same candidates each night, everyone
    # for the changed weight, and the erased candidate is no longer scored
    assert second.fit_criteria_written_last == new_version_and_new_candidate
    assert third.fit_criteria_written_last == resized
    assert len(fourth.fit_criteria_written_last) == fourth.fit_criteria_candidates
    assert third.fit_criteria_candidates == second.fit_criteria_candidates - 1
    erased = f"select count(*) from {{}} where candidate_id = '{sequence.erased_candidate}'"
    for relation in (*FIT_MODELS, FIT_CRITERIA):
        assert query(sequence.compared_builds[1][0], erased.format(relation)) == [(0,)]
