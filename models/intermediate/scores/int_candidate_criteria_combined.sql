-- One row per candidate and criterion, every criterion for every candidate: the fit and
-- engagement points side by side in one shape, 0 when nothing matched, with what earned them.

with candidates as (

    select candidate_id from {{ ref('int_candidates_enriched') }}

),

criteria as (

    select * from {{ ref('int_scoring_criteria_configured') }}

),

attribute_values as (

    select * from {{ ref('int_candidate_attributes_unpivoted') }}

),

attribute_points as (

    select * from {{ ref('int_candidate_attributes_scored') }}

),

event_points as (

    select * from {{ ref('int_candidate_events_scored') }}

),

combined as (

    select
        candidates.candidate_id,
        criteria.criterion,
        criteria.criterion_family,
        criteria.score_component,
        criteria.criterion_source,
        criteria.display_order,
        case
            when criteria.criterion_source = 'attribute'
                then attribute_values.attribute_value
            else cast(coalesce(event_points.event_count, 0) as {{ dbt.type_string() }})
        end as criterion_value,
        coalesce(attribute_points.matched_rule, event_points.event_types)
            as matched_rule,
        cast(coalesce(event_points.event_count, 0) as {{ dbt.type_bigint() }})
            as event_count,
        cast(coalesce(event_points.counted_event_count, 0) as {{ dbt.type_bigint() }})
            as counted_event_count,
        event_points.last_event_at,
        coalesce(attribute_points.points_cap, event_points.points_cap)
            as points_cap,
        {{ as_points(
            'coalesce(attribute_points.uncapped_points, event_points.uncapped_points, 0)'
        ) }} as uncapped_points,
        {{ as_points(
            'coalesce(attribute_points.points, event_points.points, 0)'
        ) }} as points,
        {{ weight_set_in_force() }} as weight_set,
        {{ as_of_date() }} as as_of_date
    from candidates
    cross join criteria
    left join attribute_values
        on
            candidates.candidate_id = attribute_values.candidate_id
            and criteria.criterion = attribute_values.criterion
    left join attribute_points
        on
            candidates.candidate_id = attribute_points.candidate_id
            and criteria.criterion = attribute_points.criterion
    left join event_points
        on
            candidates.candidate_id = event_points.candidate_id
            and criteria.criterion = event_points.criterion

)

select * from combined
