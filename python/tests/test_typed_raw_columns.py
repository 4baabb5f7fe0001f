"""Raw tables typed otherwise than the demo's: integer ids in one table and text in another,
consent as 1/0, `timestamp with time zone` columns read on a machine in another time zone, dates
instead of timestamps, float ids. Staging must read them all to the same keys and the same UTC
times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.helpers import AS_OF_VARS, copy_project, query, run_dbt


def test_typed_extracts_join_and_keep_their_utc_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    # earlier today (UTC), up to two hours ago: an event of yesterday would have decayed a day
    # by the as-of date, today; a naive cast 9 hours ahead still puts it in the future
    since_midnight = now - now.replace(hour=0, minute=0, second=0)
    earlier_today = now - min(timedelta(hours=2), since_midnight / 2)
    database = tmp_path / "typed.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema raw")
        connection.execute(
            """
            create table raw.candidates (
                candidate_id integer, email varchar, full_name varchar, job_title varchar,
                years_experience integer, skills varchar, current_company varchar,
                company_size double, industry varchar, company_revenue decimal(18, 2),
                country varchar, city varchar, source_channel varchar,
                marketing_consent integer, do_not_contact boolean,
                created_at timestamptz, updated_at timestamptz
            )
            """
        )
        connection.execute(
            """
            insert into raw.candidates values
                (42, 'a@example.com', 'Ada', 'Senior Data Engineer', 7, 'python', 'Acme',
                 250, 'Software', 5000000, 'gb', 'London', 'referral', 1, false,
                 timestamptz '2025-01-01 00:00:00+00', timestamptz '2026-01-01 10:00:00+00'),
                (43, 'b@example.com', 'Bo', 'Data Engineer', 3, 'sql', 'Acme',
                 12.5, 'Retail', 10, 'de', 'Berlin', 'event', 0, false,
                 timestamptz '2025-01-01 00:00:00+00', timestamptz '2026-01-01 10:00:00+00')
            """
        )
        connection.execute(
            """
            create table raw.engagement_events (
                event_id bigint, candidate_id varchar, event_type varchar,
                occurred_at timestamptz, job_id integer, channel varchar
            )
            """
        )
        connection.execute(
            "insert into raw.engagement_events values "
            "(1, ' 42 ', 'Application_Submitted', ?, 7, 'web'), "
            "(2, '43', 'info_request', ?, null, 'web')",
            [earlier_today, earlier_today],
        )
        connection.execute(
            """
            create table raw.placements (
                candidate_id bigint, job_id varchar, applied_at date, placed_at timestamp,
                status varchar
            )
            """
        )
        connection.execute(
            "insert into raw.placements values (42, '7', date '2026-01-05', null, 'In Process')"
        )
        connection.execute(
            """
            create table raw.recruiter_feedback (
                feedback_id double, candidate_id bigint, recruiter_id integer,
                given_at timestamptz, disposition varchar, reason varchar
            )
            """
        )
        connection.execute(
            "insert into raw.recruiter_feedback values "
            "(9001, 42, 7, ?, 'Good fit', null), (9002.0, 43, null, ?, 'NOT A FIT', 'Remote only')",
            [earlier_today, earlier_today],
        )

    # the machine runs nine hours ahead of UTC: a naive cast would move every time by 9 hours
    # and put the events of earlier today in the future
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    project_dir = copy_project(tmp_path / "project")
    run_dbt(project_dir, database, "build", "--vars", AS_OF_VARS)

    rejected = query(database, "select * from data_quality.rejected_raw_rows")
    assert rejected == []
    events = query(
        database,
        "select event_id, candidate_id, event_type, occurred_at "
        "from staging.stg_recruitment__engagement_events order by event_id",
    )
    assert events == [
        ("1", "42", "application_submitted", earlier_today.replace(tzinfo=None)),
        ("2", "43", "info_request", earlier_today.replace(tzinfo=None)),
    ]
    scores = query(
        database,
        "select candidate_id, applications_points, is_disqualified, disqualification_reasons "
        "from scoring.candidate_scores order by candidate_id",
    )
    # 25 points for an application today; consent 1 is yes, 0 is a refusal
    assert scores == [("42", 25, False, None), ("43", 0, True, "no_marketing_consent")]
    [(company_size, lost)] = query(
        database,
        "select (select company_size from staging.stg_recruitment__candidates "
        "where candidate_id = '43'), "
        "(select rejected_value from data_quality.rejected_raw_values "
        "where record_id = '43' and column_name = 'company_size')",
    )
    assert (company_size, lost) == (None, "12.5")
    [(placement,)] = query(
        database,
        "select candidate_id || '/' || job_id || '/' || status "
        "from staging.stg_recruitment__placements",
    )
    assert placement == "42/7/in_process"
    feedback = query(
        database,
        "select feedback_id, candidate_id, recruiter_id, disposition, given_at "
        "from staging.stg_recruitment__recruiter_feedback order by feedback_id",
    )
    assert feedback == [
        ("9001", "42", "7", "good_fit", earlier_today.replace(tzinfo=None)),
        ("9002", "43", None, "not_a_fit", earlier_today.replace(tzinfo=None)),
    ]
