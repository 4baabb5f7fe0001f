-- The latest usable version of each candidate: one row per candidate_id.

with candidates as (

    select * from {{ ref('base_recruitment__candidates') }}
    where rejection_reason is null

),

final as (

    select
        -- ids
        candidate_id,

        -- strings
        email,
        full_name,
        job_title,
        skills,
        current_company,
        industry,
        country_code,
        city,
        source_channel,
        {%- for column in extra_candidate_columns() %}
        {{ column.name }},
        {%- endfor %}

        -- numerics
        years_experience,
        company_size,
        company_revenue,

        -- booleans: consent stays NULL where the extract has none (no consent, for scoring)
        has_marketing_consent,
        coalesce(is_do_not_contact, false) as is_do_not_contact,

        -- timestamps
        created_at,
        updated_at

    from candidates

)

select * from final
