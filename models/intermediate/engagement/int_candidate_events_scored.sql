-- Engagement points: per candidate and event criterion, the decayed points of its events,
-- summed and capped. Candidates without events of a criterion have no row here
-- (int_candidate_criteria_combined gives them 0).

with weighted_events as (

    select * from {{ ref('int_engagement_events_weighted') }}

),

summed as (

    select
        candidate_id,
        criterion,
        count(*) as event_count,
        sum(case when is_within_daily_limit then 1 else 0 end) as counted_event_count,
        sum(decayed_points) as uncapped_points,
        max(criterion_points_cap) as points_cap,
        max(occurred_at) as last_event_at
    from weighted_events
    group by candidate_id, criterion

),

event_types as (

    select distinct
        candidate_id,
        criterion,
        event_type
    from weighted_events

),

event_type_lists as (

    select
        candidate_id,
        criterion,
        {{ dbt.listagg('event_type', "', '", 'order by event_type') }} as event_types
    from event_types
    group by candidate_id, criterion

),

capped as (

    select
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
            summed.candidate_id = event_type_lists.candidate_id
            and summed.criterion = event_type_lists.criterion

)

select * from capped
