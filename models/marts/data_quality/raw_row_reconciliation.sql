-- Per raw table: rows read, rows used (in the stg_ model), rows rejected (in
-- rejected_raw_rows). raw_rows must equal accepted_rows plus rejected_rows; a test holds the
-- project to it, so a row lost or duplicated by a join anywhere in staging shows here.

{%- set raw_tables = [
    ('candidates', 'stg_recruitment__candidates'),
    ('engagement_events', 'stg_recruitment__engagement_events'),
    ('placements', 'stg_recruitment__placements'),
    ('recruiter_feedback', 'stg_recruitment__recruiter_feedback'),
] %}

with rejected_counts as (

    select
        source_table,
        count(*) as rejected_rows
    from {{ ref('rejected_raw_rows') }}
    group by source_table

),

{%- for source_table, staging_model in raw_tables %}

{{ source_table }}_counts as (

    select
        '{{ source_table }}' as source_table,
        (select count(*) from {{ source('recruitment', source_table) }}) as raw_rows,
        (select count(*) from {{ ref(staging_model) }}) as accepted_rows

),
{%- endfor %}

table_counts as (

    {%- for source_table, staging_model in raw_tables %}
    select * from {{ source_table }}_counts
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

reconciled as (

    select
        table_counts.source_table,
        cast(table_counts.raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
        cast(table_counts.accepted_rows as {{ dbt.type_bigint() }}) as accepted_rows,
        cast(coalesce(rejected_counts.rejected_rows, 0) as {{ dbt.type_bigint() }})
            as rejected_rows
    from table_counts
    left join rejected_counts
        on table_counts.source_table = rejected_counts.source_table

)

select * from reconciled
