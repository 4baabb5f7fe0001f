-- Usable events counted per candidate, event type and day: the grain decay and daily limits
-- work at (every event of a day has the same age), so each scored date and weight set reads
-- these counts instead of replaying every event. Every spelling of an opt-out (var
-- opt_out_event_types) counts as the opt-out it stands for: 'unsubscribed' earns the points of
-- 'unsubscribe', as it disqualifies like it. A recruiter's feedback counts as an event of type
-- recruiter_<disposition> (recruiter_good_fit, recruiter_not_a_fit, recruiter_no_response), so
-- event_points weighs and decays it like any event. Event types no weight set scores are left
-- out. A view over the incrementally counted days (int_engagement_event_days_loaded): the
-- spellings and the weights in force apply as of this run. Every candidate is kept, usable in
-- this run or not: int_engagement_decay_sums keeps days that candidates' state may change
-- after, and int_candidate_event_types_decayed keeps the usable ones.

{{ config(materialized='view') }}

with event_days as (

    select * from {{ ref('int_engagement_event_days_loaded') }}

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

-- days of events that count as they are staged: nearly all of them, passed through as counted
-- (the others share their type with another spelling or with the recruiter feedback)
days_as_staged as (

    select
        event_days.candidate_id,
        event_days.event_type,
        event_days.occurred_on,
        event_days.event_count,
        event_days.last_event_at
    from event_days
    where
        event_days.event_type not like 'recruiter_%'
        and not exists (
            select 1 from opt_out_spellings
            where opt_out_spellings.event_type = event_days.event_type
        )

),

-- opt-out spellings under the opt-out they stand for, and recruiter dispositions: summed per
-- day below, one day's events for the daily limit
days_to_regroup as (

    select
        event_days.candidate_id,
        coalesce(opt_out_spellings.scored_as_event_type, event_days.event_type) as event_type,
        event_days.occurred_on,
        event_days.event_count,
        event_days.last_event_at
    from event_days
    left join opt_out_spellings
        on event_days.event_type = opt_out_spellings.event_type
    where
        event_days.event_type like 'recruiter_%'
        or opt_out_spellings.event_type is not null

    union all

    select
        candidate_id,
        'recruiter_' || disposition as event_type,
        cast(given_at as date) as occurred_on,
        1 as event_count,
        given_at as last_event_at
    from feedback

),

regrouped_days as (

    select
        candidate_id,
        event_type,
        occurred_on,
        sum(event_count) as event_count,
        max(last_event_at) as last_event_at
    from days_to_regroup
    group by candidate_id, event_type, occurred_on

),

all_days as (

    select * from days_as_staged
    union all
    select * from regrouped_days

),

counted as (

    select all_days.*
    from all_days
    inner join scored_event_types
        on all_days.event_type = scored_event_types.event_type

)

select * from counted
