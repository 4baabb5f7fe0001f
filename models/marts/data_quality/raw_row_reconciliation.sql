-- Per raw table: rows read, rows used, rows rejected. raw_rows always equals accepted_rows plus
-- rejected_rows; a test holds the project to it.

{%- set sources = [
    ('candidates', 'base_recruitment__candidates'),
    ('engagement_events', 'base_recruitment__engagement_events'),
    ('placements', 'base_recruitment__placements'),
] %}

with

{%- for source_table, base_model in sources %}

{{ source_table }}_counts as (

    select
        '{{ source_table }}' as source_table,
        (select count(*) from {{ source('recruitment', source_table) }}) as raw_rows,
        cast(
            sum(case when rejection_reason is null then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as accepted_rows,
        cast(
            sum(case when rejection_reason is not null then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as rejected_rows
    from {{ ref(base_model) }}

),
{%- endfor %}

unioned as (

    {%- for source_table, base_model in sources %}
    select * from {{ source_table }}_counts
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select * from unioned
