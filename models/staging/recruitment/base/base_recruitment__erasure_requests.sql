-- Every raw erasure request (a candidate's right to be forgotten), with the reason it cannot be
-- used (NULL when it can). The other base models drop every row of a requested candidate, so
-- no model, export or publication built after the request holds their personal data.
-- The extract is optional: a warehouse without the table has no request, and builds.
-- A request applies whatever its time says: a time that does not convert must not keep a
-- candidate's data.

{%- set requests_source = source('recruitment', 'erasure_requests') %}
{%- set requests_table = adapter.get_relation(
    database=requests_source.database,
    schema=requests_source.schema,
    identifier=requests_source.identifier,
) if execute else none %}

with source as (

    {%- if requests_table is not none %}
    select * from {{ requests_source }}
    {%- else %}
    -- no erasure_requests table in the raw schema: no request
    select
        cast(null as {{ dbt.type_string() }}) as candidate_id,
        cast(null as {{ dbt.type_string() }}) as requested_at
    where 1 = 0
    {%- endif %}

),

typed as (

    select
        -- ids
        {{ normalise_id('candidate_id') }} as candidate_id,

        -- timestamps (UTC), with the raw text to name a value that does not convert
        {{ trimmed_text('requested_at') }} as requested_at_raw,
        {{ parse_utc_timestamp('requested_at') }} as requested_at

    from source

),

validated as (

    select
        *,
        case
            when candidate_id is null then 'missing_candidate_id'
        end as rejection_reason,
        -- the raw value behind the rejection, for whoever fixes the extract
        case
            when candidate_id is null then requested_at_raw
        end as rejected_value
    from typed

)

select * from validated
