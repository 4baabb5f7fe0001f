-- Every raw engagement event read so far, typed and normalised, with the reason found in the
-- row itself when it cannot be used (NULL when it can). Incremental: the raw log only grows,
-- so a run reads the days from the latest one loaded minus var late_event_lookback_days, and
-- the rows without a usable time (always reread: they have no day), and replaces those rows
-- (the pre-hook deletes them first, and every row of an erased candidate). Within those days
-- a re-sent, corrected or deleted raw event shows as it is now; an older correction needs
-- `dbt build --full-refresh` (raw_row_reconciliation shows it). Reasons that depend on when
-- the run happens or on the candidates extract (a future time, an unknown or rejected
-- candidate) are judged at every run, in base_recruitment__engagement_events.

{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_engagement_events_to_reload() }}",
    on_schema_change='fail'
) }}

{%- set reload_from = engagement_events_reload_from() %}

with source as (

    select * from {{ source('recruitment', 'engagement_events') }}

),

-- candidates whose personal data must go (an erasure request): none of their rows is kept,
-- not even as a rejected row; raw_row_reconciliation counts them, anonymously
erased_candidates as (

    {{ erased_candidate_ids() }}

),

typed as (

    select
        -- ids
        {{ clean_text('source.event_id') }} as event_id,
        {{ normalise_id('source.candidate_id') }} as candidate_id,
        {{ normalise_id('source.job_id') }} as job_id,

        -- strings
        {{ normalise_code('source.event_type') }} as event_type,
        {{ normalise_text('source.channel') }} as channel,

        -- timestamps (UTC), with the raw text to name a value that does not convert
        {{ trimmed_text('source.occurred_at') }} as occurred_at_raw,
        {{ parse_utc_timestamp('source.occurred_at') }} as occurred_at

    from source

),

to_load as (

    select typed.*
    from typed
    where
        ({{ is_reloaded('typed.occurred_at', reload_from, dbt.type_timestamp()) }}
        or typed.occurred_at is null)
        and not exists (
            select 1 from erased_candidates
            where erased_candidates.candidate_id = typed.candidate_id
        )

),

deduplicated as (

    select
        to_load.*,
        -- a re-sent event repeats its event_id: the first copy counts (a copy loaded by an
        -- earlier run happened before the reloaded days, so it came first)
        1 = row_number() over (
            partition by to_load.event_id
            order by to_load.occurred_at nulls last, to_load.candidate_id, to_load.event_type
        )
        {%- if is_incremental() %}
        and not exists (
            select 1 from {{ this }} as loaded_before
            where loaded_before.event_id = to_load.event_id
        )
        {%- endif %} as is_first_copy
    from to_load

),

validated as (

    select
        *,
        case
            when event_id is null then 'missing_event_id'
            when not is_first_copy then 'duplicate_event_id'
            when candidate_id is null then 'missing_candidate_id'
            when event_type is null then 'missing_event_type'
            when occurred_at_raw is null then 'missing_occurred_at'
            when occurred_at is null then 'invalid_occurred_at'
        end as row_rejection_reason,
        {{ run_started_timestamp() }} as loaded_at
    from deduplicated

)

select * from validated
