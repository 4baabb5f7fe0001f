-- One row per candidate version and attribute criterion: the value of the column the criterion
-- reads (var scoring_criteria), as text, and as a number for band criteria. The only loop over
-- the attribute criteria: the models after it are plain joins. Maintained like
-- int_candidates_enriched: a run redoes the candidates it enriched since this model's last run.

{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_fit_rows_to_redo(ref('int_candidates_enriched')) }}",
    on_schema_change='fail'
) }}

{%- set attribute_criteria = scoring_criteria(source='attribute') %}

with candidates as (

    select * from {{ ref('int_candidates_enriched') }}
    where {{ fit_rows_to_redo() }}

),

unpivoted as (

    {%- for criterion in attribute_criteria %}

    select
        candidate_id,
        version_rank,
        '{{ criterion.name }}' as criterion,
        '{{ criterion.match }}' as match_type,
        {% if criterion.match == 'band' -%}
        {{ number_as_text(criterion.column) }} as attribute_value,
        cast({{ criterion.column }} as {{ type_double() }}) as attribute_number
        {%- else -%}
        -- seeds hold lower-case values: every column matches whatever case staging kept
        lower(cast({{ criterion.column }} as {{ dbt.type_string() }})) as attribute_value,
        cast(null as {{ type_double() }}) as attribute_number
        {%- endif %},
        enriched_at
    from candidates
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

)

select * from unpivoted
