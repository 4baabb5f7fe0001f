-- Every raw placement row, typed and normalised, with the reason it cannot be used (NULL when it
-- can). stg_recruitment__placements keeps the usable rows, rejected_raw_rows the others.

with source as (

    select * from {{ source('recruitment', 'placements') }}

),

-- candidates whose personal data must go (an erasure request, now or ever: the erasure
-- ledger): none of their rows is kept, not even as a rejected row; raw_row_reconciliation
-- counts them, anonymously
erased_candidates as (

    {{ erased_candidate_hashes() }}

),

candidates as (

    -- one row per candidate_id: its latest version decides whether it is usable
    select
        candidate_id,
        rejection_reason is null as is_accepted
    from {{ ref('base_recruitment__candidates') }}
    where candidate_id is not null and is_latest_version

),

typed as (

    select
        -- ids
        {{ normalise_id('source.candidate_id') }} as candidate_id,
        {{ normalise_id('source.job_id') }} as job_id,

        -- strings
        {{ normalise_code('source.status') }} as status,

        -- timestamps (UTC), with the raw text to name a value that does not convert
        {{ trimmed_text('source.applied_at') }} as applied_at_raw,
        {{ parse_utc_timestamp('source.applied_at') }} as applied_at,
        {{ trimmed_text('source.placed_at') }} as placed_at_raw,
        {{ parse_utc_timestamp('source.placed_at') }} as placed_at

    from source

),

versioned as (

    select
        *,
        -- one application per candidate and job: the latest one
        1 = row_number() over (
            partition by candidate_id, job_id
            order by applied_at desc nulls last, placed_at desc nulls last, status asc
        ) as is_latest_version
    from typed
    where not exists (
        select 1 from erased_candidates
        where erased_candidates.candidate_hash = md5(typed.candidate_id)
    )

),

validated as (

    select
        versioned.*,
        case
            when versioned.candidate_id is null then 'missing_candidate_id'
            when versioned.job_id is null then 'missing_job_id'
            when not versioned.is_latest_version then 'duplicate_application'
            when versioned.applied_at_raw is null then 'missing_applied_at'
            when versioned.applied_at is null then 'invalid_applied_at'
            when versioned.placed_at_raw is not null and versioned.placed_at is null
                then 'invalid_placed_at'
            when
                versioned.status is null
                or versioned.status not in (
                    {%- for status in var('placement_statuses') %}
                    {{ quoted_literal(status) }}{{ ',' if not loop.last }}
                    {%- endfor %}
                )
                then 'unknown_status'
            when versioned.status = 'placed' and versioned.placed_at is null
                then 'missing_placed_at'
            when versioned.placed_at < versioned.applied_at
                then 'placed_before_applied'
            when candidates.candidate_id is null then 'unknown_candidate'
            when not candidates.is_accepted then 'candidate_rejected'
        end as rejection_reason
    from versioned
    left join candidates
        on versioned.candidate_id = candidates.candidate_id

),

explained as (

    select
        *,
        -- the raw value behind the rejection, for whoever fixes the extract
        case rejection_reason
            when 'missing_candidate_id' then job_id
            when 'missing_job_id' then candidate_id
            when 'duplicate_application' then candidate_id || ' / ' || job_id
            when 'missing_applied_at' then candidate_id || ' / ' || job_id
            when 'invalid_applied_at' then applied_at_raw
            when 'invalid_placed_at' then placed_at_raw
            when 'unknown_status' then status
            when 'missing_placed_at' then candidate_id || ' / ' || job_id
            when 'placed_before_applied'
                then cast(placed_at as {{ dbt.type_string() }})
            when 'unknown_candidate' then candidate_id
            when 'candidate_rejected' then candidate_id
        end as rejected_value
    from validated

)

select * from explained
