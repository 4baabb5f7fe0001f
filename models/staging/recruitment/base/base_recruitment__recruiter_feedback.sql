-- Every raw recruiter feedback row, typed and normalised, with the reason it cannot be used
-- (NULL when it can). stg_recruitment__recruiter_feedback keeps the usable rows,
-- rejected_raw_rows the others. A disposition is read in any case and spacing ('Not a Fit',
-- ' not-a-fit ') and must then be one of the known codes; the reason text is optional.

{%- set dispositions = ['good_fit', 'not_a_fit', 'no_response'] %}

with source as (

    select * from {{ source('recruitment', 'recruiter_feedback') }}

),

-- candidates whose personal data must go (an erasure request, now or ever: the erasure
-- ledger): none of their rows is kept, not even as a rejected row; raw_row_reconciliation
-- counts them, anonymously
erased_candidates as (

    {{ erased_candidate_hashes() }}

),

-- the candidate rows of the same extract, to tell an unknown candidate from a rejected one
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
        -- ids: ATS ids, joined whatever their case, padding or numeric type (6.0 is 6)
        {{ normalise_id('source.feedback_id') }} as feedback_id,
        {{ normalise_id('source.candidate_id') }} as candidate_id,
        {{ normalise_id('source.recruiter_id') }} as recruiter_id,

        -- strings, with the raw disposition to name one that is not known
        {{ clean_text('source.disposition') }} as disposition_raw,
        {{ normalise_code('source.disposition') }} as disposition,
        {{ clean_text('source.reason') }} as reason,

        -- timestamps (UTC), with the raw text to name a value that does not convert
        {{ trimmed_text('source.given_at') }} as given_at_raw,
        {{ parse_utc_timestamp('source.given_at') }} as given_at

    from source

),

deduplicated as (

    select
        *,
        -- a re-exported row repeats its feedback_id: the first copy counts; the last
        -- tie-breakers make the pick repeatable
        1 = row_number() over (
            partition by feedback_id
            order by
                given_at nulls last,
                candidate_id,
                disposition,
                recruiter_id,
                reason
        ) as is_first_copy
    from typed
    where not exists (
        select 1 from erased_candidates
        where erased_candidates.candidate_hash = md5(typed.candidate_id)
    )

),

validated as (

    select
        deduplicated.*,
        case
            when deduplicated.feedback_id is null then 'missing_feedback_id'
            when not deduplicated.is_first_copy then 'duplicate_feedback_id'
            when deduplicated.candidate_id is null then 'missing_candidate_id'
            when deduplicated.disposition is null then 'missing_disposition'
            when
                deduplicated.disposition not in (
                    {%- for disposition in dispositions %}
                    {{ quoted_literal(disposition) }}{{ ',' if not loop.last }}
                    {%- endfor %}
                )
                then 'unknown_disposition'
            when deduplicated.given_at_raw is null then 'missing_given_at'
            when deduplicated.given_at is null then 'invalid_given_at'
            when deduplicated.given_at > {{ run_started_timestamp() }}
                then 'given_in_future'
            when candidates.candidate_id is null then 'unknown_candidate'
            when not candidates.is_accepted then 'candidate_rejected'
        end as rejection_reason
    from deduplicated
    left join candidates
        on deduplicated.candidate_id = candidates.candidate_id

),

explained as (

    select
        *,
        -- the raw value behind the rejection, for whoever fixes the extract
        case rejection_reason
            when 'missing_feedback_id' then candidate_id
            when 'duplicate_feedback_id' then feedback_id
            when 'missing_candidate_id' then feedback_id
            when 'missing_disposition' then feedback_id
            when 'unknown_disposition' then disposition_raw
            when 'missing_given_at' then feedback_id
            when 'invalid_given_at' then given_at_raw
            when 'given_in_future' then given_at_raw
            when 'unknown_candidate' then candidate_id
            when 'candidate_rejected' then candidate_id
        end as rejected_value
    from validated

)

select * from explained
