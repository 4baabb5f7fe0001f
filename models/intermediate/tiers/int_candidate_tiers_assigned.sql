-- One row per scored date, weight set and candidate: the tier and the action it calls for. A
-- disqualified candidate is in the disqualified tier whatever the score; anyone else is in the
-- scoring tier of the weight set with the highest lower bound the total score reaches (the floor
-- tier, without a bound, takes the rest).

with scores as (

    select * from {{ ref('int_candidate_scores_summed') }}

),

disqualifications as (

    select * from {{ ref('int_candidates_disqualified') }}

),

tiers as (

    select * from {{ ref('int_score_tiers_configured') }}

),

-- every tier the candidate qualifies for, the one to assign ranked first
eligible_tiers as (

    select
        scores.as_of_date,
        scores.weight_set,
        scores.candidate_id,
        tiers.tier,
        tiers.priority,
        tiers.recommended_action,
        row_number() over (
            partition by scores.as_of_date, scores.weight_set, scores.candidate_id
            order by tiers.lower_bound desc nulls last
        ) as tier_rank
    from scores
    inner join disqualifications
        on
            scores.as_of_date = disqualifications.as_of_date
            and scores.candidate_id = disqualifications.candidate_id
    inner join tiers
        on
            scores.weight_set = tiers.weight_set
            and case
                when disqualifications.is_disqualified then tiers.is_disqualified_tier
                else
                    not tiers.is_disqualified_tier
                    and (
                        tiers.lower_bound is null
                        or scores.total_score >= tiers.lower_bound
                    )
            end

),

assigned as (

    select
        scores.as_of_date,
        scores.weight_set,
        scores.is_live,
        scores.candidate_id,
        eligible_tiers.tier as score_tier,
        eligible_tiers.priority as tier_priority,
        eligible_tiers.recommended_action,
        disqualifications.is_disqualified,
        disqualifications.disqualification_reasons
    from scores
    inner join disqualifications
        on
            scores.as_of_date = disqualifications.as_of_date
            and scores.candidate_id = disqualifications.candidate_id
    -- a left join: a weight set missing a tier must not drop candidates (the seed tests say so)
    left join eligible_tiers
        on
            scores.as_of_date = eligible_tiers.as_of_date
            and scores.weight_set = eligible_tiers.weight_set
            and scores.candidate_id = eligible_tiers.candidate_id
            and eligible_tiers.tier_rank = 1

)

select * from assigned
