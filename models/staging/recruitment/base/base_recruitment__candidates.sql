-- Every raw candidate row, typed and normalised, with the reason it cannot be used (NULL when
-- it can). stg_recruitment__candidates keeps the usable rows, rejected_raw_rows the others.
-- Only a missing key or a consent field that does not convert rejects a row; an optional
-- value that does not convert is set to NULL and listed in rejected_raw_values.

with source as (

    select * from {{ source('recruitment', 'candidates') }}

),

-- candidates whose personal data must go (an erasure request, now or ever: the erasure
-- ledger): none of their rows is kept, not even as a rejected row; raw_row_reconciliation
-- counts them, anonymously
erased_candidates as (

    {{ erased_candidate_hashes() }}

),

typed as (

    select
        -- ids
        {{ normalise_id('candidate_id') }} as candidate_id,

        -- strings
        {{ normalise_text('email') }} as email,
        {{ clean_text('full_name') }} as full_name,
        {{ normalise_text('job_title') }} as job_title,
        -- one comma between skills, whatever separator and spacing the extract used: a tab
        -- or a line break separates too (a cell pasted from a column); a space, ordinary or
        -- non-breaking, belongs to the skill ('machine learning')
        nullif({{ replace_all_matches(
            replace_all_matches(
                normalise_text(replace_all_matches(
                    'cast(skills as ' ~ dbt.type_string() ~ ')', '[\\t\\n\\r]+', ';'
                )),
                '( ?[;,|] ?)+',
                ','
            ),
            '^,|,$',
            ''
        ) }}, '') as skills,
        {{ clean_text('current_company') }} as current_company,
        {{ normalise_text('industry') }} as industry,
        upper({{ clean_text('country') }}) as country_code,
        {{ clean_text('city') }} as city,
        {{ normalise_text('source_channel') }} as source_channel,
        -- columns beyond the contract that feed a criterion (var extra_candidate_columns)
        {%- for column in extra_candidate_columns() %}
        {%- if column.type == 'number' %}
        {{ parse_number(column.name) }} as {{ column.name }},
        {%- elif column.type == 'boolean' %}
        {{ parse_boolean(column.name) }} as {{ column.name }},
        {%- else %}
        {{ normalise_text(column.name) }} as {{ column.name }},
        {%- endif %}
        {%- endfor %}

        -- numerics, with the raw text to name a value that does not convert
        {{ clean_text('years_experience') }} as years_experience_raw,
        {{ parse_number('years_experience') }} as years_experience_parsed,
        {{ clean_text('company_size') }} as company_size_raw,
        {{ parse_number('company_size') }} as company_size_parsed,
        {{ clean_text('company_revenue') }} as company_revenue_raw,
        {{ parse_number('company_revenue') }} as company_revenue_parsed,

        -- booleans: NULL when the extract has no value
        {{ clean_text('marketing_consent') }} as marketing_consent_raw,
        {{ parse_boolean('marketing_consent') }} as has_marketing_consent,
        {{ clean_text('do_not_contact') }} as do_not_contact_raw,
        {{ parse_boolean('do_not_contact') }} as is_do_not_contact,

        -- timestamps (UTC)
        {{ trimmed_text('created_at') }} as created_at_raw,
        {{ parse_utc_timestamp('created_at') }} as created_at_parsed,
        {{ trimmed_text('updated_at') }} as updated_at_raw,
        {{ parse_utc_timestamp('updated_at') }} as updated_at_parsed

    from source

),

checked as (

    select
        *,
        -- optional values outside what they can be are no values
        case
            when years_experience_parsed between 0 and 80 then years_experience_parsed
        end as years_experience,
        case
            when
                company_size_parsed between 0 and 10000000
                and company_size_parsed = floor(company_size_parsed)
                then cast(company_size_parsed as {{ dbt.type_bigint() }})
        end as company_size,
        case
            when company_revenue_parsed >= 0 and company_revenue_parsed < 1e13
                then company_revenue_parsed
        end as company_revenue,
        -- a time after the run started (a sentinel such as 9999-12-31, a clock ahead) cannot be
        -- trusted to say which version is newer
        case
            when created_at_parsed <= {{ run_started_timestamp() }} then created_at_parsed
        end as created_at,
        case
            when updated_at_parsed <= {{ run_started_timestamp() }} then updated_at_parsed
        end as updated_at
    from typed
    where not exists (
        select 1 from erased_candidates
        where erased_candidates.candidate_hash = md5(typed.candidate_id)
    )

),

versioned as (

    select
        *,
        -- the latest version of a candidate wins (rank 1); between versions of the same time,
        -- the one that restricts contact most; the last tie-breakers make the pick repeatable.
        -- A backtest date takes the best-ranked version known by then.
        row_number() over (
            partition by candidate_id
            order by
                updated_at desc nulls last,
                coalesce(is_do_not_contact, false) desc,
                coalesce(has_marketing_consent, false) asc,
                created_at desc nulls last,
                job_title asc,
                years_experience_raw asc,
                email asc
        ) as version_rank
    from checked

),

ranked as (

    select
        *,
        version_rank = 1 as is_latest_version
    from versioned

),

validated as (

    select
        *,
        case
            when candidate_id is null then 'missing_candidate_id'
            when marketing_consent_raw is not null and has_marketing_consent is null
                then 'invalid_marketing_consent'
            when do_not_contact_raw is not null and is_do_not_contact is null
                then 'invalid_do_not_contact'
            when not is_latest_version then 'superseded_by_newer_version'
        end as rejection_reason
    from ranked

),

explained as (

    select
        *,
        -- the raw value behind the rejection, for whoever fixes the extract
        case rejection_reason
            when 'missing_candidate_id' then email
            when 'invalid_marketing_consent' then marketing_consent_raw
            when 'invalid_do_not_contact' then do_not_contact_raw
            when 'superseded_by_newer_version' then updated_at_raw
        end as rejected_value
    from validated

)

select * from explained
