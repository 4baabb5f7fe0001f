-- Per scored date and weight set (int_scoring_scenarios), candidate and event type the set
-- scores: the candidate's events up to the end of that date, each day's counted up to the
-- type's daily limit and decayed exponentially with their age in days. decayed_event_count
-- times points_per_event is the type's points before the criterion's cap. Events after the
-- date are left out, so a past date is scored as it was.

with event_days as (

    select * from {{ ref('int_engagement_days_counted') }}

),

scenarios as (

    select * from {{ ref('int_scoring_scenarios') }}

),

weights as (

    select * from {{ ref('int_event_weights_configured') }}

),

days_until_as_of as (

    select
        scenarios.as_of_date,
        scenarios.weight_set,
        event_days.candidate_id,
        event_days.event_type,
        weights.criterion,
        weights.points_per_event,
        weights.half_life_days,
        weights.criterion_points_cap,
        event_days.event_count,
        event_days.last_event_at,
        case
            when
                weights.max_events_per_day is null
                or event_days.event_count <= weights.max_events_per_day
                then event_days.event_count
            else weights.max_events_per_day
        end as counted_event_count,
        {{ days_between('event_days.occurred_on', 'scenarios.as_of_date') }} as age_days
    from event_days
    inner join scenarios
        on event_days.occurred_on <= scenarios.as_of_date
    -- event types the weight set does not score earn nothing
    inner join weights
        on
            scenarios.weight_set = weights.weight_set
            and event_days.event_type = weights.event_type

),

decayed as (

    select
        *,
        case
            when half_life_days is null then counted_event_count
            -- halves every half_life_days: exp(-ln 2 * age / half-life)
            else counted_event_count * exp(
                -ln(2) * cast(age_days as {{ type_double() }}) / half_life_days
            )
        end as decayed_count
    from days_until_as_of

),

summed as (

    select
        as_of_date,
        weight_set,
        candidate_id,
        event_type,
        criterion,
        points_per_event,
        criterion_points_cap,
        sum(event_count) as event_count,
        sum(counted_event_count) as counted_event_count,
        sum(decayed_count) as decayed_event_count,
        max(last_event_at) as last_event_at
    from decayed
    group by
        as_of_date,
        weight_set,
        candidate_id,
        event_type,
        criterion,
        points_per_event,
        criterion_points_cap

)

select * from summed
