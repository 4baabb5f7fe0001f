-- The nightly CRM field update: every candidate who may be contacted, with their scores, tier,
-- action and why. A candidate without consent, marked do-not-contact, unsubscribed or bounced
-- is not in it: the CRM sync mirrors this file, so leaving them out clears their fields.

with candidate_scores as (

    select * from {{ ref('candidate_scores') }}

),

top_reasons as (

    select * from {{ ref('int_candidate_top_reasons') }}

),

final as (

    select
        candidate_scores.candidate_id,
        candidate_scores.fit_score,
        candidate_scores.engagement_score,
        candidate_scores.total_score,
        candidate_scores.score_tier,
        candidate_scores.tier_priority,
        candidate_scores.recommended_action,
        top_reasons.top_reasons,
        candidate_scores.weight_set,
        candidate_scores.as_of_date as scored_as_of
    from candidate_scores
    left join top_reasons
        on candidate_scores.candidate_id = top_reasons.candidate_id
    where not candidate_scores.is_disqualified

)

select * from final
