-- The live scores in long form: one row per candidate and criterion, every criterion for every
-- candidate scored on the as-of date under the weight set in force, the fit and engagement
-- points side by side in one shape, 0 when nothing matched, with what earned them. (Backtests
-- need only the sums: int_candidate_scores_summed reads the points directly.)

with live_scenario as (

    select * from {{ ref('int_scoring_scenarios') }}
    where is_live

),

candidates as (

    select
        live_scenario.as_of_date,
        live_scenario.weight_set,
        versions.candidate_id,
        versions.version_rank
    from {{ ref('int_candidate_versions_in_force') }} as versions
    inner join live_scenario
        on versions.as_of_date = live_scenario.as_of_date

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
        candidates.weight_set,
        candidates.as_of_date
    from candidates
    cross join criteria
    left join attribute_values
        on
            candidates.candidate_id = attribute_values.candidate_id
            and candidates.version_rank = attribute_values.version_rank
            and criteria.criterion = attribute_values.criterion
    left join attribute_points
        on
            candidates.candidate_id = attribute_points.candidate_id
            and candidates.version_rank = attribute_points.version_rank
            and candidates.weight_set = attribute_points.weight_set
            and criteria.criterion = attribute_points.criterion
    left join event_points
        on
            candidates.as_of_date = event_points.as_of_date
            and candidates.weight_set = event_points.weight_set
            and candidates.candidate_id = event_points.candidate_id
            and criteria.criterion = event_points.criterion

)

select * from combined
