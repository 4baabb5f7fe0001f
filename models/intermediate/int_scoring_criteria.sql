-- The scoring criteria configured in var scoring_criteria (dbt_project.yml), as a relation the
-- weight seeds and the score breakdown can be checked against and joined to. A view: it only
-- restates configuration.

{{ config(materialized='view') }}

{%- set criteria = scoring_criteria() %}

with criteria as (

    {%- for criterion in criteria %}

    select
        '{{ criterion.name }}' as criterion,
        '{{ criterion.family }}' as criterion_family,
        '{{ criterion.score }}' as score_component,
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
