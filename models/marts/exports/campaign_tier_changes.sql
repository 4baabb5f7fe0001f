-- Tier changes first seen on this build's as-of date, for marketing-automation triggers:
-- trigger 'became_hot' creates a recruiter task, 'became_cold' enrols in a nurture campaign.
-- Only candidates who may be contacted today: a move into the disqualified tier is not a
-- campaign, and the CRM export already drops them.

with changes as (

    select * from {{ ref('tier_changes_today') }}

),

candidate_scores as (

    select * from {{ ref('candidate_scores') }}

),

final as (

    select
        changes.candidate_id,
        changes.previous_tier,
        changes.score_tier,
        changes.direction,
        changes.recommended_action,
        changes.previous_total_score_points,
        changes.total_score_points,
        changes.changed_as_of,
        'became_' || changes.score_tier as campaign_trigger
    from changes
    inner join candidate_scores
        on changes.candidate_id = candidate_scores.candidate_id
    where not candidate_scores.is_disqualified

)

select * from final
