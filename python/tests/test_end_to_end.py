"""End to end on the demo data: generate raw tables, `dbt build`, check facts on the outputs."""

from __future__ import annotations

import re

from tests.helpers import TODAY, Build, query, run_dbt


def test_build_runs_every_test_and_prints_no_warning(demo_build: Build) -> None:
    assert "Completed successfully" in demo_build.output
    summary = re.search(r"Done\. PASS=(\d+) WARN=(\d+) ERROR=(\d+)", demo_build.output)
    assert summary, demo_build.output[-2000:]
    passed, warned, errored = map(int, summary.groups())
    assert passed > 100 and warned == 0 and errored == 0
    assert "[WARNING]" not in demo_build.output
    assert "deprecat" not in demo_build.output.lower()
    # the unit tests ran as part of the build
    assert len(re.findall(r"PASS \w+::\w+", demo_build.output)) >= 8


def test_hot_tier_converts_to_placements_well_above_the_base_rate(demo_build: Build) -> None:
    rates = dict(
        query(
            demo_build.database,
            """
            with placed as (
                select distinct candidate_id
                from staging.stg_recruitment__placements
                where is_placed
            )
            select
                coalesce(score_tier, 'all'),
                avg(case when placed.candidate_id is not null then 1.0 else 0.0 end)
            from scoring.candidate_scores
            left join placed using (candidate_id)
            group by rollup (score_tier)
            """,
        )
    )
    assert rates["hot"] > 2 * rates["all"], rates
    assert rates["hot"] > rates["warm"] > rates["cold"], rates


def test_every_raw_row_is_either_used_or_rejected_with_a_reason(demo_build: Build) -> None:
    for table, staging_model in [
        ("candidates", "stg_recruitment__candidates"),
        ("engagement_events", "stg_recruitment__engagement_events"),
        ("placements", "stg_recruitment__placements"),
        ("recruiter_feedback", "stg_recruitment__recruiter_feedback"),
    ]:
        [(raw, accepted, rejected, without_reason)] = query(
            demo_build.database,
            f"""
            select
                (select count(*) from raw.{table}),
                (select count(*) from staging.{staging_model}),
                (select count(*) from data_quality.rejected_raw_rows
                 where source_table = '{table}'),
                (select count(*) from data_quality.rejected_raw_rows
                 where source_table = '{table}' and rejection_reason is null)
            """,
        )
        assert rejected > 0, table
        assert without_reason == 0, table
        assert raw == accepted + rejected, (table, raw, accepted, rejected)


def test_the_dirt_of_the_extract_lands_in_rejected_rows(demo_build: Build) -> None:
    reasons = {
        (table, reason): count
        for table, reason, count in query(
            demo_build.database,
            """
            select source_table, rejection_reason, count(*)
            from data_quality.rejected_raw_rows group by all
            """,
        )
    }
    expected = {
        ("candidates", "superseded_by_newer_version"),
        ("candidates", "missing_candidate_id"),
        ("engagement_events", "duplicate_event_id"),
        ("engagement_events", "unknown_candidate"),
        ("engagement_events", "occurred_in_future"),
        ("engagement_events", "missing_occurred_at"),
        ("engagement_events", "missing_candidate_id"),
        ("placements", "duplicate_application"),
        ("placements", "unknown_status"),
        ("placements", "unknown_candidate"),
        ("placements", "placed_before_applied"),
        ("recruiter_feedback", "missing_feedback_id"),
        ("recruiter_feedback", "duplicate_feedback_id"),
        ("recruiter_feedback", "unknown_disposition"),
        ("recruiter_feedback", "unknown_candidate"),
        ("recruiter_feedback", "given_in_future"),
        ("recruiter_feedback", "invalid_given_at"),
    }
    assert expected <= set(reasons), expected - set(reasons)

    # an optional value that does not convert costs the candidate nothing but the value
    [(values_lost, candidates_kept)] = query(
        demo_build.database,
        """
        select
            count(*),
            count(*) filter (where record_id in (
                select candidate_id from staging.stg_recruitment__candidates
                where years_experience is null))
        from data_quality.rejected_raw_values
        where rejection_reason = 'invalid_years_experience'
        """,
    )
    assert values_lost == candidates_kept > 0

    # each re-sent copy is rejected, the first copy is used
    [(copies, first_copies_used)] = query(
        demo_build.database,
        """
        with copies as (
            select event_id, count(*) as copies from raw.engagement_events
            where event_id is not null group by event_id having count(*) > 1
        )
        select
            (select sum(copies - 1) from copies),
            (select count(*) from copies
             join staging.stg_recruitment__engagement_events using (event_id))
        """,
    )
    duplicates = reasons[("engagement_events", "duplicate_event_id")]
    assert duplicates == copies
    assert first_copies_used > 0

    # staging does not judge policy: event types the weights do not score are used rows, and
    # reported; types that differ from a scored one only in case and spacing are normalised
    unscored = dict(
        query(
            demo_build.database,
            "select event_type, event_count from data_quality.unscored_event_types",
        )
    )
    expected_unscored = dict(
        query(
            demo_build.database,
            """
            select event_type, count(*) from staging.stg_recruitment__engagement_events
            where event_type not in (
                select event_type from scoring_config.event_points where weight_set = 'default'
            )
            group by event_type
            """,
        )
    )
    assert unscored == expected_unscored
    assert unscored, "the demo data has event types no weight set scores"
    [(spelled_otherwise,)] = query(
        demo_build.database,
        """
        select count(*) from raw.engagement_events
        where event_type != lower(trim(event_type))
          and lower(trim(event_type)) in (select event_type from scoring_config.event_points)
        """,
    )
    assert spelled_otherwise > 0
    assert not set(unscored) & {"application_submitted", "info_request", "unsubscribe"}

    # no event in the future is used
    [(future_used,)] = query(
        demo_build.database,
        """
        select count(*) from staging.stg_recruitment__engagement_events
        where occurred_at > current_timestamp::timestamp
        """,
    )
    assert future_used == 0


