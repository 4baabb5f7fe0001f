-- Event types that staging accepted but the weight set in force does not score, with how often
-- they occur. Staging keeps them (policy is not its business); this says what scoring ignores,
-- so a new type in the extract, or a type spelled another way, is seen and given weights. The
-- consent event types (vars opt_out_event_types, re_consent_event_types) are known types,
-- handled by consent, and not listed.

with events as (

    select * from {{ ref('stg_recruitment__engagement_events') }}

),

weights as (

    select * from {{ ref('int_event_weights_selected') }}

),

consent_event_types as (

    select * from {{ ref('int_consent_event_types_configured') }}

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
    left join consent_event_types
        on events.event_type = consent_event_types.event_type
    where weights.event_type is null and consent_event_types.event_type is null
    group by events.event_type

)

select * from unscored
