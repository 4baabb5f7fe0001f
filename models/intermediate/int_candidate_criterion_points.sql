-- One row per candidate and criterion, every criterion for every candidate: the points (0 when
-- nothing matched) and what earned them.

{%- set attribute_criteria = scoring_criteria(source='attribute') %}

with candidates as (

    select * from {{ ref('int_candidates_enriched') }}

),

criteria as (

    select * from {{ ref('int_scoring_criteria') }}

),

attribute_points as (

    select * from {{ ref('int_candidate_attribute_points') }}

),

event_points as (

    select * from {{ ref('int_candidate_event_points') }}

),

candidate_criteria as (

    select
        candidates.candidate_id,
        -- the candidate's value for each attribute criterion, matched or not
        case criteria.criterion
            {%- for criterion in attribute_criteria %}
            {%- if criterion.match == 'band' %}
            when '{{ criterion.name }}'
                then {{ number_as_text('candidates.' ~ criterion.column) }}
            {%- else %}
            when '{{ criterion.name }}'
                then cast(candidates.{{ criterion.column }} as {{ dbt.type_string() }})
            {%- endif %}
            {%- endfor %}
        end as attribute_value,
        criteria.criterion,
        criteria.criterion_family,
        criteria.score_component,
        criteria.criterion_source,
        criteria.display_order
    from candidates
    cross join criteria

),

combined as (

    select
        candidate_criteria.candidate_id,
        candidate_criteria.criterion,
        candidate_criteria.criterion_family,
        candidate_criteria.score_component,
        candidate_criteria.criterion_source,
        candidate_criteria.display_order,
        case
            when candidate_criteria.criterion_source = 'attribute'
                then candidate_criteria.attribute_value
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
        '{{ var("weight_set") }}' as weight_set,
        {{ as_of_date() }} as scored_as_of
    from candidate_criteria
    left join attribute_points
        on
            candidate_criteria.candidate_id = attribute_points.candidate_id
            and candidate_criteria.criterion = attribute_points.criterion
    left join event_points
        on
            candidate_criteria.candidate_id = event_points.candidate_id
            and candidate_criteria.criterion = event_points.criterion

)

select * from combined
