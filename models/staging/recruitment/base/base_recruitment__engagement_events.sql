-- Every raw engagement event loaded (base_recruitment__engagement_events_loaded), with the
-- reason it cannot be used as of this run (NULL when it can): the row's own reason, else a
-- time in the future or a candidate that is unknown or rejected, judged at every run because
-- time passes and the candidates extract changes. stg_recruitment__engagement_events keeps
-- the usable rows, rejected_raw_rows the others. Staging knows nothing of the scoring policy:
-- an event type no weight set scores is kept (data_quality.unscored_event_types reports it),
-- so a weight change never rejects a row. A rejected row is still read for consent: an
-- unsubscribe counts whatever else is wrong with it.

{{ config(materialized='view') }}

with loaded as (

    select * from {{ ref('base_recruitment__engagement_events_loaded') }}
    where not is_erased

),

-- the candidate rows of the same extract, to tell an unknown candidate from a rejected one
candidates as (

    -- one row per candidate_id: its latest version decides whether it is usable
    select
        candidate_id,
        rejection_reason is null as is_accepted
    from {{ ref('base_recruitment__candidates') }}
    where candidate_id is not null and is_latest_version

),

validated as (

    select
        loaded.event_id,
        loaded.candidate_id,
        loaded.job_id,
        loaded.event_type,
        loaded.channel,
        loaded.occurred_at_raw,
        loaded.occurred_at,
        loaded.is_first_copy,
        case
            when loaded.row_rejection_reason is not null then loaded.row_rejection_reason
            when loaded.occurred_at > {{ run_started_timestamp() }} then 'occurred_in_future'
            when candidates.candidate_id is null then 'unknown_candidate'
            when not candidates.is_accepted then 'candidate_rejected'
        end as rejection_reason
    from loaded
    left join candidates
        on loaded.candidate_id = candidates.candidate_id

),

explained as (

    select
        *,
        -- the raw value behind the rejection, for whoever fixes the extract
        case rejection_reason
            when 'missing_event_id' then candidate_id
            when 'duplicate_event_id' then event_id
            when 'missing_candidate_id' then event_id
            when 'missing_event_type' then event_id
            when 'missing_occurred_at' then event_id
            when 'invalid_occurred_at' then occurred_at_raw
            when 'occurred_in_future' then occurred_at_raw
            when 'unknown_candidate' then candidate_id
            when 'candidate_rejected' then candidate_id
        end as rejected_value
    from validated

)

select * from explained
