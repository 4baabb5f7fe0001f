-- Every raw engagement event, typed and normalised, with the reason it cannot be used (NULL when
-- it can). stg_recruitment__engagement_events keeps the usable rows, rejected_raw_rows the
-- others. Staging knows nothing of the scoring policy: an event type no weight set scores is
-- kept (data_quality.unscored_event_types reports it), so a weight change never rejects a row.
-- A rejected row is still read for consent: an unsubscribe counts whatever else is wrong with it.

with source as (

    select * from {{ source('recruitment', 'engagement_events') }}

),

-- candidates whose personal data must go (an erasure request): none of their rows is kept,
-- not even as a rejected row; raw_row_reconciliation counts them, anonymously
erased_candidates as (

    {{ erased_candidate_ids() }}

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

deduplicated as (

    select
        *,
        -- a re-sent event repeats its event_id: the first copy counts
        1 = row_number() over (
            partition by event_id
            order by occurred_at nulls last, candidate_id, event_type
        ) as is_first_copy
    from typed
    where not exists (
        select 1 from erased_candidates
        where erased_candidates.candidate_id = typed.candidate_id
    )

),

validated as (

    select
        deduplicated.*,
        case
            when deduplicated.event_id is null then 'missing_event_id'
            when not deduplicated.is_first_copy then 'duplicate_event_id'
            when deduplicated.candidate_id is null then 'missing_candidate_id'
            when deduplicated.event_type is null then 'missing_event_type'
            when deduplicated.occurred_at_raw is null then 'missing_occurred_at'
            when deduplicated.occurred_at is null then 'invalid_occurred_at'
            when deduplicated.occurred_at > {{ run_started_timestamp() }}
                then 'occurred_in_future'
            when candidates.candidate_id is null then 'unknown_candidate'
            when not candidates.is_accepted then 'candidate_rejected'
        end as rejection_reason
    from deduplicated
    left join candidates
        on deduplicated.candidate_id = candidates.candidate_id

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
