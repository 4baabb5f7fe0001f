-- Engagement points: per scored date and weight set (int_scoring_scenarios), candidate and event
-- criterion, the points of the candidate's events up to the end of that date. Each day's events
-- count up to the event type's daily limit, earn its points decayed exponentially with their
-- age in days, and the criterion's sum is capped. Events after the date are left out, so a past
-- date is scored as it was. Candidates without events of a criterion have no row here
-- (int_candidate_criteria_combined gives them 0).

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
        weights.criterion,
        event_days.event_type,
        event_days.event_count,
        case
            when
                weights.max_events_per_day is null
                or event_days.event_count <= weights.max_events_per_day
                then event_days.event_count
            else weights.max_events_per_day
        end as counted_event_count,
        event_days.last_event_at,
        weights.points_per_event,
        weights.half_life_days,
        weights.criterion_points_cap,
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
        counted_event_count * case
            when half_life_days is null then points_per_event
            -- halves every half_life_days: exp(-ln 2 * age / half-life)
            else points_per_event * exp(
                -ln(2) * cast(age_days as {{ type_double() }}) / half_life_days
            )
        end as decayed_points
    from days_until_as_of

),

summed as (

    select
        as_of_date,
        weight_set,
        candidate_id,
        criterion,
        sum(event_count) as event_count,
        sum(counted_event_count) as counted_event_count,
        sum(decayed_points) as uncapped_points,
        max(criterion_points_cap) as points_cap,
        max(last_event_at) as last_event_at
    from decayed
    group by as_of_date, weight_set, candidate_id, criterion

),

event_types as (

    select distinct
        as_of_date,
        weight_set,
        candidate_id,
        criterion,
        event_type
    from days_until_as_of

),

event_type_lists as (

    select
        as_of_date,
        weight_set,
        candidate_id,
        criterion,
        {{ dbt.listagg('event_type', "', '", 'order by event_type') }} as event_types
    from event_types
    group by as_of_date, weight_set, candidate_id, criterion

),

capped as (

    select
        summed.as_of_date,
        summed.weight_set,
        summed.candidate_id,
        summed.criterion,
        summed.event_count,
        summed.counted_event_count,
        summed.last_event_at,
        event_type_lists.event_types,
        {{ as_points('summed.uncapped_points') }} as uncapped_points,
        summed.points_cap,
        {{ as_points(capped_points('summed.uncapped_points', 'summed.points_cap')) }}
            as points
    from summed
    inner join event_type_lists
        on
            summed.as_of_date = event_type_lists.as_of_date
            and summed.weight_set = event_type_lists.weight_set
            and summed.candidate_id = event_type_lists.candidate_id
            and summed.criterion = event_type_lists.criterion

)

select * from capped