def test_inconsistent_case_and_spacing_are_normalised(demo_build: Build) -> None:
    [(raw_variants, staged_variants, unnormalised)] = query(
        demo_build.database,
        """
        select
            (select count(distinct industry) from raw.candidates),
            (select count(distinct industry) from staging.stg_recruitment__candidates),
            (select count(*) from staging.stg_recruitment__candidates
             where industry != lower(trim(regexp_replace(industry, ' +', ' ', 'g'))))
        """,
    )
    assert raw_variants > staged_variants
    assert unnormalised == 0


def test_scores_are_never_null_and_add_up(demo_build: Build) -> None:
    [(candidates, null_scores, not_adding_up)] = query(
        demo_build.database,
        """
        select
            count(*),
            count(*) filter (
                where total_score is null or fit_score is null or engagement_score is null
            ),
            count(*) filter (where total_score != fit_score + engagement_score)
        from scoring.candidate_scores
        """,
    )
    [(accepted,)] = query(
        demo_build.database, "select count(*) from staging.stg_recruitment__candidates"
    )
    assert candidates == accepted > 0
    assert null_scores == 0
    assert not_adding_up == 0


def test_disqualified_candidates_never_reach_the_worklist(demo_build: Build) -> None:
    [(disqualified, on_worklist, worklist_size)] = query(
        demo_build.database,
        """
        select
            (select count(*) from scoring.candidate_scores where is_disqualified),
            (select count(*) from scoring.recruiter_worklist
             join scoring.candidate_scores using (candidate_id)
             where candidate_scores.is_disqualified),
            (select count(*) from scoring.recruiter_worklist)
        """,
    )
    assert disqualified > 0
    assert worklist_size > 0
    assert on_worklist == 0


def test_per_event_points_of_one_candidate_add_up_to_the_scored_points(
    demo_build: Build,
) -> None:
    """analyses/candidate_event_points.sql traces a score to its events: per criterion, the
    events' points add up to the breakdown's uncapped points, and it counts as many events."""
    [(candidate_id,)] = query(
        demo_build.database,
        "select candidate_id from scoring.candidate_score_breakdown "
        "where criterion_source = 'event' and counted_event_count < event_count "
        "group by candidate_id order by count(*) desc, candidate_id limit 1",
    )
    run_dbt(
        demo_build.project_dir,
        demo_build.database,
        "compile",
        "--select",
        "candidate_event_points",
        "--vars",
        f"{{as_of_date: '{TODAY.isoformat()}', candidate_id: '{candidate_id.lower()}'}}",
    )
    compiled = next(demo_build.project_dir.glob("target/compiled/**/candidate_event_points.sql"))
    traced = query(
        demo_build.database,
        "select criterion, round(sum(event_points), 2), count(*), "
        f"count(*) filter (where is_counted) from ({compiled.read_text()}) group by 1 order by 1",
    )
    scored = query(
        demo_build.database,
        "select criterion, uncapped_points, event_count, counted_event_count "
        "from scoring.candidate_score_breakdown where criterion_source = 'event' "
        f"and event_count > 0 and candidate_id = '{candidate_id}' order by 1",
    )
    assert len(scored) >= 2
    assert [(c, float(p), n, k) for c, p, n, k in traced] == [
        (c, float(p), n, k) for c, p, n, k in scored
    ]
