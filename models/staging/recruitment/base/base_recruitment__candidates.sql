-- Every raw candidate row, typed and normalised, with the reason it cannot be used (NULL when
-- it can). stg_recruitment__candidates keeps the usable rows, rejected_raw_rows the others.

with source as (

    select * from {{ source('recruitment', 'candidates') }}

),

typed as (

    select
        -- ids
        nullif(trim(cast(candidate_id as {{ dbt.type_string() }})), '') as candidate_id,

        -- strings
        nullif(lower(trim(email)), '') as email,
        nullif(trim(full_name), '') as full_name,
        {{ normalise_text('job_title') }} as job_title,
        -- one comma between skills, whatever separator and spacing the extract used
        {{ replace_all_matches(
            normalise_text('skills'), ' ?[;,|] ?', ','
        ) }} as skills,
        nullif(trim(current_company), '') as current_company,
        {{ normalise_text('industry') }} as industry,
        upper(trim(country)) as country_code,
        nullif(trim(city), '') as city,
        {{ normalise_text('source_channel') }} as source_channel,
        -- columns beyond the contract that feed a criterion (var extra_candidate_columns)
        {%- for column in var('extra_candidate_columns') %}
        {{ normalise_text(
            'cast(' ~ column.name ~ ' as ' ~ dbt.type_string() ~ ')'
        ) }} as {{ column.name }},
        {%- endfor %}

        -- numerics: kept as raw text too, to name a value that does not convert
        nullif(trim(cast(years_experience as {{ dbt.type_string() }})), '')
            as years_experience_raw,
        {{ safe_cast(
            "nullif(trim(cast(years_experience as " ~ dbt.type_string() ~ ")), '')",
            type_double()
        ) }} as years_experience,
        nullif(trim(cast(company_size as {{ dbt.type_string() }})), '')
            as company_size_raw,
        {{ safe_cast(
            "nullif(trim(cast(company_size as " ~ dbt.type_string() ~ ")), '')",
            dbt.type_bigint()
        ) }} as company_size,
        nullif(trim(cast(company_revenue as {{ dbt.type_string() }})), '')
            as company_revenue_raw,
        {{ safe_cast(
            "nullif(trim(cast(company_revenue as " ~ dbt.type_string() ~ ")), '')",
            type_double()
        ) }} as company_revenue,

        -- booleans: a missing consent is no consent
        coalesce(cast(marketing_consent as {{ dbt.type_boolean() }}), false)
            as has_marketing_consent,
        coalesce(cast(do_not_contact as {{ dbt.type_boolean() }}), false)
            as is_do_not_contact,

        -- timestamps
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at

    from source

),

versioned as (

    select
        *,
        -- the latest version of a candidate wins; the tie-breakers make the pick repeatable
        1 = row_number() over (
            partition by candidate_id
            order by
                updated_at desc nulls last,
                created_at desc nulls last,
                job_title asc,
                years_experience_raw asc,
                email asc
        ) as is_latest_version
    from typed

),

validated as (

    select
        *,
        case
            when candidate_id is null then 'missing_candidate_id'
            when not is_latest_version then 'superseded_by_newer_version'
            when
                years_experience_raw is not null
                and (
                    years_experience is null
                    or years_experience < 0
                    or years_experience > 80
                )
                then 'invalid_years_experience'
            when
                company_size_raw is not null
                and (company_size is null or company_size < 0)
                then 'invalid_company_size'
            when
                company_revenue_raw is not null
                and (company_revenue is null or company_revenue < 0)
                then 'invalid_company_revenue'
        end as rejection_reason
    from versioned

),

explained as (

    select
        *,
        -- the raw value behind the rejection, for whoever fixes the extract
        case rejection_reason
            when 'missing_candidate_id' then email
            when 'superseded_by_newer_version'
                then cast(updated_at as {{ dbt.type_string() }})
            when 'invalid_years_experience' then years_experience_raw
            when 'invalid_company_size' then company_size_raw
            when 'invalid_company_revenue' then company_revenue_raw
        end as rejected_value
    from validated

)

select * from explained
