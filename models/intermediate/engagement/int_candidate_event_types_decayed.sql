-- Per scored date and weight set (int_scoring_scenarios), candidate and event type the set
-- scores: the candidate's events up to the end of that date, each day's counted up to the
-- type's daily limit and decayed exponentially with their age in days. decayed_event_count
-- times points_per_event is the type's points before the criterion's cap. Events after the
-- date are left out, so a past date is scored as it was. A date on or after the last day the
-- maintained sums settled (the as-of date of a nightly run) multiplies those sums by one factor
-- (int_engagement_decay_sums); an earlier one (a backtest date) decays the day counts. Only
-- the candidates usable in this run are kept.

{%- set days_since_anchor = days_between('decay_sums.anchored_on', 'scenarios.as_of_date') %}
{%- set reads_decay_sums = 'coalesce(' ~ days_between(
    'settlement.settled_before', 'scenarios.as_of_date'
) ~ ' >= -1, false)' %}

with event_days as (

    select * from {{ ref('int_engagement_days_counted') }}

),

decay_sums as (

    select * from {{ ref('int_engagement_decay_sums') }}

),

scenarios as (

    select * from {{ ref('int_scoring_scenarios') }}

),

-- the sums are read again here rather than from decay_sums: DuckDB holds a CTE read twice
-- in memory, and the sums of a million candidates did not fit in a 1.5GB memory limit
settlement as (

    select max(settled_before) as settled_before
    from {{ ref('int_engagement_decay_sums') }}

),

-- whether each scored date reads the sums, from the day before the frontier on (the day
-- before it is the last settled in them); an earlier date decays the day counts
scenarios_from_days as (

    select
        scenarios.as_of_date,
        scenarios.weight_set
    from scenarios
    cross join settlement
    where not {{ reads_decay_sums }}

),

scenarios_from_sums as (

    select
        scenarios.as_of_date,
        scenarios.weight_set
    from scenarios
    cross join settlement
    where {{ reads_decay_sums }}

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
        {{ counted_events('event_days.event_count', 'weights.max_events_per_day') }}
            as counted_event_count,
        {{ days_between('event_days.occurred_on', 'scenarios.as_of_date') }} as age_days
    from event_days
    inner join scenarios_from_days as scenarios
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

-- the sums times 2 ** ((anchor - date) / half-life), and the days not settled up to the date
decayed_sums as (

    select
        scenarios.as_of_date,
        scenarios.weight_set,
        decay_sums.candidate_id,
        decay_sums.event_type,
        weights.criterion,
        weights.points_per_event,
        weights.criterion_points_cap,
        decay_sums.event_count,
        decay_sums.counted_event_count,
        decay_sums.last_event_at,
        case
            when weights.half_life_days is null then decay_sums.scaled_event_count
            else decay_sums.scaled_event_count * exp(
                -ln(2)
                * cast({{ days_since_anchor }} as {{ type_double() }})
                / weights.half_life_days
            )
        end as decayed_count
    from decay_sums
    inner join scenarios_from_sums as scenarios
        on decay_sums.weight_set = scenarios.weight_set
    inner join weights
        on
            decay_sums.weight_set = weights.weight_set
            and decay_sums.event_type = weights.event_type
    where decay_sums.is_settled or decay_sums.occurred_on <= scenarios.as_of_date

),

both_ways as (

    {%- for decayed_rows in ['decayed', 'decayed_sums'] %}
    select
        as_of_date,
        weight_set,
        candidate_id,
        event_type,
        criterion,
        points_per_event,
        criterion_points_cap,
        event_count,
        counted_event_count,
        decayed_count,
        last_event_at
    from {{ decayed_rows }}
    {{- '\n    union all' if not loop.last }}
    {%- endfor %}

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
    from both_ways
    -- only the candidates usable in this run
    where
        candidate_id in (
            select usable.candidate_id from {{ ref('stg_recruitment__candidates') }} as usable
        )
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
