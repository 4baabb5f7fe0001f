-- Usable recruiter feedback: one row per feedback_id, with a known disposition, for an accepted
-- candidate, not in the future.

with feedback as (

    select * from {{ ref('base_recruitment__recruiter_feedback') }}
    where rejection_reason is null

),

final as (

    select
        -- ids
        feedback_id,
        candidate_id,
        recruiter_id,

        -- strings
        disposition,
        reason,

        -- timestamps
        given_at

    from feedback

)

select * from final
