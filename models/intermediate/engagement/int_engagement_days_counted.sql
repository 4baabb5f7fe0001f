-- Usable events counted per candidate, event type and day: the grain decay and daily limits
-- work at (every event of a day has the same age), so each scored date and weight set reads
-- these counts instead of replaying every event. Every spelling of an opt-out (var
-- opt_out_event_types) counts as the opt-out it stands for: 'unsubscribed' earns the points of
-- 'unsubscribe', as it disqualifies like it. A recruiter's feedback counts as an event of type
-- recruiter_<disposition> (recruiter_good_fit, recruiter_not_a_fit, recruiter_no_response), so
-- event_points weighs and decays it like any event. Event types no weight set scores are left
-- out.

with events as (

    select * from {{ ref('stg_recruitment__engagement_events') }}

),

opt_out_spellings as (

    select
        event_type,
        reason as scored_as_event_type
    from {{ ref('int_consent_event_types_configured') }}
    where consent_effect = 'opt_out'

),

scored_event_types as (

    select distinct event_type from {{ ref('int_event_weights_configured') }}

),

feedback as (

    select * from {{ ref('stg_recruitment__recruiter_feedback') }}

),

scored_events as (

    select
        events.candidate_id,
        events.occurred_at,
        cast(events.occurred_at as date) as occurred_on,
        coalesce(opt_out_spellings.scored_as_event_type, events.event_type) as event_type
    from events
    left join opt_out_spellings
        on events.event_type = opt_out_spellings.event_type

    union all

    select
        candidate_id,
        given_at as occurred_at,
        cast(given_at as date) as occurred_on,
        'recruiter_' || disposition as event_type
    from feedback

),

counted as (

    select
        scored_events.candidate_id,
        scored_events.event_type,
        scored_events.occurred_on,
        count(*) as event_count,
        max(scored_events.occurred_at) as last_event_at
    from scored_events
    inner join scored_event_types
        on scored_events.event_type = scored_event_types.event_type
    group by
        scored_events.candidate_id,
        scored_events.event_type,
        scored_events.occurred_on

)

select * from counted
