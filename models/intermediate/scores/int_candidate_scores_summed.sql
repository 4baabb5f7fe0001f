-- One row per candidate: a score per score component (fit, engagement: var score_components),
-- each the sum of the points of the criteria whose family adds to it, and the total, the sum
-- of every criterion's points.

{%- set components = score_components() %}

with criterion_points as (

    select * from {{ ref('int_candidate_criteria_combined') }}

),

summed as (

    select
        candidate_id,
        {%- for component in components %}
        {{ as_points(
            "sum(case when score_component = '" ~ component.name ~ "' then points else 0 end)"
        ) }} as {{ component.name }}_score,
        {%- endfor %}
        {{ as_points('sum(points)') }} as total_score,
        max(last_event_at) as last_engaged_at,
        max(weight_set) as weight_set,
        max(as_of_date) as as_of_date
    from criterion_points
    group by candidate_id

)

select * from summed
