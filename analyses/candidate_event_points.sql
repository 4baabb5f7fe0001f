-- Every event behind one candidate's engagement points, one row each: why a score is what it
-- is, without keeping a row per event for everyone at every build (the scores are computed
-- from day counts, int_engagement_days_counted). For the live scores of the last build (its
-- as-of date and the weight set in force). Compile with
--   dbt compile --select candidate_event_points --vars '{candidate_id: C00000042}'
-- and run the SQL in target/compiled/. Per criterion, the sum of event_points is the
-- criterion's uncapped_points in scoring.candidate_score_breakdown (before its cap).

{#- without the var (dbt compile, dbt docs generate) it compiles and lists nothing -#}
{%- set candidate_id = var('candidate_id', none) %}
{%- set candidate = quoted_literal(candidate_id | string | upper) if candidate_id is not none
    else 'cast(null as ' ~ dbt.type_string() ~ ')' %}

with live_scenario as (

    select
        as_of_date,
        weight_set
    from {{ ref('int_scoring_scenarios') }}
    where is_live

),

opt_out_spellings as (

    select
        event_type,
        reason as scored_as_event_type
    from {{ ref('int_consent_event_types_configured') }}
    where consent_effect = 'opt_out'

),

-- the candidate's usable events and recruiter feedback, as int_engagement_days_counted
-- counts them
events as (

    select
        events.event_id,
        events.occurred_at,
        coalesce(opt_out_spellings.scored_as_event_type, events.event_type) as event_type
    from {{ ref('stg_recruitment__engagement_events') }} as events
    left join opt_out_spellings
        on events.event_type = opt_out_spellings.event_type
    where events.candidate_id = {{ candidate }}

    union all

    select
        feedback.feedback_id as event_id,
        feedback.given_at as occurred_at,
        'recruiter_' || feedback.disposition as event_type
    from {{ ref('stg_recruitment__recruiter_feedback') }} as feedback
    where feedback.candidate_id = {{ candidate }}

),

weighted as (

    select
        events.event_id,
        events.event_type,
        events.occurred_at,
        weights.criterion,
        weights.points_per_event,
        weights.half_life_days,
        weights.max_events_per_day,
        {{ days_between('cast(events.occurred_at as date)', 'live_scenario.as_of_date') }}
            as age_days,
        -- the daily limit keeps the day's first events of the type
        row_number() over (
            partition by events.event_type, cast(events.occurred_at as date)
            order by events.occurred_at, events.event_id
        ) as number_in_day
    from events
    inner join live_scenario
        on cast(events.occurred_at as date) <= live_scenario.as_of_date
    inner join {{ ref('int_event_weights_configured') }} as weights
        on
            live_scenario.weight_set = weights.weight_set
            and events.event_type = weights.event_type

),

final as (

    select
        event_id,
        event_type,
        criterion,
        occurred_at,
        age_days,
        max_events_per_day is null or number_in_day <= max_events_per_day as is_counted,
        points_per_event,
        case
            when max_events_per_day is not null and number_in_day > max_events_per_day then 0
            when half_life_days is null then points_per_event
            else points_per_event * exp(
                -ln(2) * cast(age_days as {{ type_double() }}) / half_life_days
            )
        end as event_points
    from weighted

)

select * from final
order by criterion, occurred_at, event_id
