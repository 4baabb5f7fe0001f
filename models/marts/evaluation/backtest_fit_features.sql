-- What `candidate-scoring fit` learns from: per backtest date and prospect of the primary
-- outcome (both samples; the fit reads the fit sample only), the candidate's raw value on each
-- attribute criterion (no-value rows included) and, per event type with events by the date,
-- the decayed event count under the weight set in force, with whether the outcome followed.
-- A view: only the fit reads it.

{{ config(materialized='view') }}

with prospects as (

    select * from {{ ref('int_backtest_candidates_labelled') }}
    where is_primary_outcome and is_weight_set_in_force

),

attributes as (

    select * from {{ ref('int_candidate_attributes_unpivoted') }}

),

event_types as (

    select * from {{ ref('int_candidate_event_types_decayed') }}

),

attribute_features as (

    select
        prospects.as_of_date,
        prospects.candidate_id,
        prospects.evaluation_sample,
        prospects.has_converted,
        attributes.criterion,
        'attribute' as criterion_source,
        attributes.match_type,
        attributes.attribute_value,
        attributes.attribute_number,
        cast(null as {{ dbt.type_string() }}) as event_type,
        cast(null as {{ type_double() }}) as decayed_event_count
    from prospects
    inner join attributes
        on
            prospects.candidate_id = attributes.candidate_id
            and prospects.version_rank = attributes.version_rank

),

event_features as (

    select
        prospects.as_of_date,
        prospects.candidate_id,
        prospects.evaluation_sample,
        prospects.has_converted,
        event_types.criterion,
        'event' as criterion_source,
        cast(null as {{ dbt.type_string() }}) as match_type,
        cast(null as {{ dbt.type_string() }}) as attribute_value,
        cast(null as {{ type_double() }}) as attribute_number,
        event_types.event_type,
        event_types.decayed_event_count
    from prospects
    inner join event_types
        on
            prospects.as_of_date = event_types.as_of_date
            and prospects.weight_set = event_types.weight_set
            and prospects.candidate_id = event_types.candidate_id

),

features as (

    select * from attribute_features
    union all
    select * from event_features

)

select * from features
