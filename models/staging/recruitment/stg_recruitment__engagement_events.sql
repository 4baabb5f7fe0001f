-- Usable engagement events: one row per event_id, of a known type, for a known candidate, not
-- in the future.

with events as (

    select * from {{ ref('base_recruitment__engagement_events') }}
    where rejection_reason is null

),

final as (

    select
        -- ids
        event_id,
        candidate_id,
        job_id,

        -- strings
        event_type,
        channel,

        -- timestamps
        occurred_at

    from events

)

select * from final
