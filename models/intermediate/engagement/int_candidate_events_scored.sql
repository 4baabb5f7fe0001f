-- Engagement points: per scored date and weight set, candidate and event criterion, the points
-- of the criterion's event types (int_candidate_event_types_decayed: counted, decayed) summed
-- and capped in both directions. Candidates without events of a criterion have no row here
-- (int_candidate_criteria_combined gives them 0). The list of event types behind the points is
-- made for the live scenario only: the breakdown shows it, and at a million candidates listing
-- it for every backtest date cost a minute.

-- to the millionth first: decay computed two ways (the maintained sums, the day counts)
-- differs in the last bits of a double, which must not decide a half cent
{%- set uncapped_points = 'cast(summed.uncapped_points as decimal(18, 6))' %}

with event_types as (

    select * from {{ ref('int_candidate_event_types_decayed') }}

),

live_scenario as (

    select * from {{ ref('int_scoring_scenarios') }}
    where is_live

),

summed as (

    select
        as_of_date,
        weight_set,
        candidate_id,
        criterion,
        sum(event_count) as event_count,
        sum(counted_event_count) as counted_event_count,
        sum(decayed_event_count * points_per_event) as uncapped_points,
        max(criterion_points_cap) as points_cap,
        max(last_event_at) as last_event_at
    from event_types
    group by as_of_date, weight_set, candidate_id, criterion

),

event_type_lists as (

    select
        event_types.as_of_date,
        event_types.weight_set,
        event_types.candidate_id,
        event_types.criterion,
        {{ ordered_text_list('event_types.event_type', "', '", ['event_types.event_type']) }}
            as event_types
    from event_types
    inner join live_scenario
        on
            event_types.as_of_date = live_scenario.as_of_date
            and event_types.weight_set = live_scenario.weight_set
    group by
        event_types.as_of_date,
        event_types.weight_set,
        event_types.candidate_id,
        event_types.criterion

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
        {{ as_points(uncapped_points) }} as uncapped_points,
        summed.points_cap,
        {{ as_points(capped_points(uncapped_points, 'summed.points_cap')) }} as points
    from summed
    left join event_type_lists
        on
            summed.as_of_date = event_type_lists.as_of_date
            and summed.weight_set = event_type_lists.weight_set
            and summed.candidate_id = event_type_lists.candidate_id
            and summed.criterion = event_type_lists.criterion

)

select * from capped
