-- Event types that staging accepted but the weight set in force does not score, with how often
-- they occur. Staging keeps them (policy is not its business); this says what scoring ignores,
-- so a new type in the extract, or a type spelled another way, is seen and given weights.

with events as (

    select * from {{ ref('stg_recruitment__engagement_events') }}

),

weights as (

    select * from {{ ref('int_event_weights_selected') }}

),

unscored as (

    select
        events.event_type,
        count(*) as event_count,
        count(distinct events.candidate_id) as candidate_count,
        min(events.occurred_at) as first_occurred_at,
        max(events.occurred_at) as last_occurred_at
    from events
    left join weights
        on events.event_type = weights.event_type
    where weights.event_type is null
    group by events.event_type

)

select * from unscored
