-- What `candidate-scoring fit` learns from: per backtest date and prospect of the primary
-- outcome (both samples; the fit reads the fit sample only), the candidate's raw value on each
-- attribute criterion (no-value rows included) and, per event type with events by the date,
-- the decayed event count under the weight set in force, with whether the outcome followed.
-- Each row also carries how long the candidate had been known on the date: a candidate who
-- does not convert stays a prospect on every later date with ever older events, so without
-- that control the fit would reward an event for being recent rather than for its intent.
-- The as-of date's candidates (sample 'live', outcome unknown) follow: the population the
-- fitted tier bounds will serve. A view: only the fit reads it.

{{ config(materialized='view') }}

with backtest_prospects as (

    select
        as_of_date,
        candidate_id,
        version_rank,
        evaluation_sample,
        has_converted
    from {{ ref('int_backtest_candidates_labelled') }}
    where is_primary_outcome and is_weight_set_in_force

),

live_candidates as (

    select
        scores.as_of_date,
        scores.candidate_id,
        scores.version_rank,
        'live' as evaluation_sample,
        cast(null as boolean) as has_converted
    from {{ ref('int_candidate_scores_summed') }} as scores
    inner join {{ ref('int_candidate_tiers_assigned') }} as tiers
        on
            scores.as_of_date = tiers.as_of_date
            and scores.weight_set = tiers.weight_set
            and scores.candidate_id = tiers.candidate_id
    where scores.is_live and not tiers.is_disqualified

),

prospects as (

    select * from backtest_prospects
    union all
    select * from live_candidates

),

candidate_rows as (

    select
        candidate_id,
        coalesce(created_at, updated_at) as created_at,
        coalesce(updated_at, created_at) as known_since
    from {{ ref('base_recruitment__candidates') }}
    where candidate_id is not null

),

-- the earliest creation time among the versions known by the date (none: NULL, unknown age)
first_known as (

    select
        prospects.as_of_date,
        prospects.candidate_id,
        min(cast(candidate_rows.created_at as date)) as first_known_on
    from prospects
    inner join candidate_rows
        on
            prospects.candidate_id = candidate_rows.candidate_id
            and candidate_rows.known_since
            < {{ dbt.dateadd('day', 1, 'prospects.as_of_date') }}
    group by prospects.as_of_date, prospects.candidate_id

),

aged_prospects as (

    select
        prospects.*,
        {{ days_between('first_known.first_known_on', 'prospects.as_of_date') }}
            as days_known
    from prospects
    left join first_known
        on
            prospects.as_of_date = first_known.as_of_date
            and prospects.candidate_id = first_known.candidate_id

),

attributes as (

    select * from {{ ref('int_candidate_attributes_unpivoted') }}

),

event_types as (

    select * from {{ ref('int_candidate_event_types_decayed') }}
    where weight_set = {{ weight_set_in_force() }}

),

attribute_features as (

    select
        aged_prospects.as_of_date,
        aged_prospects.candidate_id,
        aged_prospects.evaluation_sample,
        aged_prospects.has_converted,
        aged_prospects.days_known,
        attributes.criterion,
        'attribute' as criterion_source,
        attributes.match_type,
        attributes.attribute_value,
        attributes.attribute_number,
        cast(null as {{ dbt.type_string() }}) as event_type,
        cast(null as {{ type_double() }}) as decayed_event_count
    from aged_prospects
    inner join attributes
        on
            aged_prospects.candidate_id = attributes.candidate_id
            and aged_prospects.version_rank = attributes.version_rank

),

event_features as (

    select
        aged_prospects.as_of_date,
        aged_prospects.candidate_id,
        aged_prospects.evaluation_sample,
        aged_prospects.has_converted,
        aged_prospects.days_known,
        event_types.criterion,
        'event' as criterion_source,
        cast(null as {{ dbt.type_string() }}) as match_type,
        cast(null as {{ dbt.type_string() }}) as attribute_value,
        cast(null as {{ type_double() }}) as attribute_number,
        event_types.event_type,
        event_types.decayed_event_count
    from aged_prospects
    inner join event_types
        on
            aged_prospects.as_of_date = event_types.as_of_date
            and aged_prospects.candidate_id = event_types.candidate_id

),

features as (

    select * from attribute_features
    union all
    select * from event_features

)

select * from features
