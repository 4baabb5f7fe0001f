-- The scoring criteria configured in vars scoring_criteria and score_components
-- (dbt_project.yml), one row each, with the score component each one adds to. The weight seeds
-- are checked against it and every candidate gets a row per criterion from it. A view: it only
-- restates configuration.

{{ config(materialized='view') }}

{%- set criteria = scoring_criteria() %}

with criteria as (

    {%- for criterion in criteria %}

    select
        '{{ criterion.name }}' as criterion,
        '{{ criterion.family }}' as criterion_family,
        '{{ criterion.score_component }}' as score_component,
        '{{ criterion.source }}' as criterion_source,
        {% if criterion.column -%}
        '{{ criterion.column }}'
        {%- else -%}
        cast(null as {{ dbt.type_string() }})
        {%- endif %} as candidate_column,
        {% if criterion.match -%}
        '{{ criterion.match }}'
        {%- else -%}
        cast(null as {{ dbt.type_string() }})
        {%- endif %} as match_type,
        {{ loop.index }} as display_order
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

)

select * from criteria
