-- Each usable event up to the end of the as-of date with the points it earns: its event type's
-- points, decayed exponentially with the event's age in days, and zero past the event type's
-- daily limit. Events after the as-of date are left out, so a past date is scored as it was.
-- Every spelling of an opt-out (var opt_out_event_types) scores as the opt-out it stands for:
-- 'unsubscribed' earns the points of 'unsubscribe', as it disqualifies like it.

with events as (

    select * from {{ ref('stg_recruitment__engagement_events') }}

),

as_of as (

    select {{ as_of_date() }} as as_of_date

),

weights as (

    select * from {{ ref('int_event_weights_selected') }}

),

opt_out_spellings as (

    select
        event_type,
        reason as scored_as_event_type
    from {{ ref('int_consent_event_types_configured') }}
    where consent_effect = 'opt_out'

),

events_until_as_of as (

    select
        events.event_id,
        events.candidate_id,
        events.event_type,
        events.job_id,
        events.occurred_at,
        weights.criterion,
        weights.points_per_event,
        weights.half_life_days,
        weights.max_events_per_day,
        weights.criterion_points_cap,
        as_of.as_of_date,
        cast(events.occurred_at as date) as occurred_on,
        row_number() over (
            partition by
                events.candidate_id,
                events.event_type,
                cast(events.occurred_at as date)
            order by events.occurred_at, events.event_id
        ) as event_number_of_day
    from events
    left join opt_out_spellings
        on events.event_type = opt_out_spellings.event_type
    -- event types the weight set in force does not score earn nothing
    inner join weights
        on
            coalesce(opt_out_spellings.scored_as_event_type, events.event_type)
            = weights.event_type
    cross join as_of
    where events.occurred_at < {{ dbt.dateadd('day', 1, 'as_of.as_of_date') }}

),

weighted as (

    select
        *,
        {{ days_between('occurred_on', 'as_of_date') }} as age_days,
        coalesce(event_number_of_day <= max_events_per_day, true)
            as is_within_daily_limit
    from events_until_as_of

),

decayed as (

    select
        *,
        case
            when not is_within_daily_limit then 0
            when half_life_days is null then points_per_event
            -- halves every half_life_days: exp(-ln 2 * age / half-life)
            else points_per_event * exp(
                -ln(2) * cast(age_days as {{ type_double() }}) / half_life_days
            )
        end as decayed_points
    from weighted

)

select * from decayed
