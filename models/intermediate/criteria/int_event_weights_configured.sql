-- The rows of seeds/event_points.csv, every weight set: per event type, the criterion it counts
-- toward and how its points decay, repeat and cap. The engagement models score every set
-- (backtests compare them); int_event_weights_selected holds the set in force.

{{ config(materialized='view') }}

with event_points as (

    select * from {{ ref('event_points') }}

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
