-- Per raw table: rows read, rows used (in the stg_ model), rows rejected (in
-- rejected_raw_rows) and rows erased (of a candidate with an erasure request: counted, never
-- kept). raw_rows must equal accepted_rows plus rejected_rows plus erased_rows; a test holds
-- the project to it, so a row lost or duplicated by a join anywhere in staging shows here.

{%- set raw_tables = [
    ('candidates', 'base_recruitment__candidates', 'stg_recruitment__candidates'),
    ('engagement_events', 'base_recruitment__engagement_events', 'stg_recruitment__engagement_events'),
    ('placements', 'base_recruitment__placements', 'stg_recruitment__placements'),
    ('recruiter_feedback', 'base_recruitment__recruiter_feedback', 'stg_recruitment__recruiter_feedback'),
] %}

with rejected_counts as (

    select
        source_table,
        count(*) as rejected_rows
    from {{ ref('rejected_raw_rows') }}
    group by source_table

),

{%- for source_table, base_model, staging_model in raw_tables %}

{{ source_table }}_counts as (

    select
        '{{ source_table }}' as source_table,
        (select count(*) from {{ source('recruitment', source_table) }}) as raw_rows,
        (select count(*) from {{ ref(staging_model) }}) as accepted_rows,
        {%- if source_table == 'engagement_events' %}
        -- the loaded events keep an anonymous trace of each erased row
        (
            select count(*) from {{ ref('base_recruitment__engagement_events_loaded') }}
            where is_erased
        ) as erased_rows
        {%- else %}
        -- the base model keeps every raw row but those of erased candidates
        (select count(*) from {{ source('recruitment', source_table) }})
        - (select count(*) from {{ ref(base_model) }}) as erased_rows
        {%- endif %}

),
{%- endfor %}

-- an optional table (read through its base model, which is empty without it); a request is
-- used or rejected, never erased
erasure_requests_counts as (

    select
        'erasure_requests' as source_table,
        (select count(*) from {{ ref('base_recruitment__erasure_requests') }}) as raw_rows,
        (
            select count(*) from {{ ref('base_recruitment__erasure_requests') }}
            where rejection_reason is null
        ) as accepted_rows,
        0 as erased_rows

),

table_counts as (

    {%- for source_table, base_model, staging_model in raw_tables %}
    select * from {{ source_table }}_counts
    union all
    {%- endfor %}
    select * from erasure_requests_counts

),

reconciled as (

    select
        table_counts.source_table,
        cast(table_counts.raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
        cast(table_counts.accepted_rows as {{ dbt.type_bigint() }}) as accepted_rows,
        cast(coalesce(rejected_counts.rejected_rows, 0) as {{ dbt.type_bigint() }})
            as rejected_rows,
        cast(table_counts.erased_rows as {{ dbt.type_bigint() }}) as erased_rows
    from table_counts
    left join rejected_counts
        on table_counts.source_table = rejected_counts.source_table

)

select * from reconciled
