-- Engagement points: per scored date and weight set, candidate and event criterion, the points
-- of the criterion's event types (int_candidate_event_types_decayed: counted, decayed) summed
-- and capped in both directions. Candidates without events of a criterion have no row here
-- (int_candidate_criteria_combined gives them 0).

with event_types as (

    select * from {{ ref('int_candidate_event_types_decayed') }}

),

summed as (

    select
        as_of_date,
        weight_set,
        candidate_id,
        criterion,
        {{ dbt.listagg('event_type', "', '", 'order by event_type') }} as event_types,
        sum(event_count) as event_count,
        sum(counted_event_count) as counted_event_count,
        sum(decayed_event_count * points_per_event) as uncapped_points,
        max(criterion_points_cap) as points_cap,
        max(last_event_at) as last_event_at
    from event_types
    group by as_of_date, weight_set, candidate_id, criterion

),

capped as (

    select
        as_of_date,
        weight_set,
        candidate_id,
        criterion,
        event_count,
        counted_event_count,
        last_event_at,
        event_types,
        {{ as_points('uncapped_points') }} as uncapped_points,
        points_cap,
        {{ as_points(capped_points('uncapped_points', 'points_cap')) }} as points
    from summed

)

select * from capped
