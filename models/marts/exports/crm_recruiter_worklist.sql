-- The recruiter worklist as the CRM receives it: whom to call first and why, by candidate id
-- (the CRM holds the contact details). The worklist never holds a disqualified candidate.

with worklist as (

    select * from {{ ref('recruiter_worklist') }}

),

final as (

    select
        priority_rank,
        candidate_id,
        job_title,
        current_company,
        score_tier,
        recommended_action,
        total_score,
        fit_score,
        engagement_score,
        top_reasons,
        last_engaged_at,
        as_of_date as scored_as_of
    from worklist

)

select * from final
