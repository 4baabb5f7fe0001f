-- Engagement events counted per candidate, event type (as staged) and day: every event whose
-- row is usable in itself (base_recruitment__engagement_events_loaded) and not in the future,
-- whatever the candidate's state, which can change after the day was counted
-- (int_engagement_days_counted keeps the usable candidates). Incremental like the events it
-- counts: a run recounts the days from the latest one counted minus var
-- late_event_lookback_days and appends them (the pre-hook deletes those days first, and every
-- day of an erased candidate), so a nightly run reads one new day of events, not the log.

-- On Spark (Parquet tables: no delete) partitioned by day: a run drops and overwrites the
-- days it recounts.
{{ config(
    materialized='incremental',
    incremental_strategy=('insert_overwrite' if target.type == 'spark' else 'append'),
    partition_by=partitioned_on_spark('occurred_on'),
    pre_hook=[
        "{{ delete_event_days_to_recount() }}",
        "{{ delete_rows_of_erased_candidates(partitioned_on_spark('occurred_on')) }}",
    ],
    on_schema_change='fail'
) }}

-- the pre-hook reads the erasure requests:
-- depends_on: {{ ref('base_recruitment__erasure_requests') }}

{%- set recount_from = event_days_recount_from() %}

with events as (

    select * from {{ ref('base_recruitment__engagement_events_loaded') }}
    where
        not is_erased
        and row_rejection_reason is null
        and occurred_at <= {{ run_started_timestamp() }}
        -- on the day column: on Spark only the recounted days' partitions are read
        and {{ is_reloaded('occurred_on', recount_from, 'date') }}

),

counted as (

    select
        candidate_id,
        event_type,
        occurred_on,
        count(*) as event_count,
        max(occurred_at) as last_event_at,
        {{ run_started_timestamp() }} as counted_at
    from events
    group by
        candidate_id,
        event_type,
        occurred_on

)

select * from counted
