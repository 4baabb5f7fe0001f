-- One row per scored date, weight set (int_scoring_scenarios) and candidate known on that date:
-- a score per score component (fit, engagement: var score_components), each the sum of the
-- points of the criteria whose family adds to it, and the total, the sum of every criterion's
-- points. Fit points come from the candidate's version in force on the date, engagement points
-- from the events up to it.

{%- set components = score_components() %}

with scenario_candidates as (

    select
        scenarios.as_of_date,
        scenarios.weight_set,
        scenarios.is_live,
        versions.candidate_id,
        versions.version_rank
    from {{ ref('int_scoring_scenarios') }} as scenarios
    inner join {{ ref('int_candidate_versions_in_force') }} as versions
        on scenarios.as_of_date = versions.as_of_date

),

criteria as (

    select * from {{ ref('int_scoring_criteria_configured') }}

),

attribute_points as (

    select * from {{ ref('int_candidate_attributes_scored') }}

),

event_points as (

    select * from {{ ref('int_candidate_events_scored') }}

),

-- per candidate version and weight set: the same whatever the date the version is in force
fit_points as (

    select
        attribute_points.candidate_id,
        attribute_points.version_rank,
        attribute_points.weight_set,
        criteria.score_component,
        sum(attribute_points.points) as points
    from attribute_points
    inner join criteria
        on attribute_points.criterion = criteria.criterion
    group by
        attribute_points.candidate_id,
        attribute_points.version_rank,
        attribute_points.weight_set,
        criteria.score_component

),

component_points as (

    select
        scenario_candidates.as_of_date,
        scenario_candidates.weight_set,
        scenario_candidates.candidate_id,
        fit_points.score_component,
        fit_points.points,
        cast(null as {{ dbt.type_timestamp() }}) as last_event_at
    from scenario_candidates
    inner join fit_points
        on
            scenario_candidates.candidate_id = fit_points.candidate_id
            and scenario_candidates.version_rank = fit_points.version_rank
            and scenario_candidates.weight_set = fit_points.weight_set

    union all

    select
        event_points.as_of_date,
        event_points.weight_set,
        event_points.candidate_id,
        criteria.score_component,
        event_points.points,
        event_points.last_event_at
    from event_points
    inner join criteria
        on event_points.criterion = criteria.criterion

),

summed as (

    select
        as_of_date,
        weight_set,
        candidate_id,
        {%- for component in components %}
        sum(
            case when score_component = '{{ component.name }}' then points else 0 end
        ) as {{ component.name }}_score,
        {%- endfor %}
        sum(points) as total_score,
        max(last_event_at) as last_engaged_at
    from component_points
    group by as_of_date, weight_set, candidate_id

),

final as (

    select
        scenario_candidates.as_of_date,
        scenario_candidates.weight_set,
        scenario_candidates.is_live,
        scenario_candidates.candidate_id,
        scenario_candidates.version_rank,
        {%- for component in components %}
        {{ as_points('coalesce(summed.' ~ component.name ~ '_score, 0)') }}
            as {{ component.name }}_score,
        {%- endfor %}
        {{ as_points('coalesce(summed.total_score, 0)') }} as total_score,
        summed.last_engaged_at
    from scenario_candidates
    -- a candidate no criterion gives points to scores 0; events of candidates not known on the
    -- date (created later, or whose version in force was rejected) are left out by this join
    left join summed
        on
            scenario_candidates.as_of_date = summed.as_of_date
            and scenario_candidates.weight_set = summed.weight_set
            and scenario_candidates.candidate_id = summed.candidate_id

)

select * from final
