-- The latest usable version of each candidate: one row per candidate_id.

with candidate_versions as (

    select * from {{ ref('stg_recruitment__candidate_versions') }}
    where is_latest_version

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

        -- booleans
        has_marketing_consent,
        is_do_not_contact,

        -- timestamps
        created_at,
        updated_at

    from candidate_versions

)

select * from final
