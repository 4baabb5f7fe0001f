-- The rows of seeds/event_points.csv in the weight set in force: per event type, the criterion
-- it counts toward and how its points decay, repeat and cap. Every engagement model reads
-- weights from here: the weight set is chosen once, in this model.

{{ config(materialized='view') }}

with event_points as (

    select * from {{ ref('event_points') }}
    where weight_set = {{ weight_set_in_force() }}

),

selected as (

    select
        weight_set,
        event_type,
        criterion,
        points_per_event,
        half_life_days,
        max_events_per_day,
        criterion_points_cap
    from event_points

)

select * from selected
