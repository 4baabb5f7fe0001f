-- Every candidate's tier is the one score_tiers gives: the disqualified tier exactly when the
-- candidate is disqualified, otherwise the scoring tier whose lower bound is the highest the
-- total score reaches. Checked against the seed independently of how the model assigns it.

with tiers as (

    select * from {{ ref('int_score_tiers_selected') }}

),

candidate_scores as (

    select * from {{ ref('candidate_scores') }}

)

select
    candidate_scores.candidate_id,
    candidate_scores.total_score,
    candidate_scores.score_tier,
    candidate_scores.is_disqualified
from candidate_scores
left join tiers as assigned_tier
    on candidate_scores.score_tier = assigned_tier.tier
where
    -- a tier the seed does not have
    assigned_tier.tier is null
    -- disqualified exactly when in the disqualified tier
    or candidate_scores.is_disqualified != assigned_tier.is_disqualified_tier
    -- the score is below the tier's lower bound
    or (
        not candidate_scores.is_disqualified
        and candidate_scores.total_score < assigned_tier.lower_bound
    )
    -- the score reaches a higher scoring tier
    or (
        not candidate_scores.is_disqualified
        and exists (
            select 1
            from tiers as higher_tier
            where
                not higher_tier.is_disqualified_tier
                and higher_tier.lower_bound <= candidate_scores.total_score
                and (
                    assigned_tier.lower_bound is null
                    or higher_tier.lower_bound > assigned_tier.lower_bound
                )
        )
    )
    -- the action and priority are the tier's
    or candidate_scores.recommended_action != assigned_tier.recommended_action
    or candidate_scores.tier_priority != assigned_tier.priority
