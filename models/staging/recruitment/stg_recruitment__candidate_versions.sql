-- Every usable version of each candidate: the latest (version_rank 1) and the older versions it
-- superseded, which backtests score for the dates they were in force.

with candidates as (

    select * from {{ ref('base_recruitment__candidates') }}
    where
        rejection_reason is null
        or rejection_reason = 'superseded_by_newer_version'

),

final as (

    select
        -- ids
        candidate_id,
        version_rank,

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
        is_latest_version,

        -- timestamps
        created_at,
        updated_at

    from candidates

)

select * from final
