-- Warns when the newest usable row of a raw table is older than var stale_extract_after_days
-- at the start of the run: the extract stopped arriving, so scores decay while the candidates'
-- activity is unseen. (`dbt source freshness` says the same with the sources' own thresholds;
-- this puts it in every build and in `make summary`.)

{{ config(severity='warn') }}

with latest_rows as (

    -- the newest event usable by itself: the loaded table, not the views over the whole log
    -- (an event of an unknown candidate still shows that the extract arrives)
    select
        'engagement_events' as source_table,
        max(occurred_at) as latest_row_at
    from {{ ref('base_recruitment__engagement_events_loaded') }}
    where
        row_rejection_reason is null
        and not is_erased
        and occurred_at <= {{ run_started_timestamp() }}

    union all

    select
        'candidates' as source_table,
        max(updated_at) as latest_row_at
    from {{ ref('stg_recruitment__candidates') }}

)

select
    source_table,
    latest_row_at
from latest_rows
where
    latest_row_at is null
    or latest_row_at < {{ dbt.dateadd(
        'day',
        -1 * (var('stale_extract_after_days') | int),
        run_started_timestamp()
    ) }}
