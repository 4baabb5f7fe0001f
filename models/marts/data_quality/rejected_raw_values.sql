-- Every value of a used raw row that staging set to NULL because it does not convert or cannot
-- be true, with the column, the reason and the raw value. The row itself is used (a bad
-- optional value never costs a candidate their score); this lists what was lost of it.

{%- set checked_columns = [
    ('years_experience', 'invalid_years_experience'),
    ('company_size', 'invalid_company_size'),
    ('company_revenue', 'invalid_company_revenue'),
    ('created_at', 'invalid_created_at'),
    ('updated_at', 'invalid_updated_at'),
] %}

with candidates as (

    select * from {{ ref('base_recruitment__candidates') }}
    where rejection_reason is null

),

rejected_values as (

    {%- for column, reason in checked_columns %}

    select
        'candidates' as source_table,
        candidate_id as record_id,
        '{{ column }}' as column_name,
        {%- if column in ('created_at', 'updated_at') %}
        case
            when {{ column }}_parsed is null then '{{ reason }}'
            else '{{ column }}_in_future'
        end as rejection_reason,
        {%- else %}
        '{{ reason }}' as rejection_reason,
        {%- endif %}
        {{ column }}_raw as rejected_value
    from candidates
    where {{ column }}_raw is not null and {{ column }} is null
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

)

select * from rejected_values
