-- Fit points: per candidate and attribute criterion, the seed rows of attribute_points that the
-- candidate's attribute matches, summed and capped. Candidates matching no row of a criterion
-- have no row here (int_candidate_criterion_points gives them 0).

{%- set attribute_criteria = scoring_criteria(source='attribute') %}

with candidates as (

    select * from {{ ref('int_candidates_enriched') }}

),

weights as (

    select * from {{ ref('attribute_points') }}
    where weight_set = '{{ var("weight_set") }}'

),

matches as (

    {%- for criterion in attribute_criteria %}
    {%- set candidate_value = 'candidates.' ~ criterion.column %}

    select
        candidates.candidate_id,
        weights.criterion,
        {% if criterion.match == 'band' -%}
        '[' || coalesce({{ number_as_text('weights.band_min') }}, '')
        || ', ' || coalesce({{ number_as_text('weights.band_max') }}, '') || ')'
        {%- else -%}
        weights.match_value
        {%- endif %} as matched_rule,
        weights.points,
        weights.criterion_points_cap
    from candidates
    inner join weights
        on
            weights.criterion = '{{ criterion.name }}'
            {% if criterion.match == 'value' -%}
            and cast({{ candidate_value }} as {{ dbt.type_string() }})
            = weights.match_value
            {%- elif criterion.match == 'band' -%}
            and (weights.band_min is null or {{ candidate_value }} >= weights.band_min)
            and (weights.band_max is null or {{ candidate_value }} < weights.band_max)
            {%- else -%}
            -- a comma-separated list (staging normalised the separators)
            and ',' || {{ candidate_value }} || ','
            like '%,' || weights.match_value || ',%'
            {%- endif %}
    where {{ candidate_value }} is not null
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

summed as (

    select
        candidate_id,
        criterion,
        {{ dbt.listagg('matched_rule', "', '", 'order by matched_rule') }}
            as matched_rule,
        count(*) as matched_rule_count,
        sum(points) as uncapped_points,
        max(criterion_points_cap) as points_cap
    from matches
    group by candidate_id, criterion

),

capped as (

    select
        candidate_id,
        criterion,
        matched_rule,
        matched_rule_count,
        {{ as_points('uncapped_points') }} as uncapped_points,
        points_cap,
        {{ as_points(
            'case
                when uncapped_points > points_cap then points_cap
                when uncapped_points < -points_cap then -points_cap
                else uncapped_points
            end'
        ) }} as points
    from summed

)

select * from capped
