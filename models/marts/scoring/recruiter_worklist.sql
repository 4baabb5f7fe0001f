-- The candidates recruiters call first: those in a tier marked is_on_recruiter_worklist
-- in seeds/score_tiers.csv, never a disqualified one, in priority order with the three
-- criteria that earned them the most points. No name or email: recruiters open the candidate
-- in the CRM, which takes contact details from restricted.crm_candidate_contacts.

with candidate_scores as (

    select * from {{ ref('candidate_scores') }}

),

top_reasons as (

    select * from {{ ref('int_candidate_top_reasons') }}

),

worklist_tiers as (

    select tier from {{ ref('int_score_tiers_selected') }}
    where is_on_recruiter_worklist and not is_disqualified_tier

),

worklisted as (

    select candidate_scores.*
    from candidate_scores
    inner join worklist_tiers
        on candidate_scores.score_tier = worklist_tiers.tier
    where not candidate_scores.is_disqualified

),

ranked as (

    select
        *,
        -- bigint on every engine (Spark's row_number is an int)
        cast(row_number() over (
            order by
                total_score desc,
                engagement_score desc,
                last_engaged_at desc nulls last,
                candidate_id asc
        ) as bigint) as priority_rank
    from worklisted

),

final as (

    select
        ranked.priority_rank,
        ranked.candidate_id,
        ranked.job_title,
        ranked.current_company,
        ranked.score_tier,
        ranked.recommended_action,
        ranked.total_score,
        ranked.fit_score,
        ranked.engagement_score,
        top_reasons.top_reasons,
        ranked.last_engaged_at,
        ranked.as_of_date
    from ranked
    left join top_reasons
        on ranked.candidate_id = top_reasons.candidate_id

)

select * from final
order by priority_rank
