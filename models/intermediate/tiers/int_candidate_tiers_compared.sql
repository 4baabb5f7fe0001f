-- Every candidate scored on the as-of date under the weight set in force and under each other
-- weight set of the seeds: both tiers and totals side by side, changed or not. The tier-change
-- preview keeps the changes, tier_change_counts counts every pair.

with tiers as (

    select * from {{ ref('int_candidate_tiers_assigned') }}

),

scores as (

    select * from {{ ref('int_candidate_scores_summed') }}

),

live_scenario as (

    select * from {{ ref('int_scoring_scenarios') }}
    where is_live

),

scored_tiers as (

    select
        tiers.as_of_date,
        tiers.weight_set,
        tiers.candidate_id,
        tiers.score_tier,
        scores.total_score
    from tiers
    inner join scores
        on
            tiers.as_of_date = scores.as_of_date
            and tiers.weight_set = scores.weight_set
            and tiers.candidate_id = scores.candidate_id
    inner join live_scenario
        on tiers.as_of_date = live_scenario.as_of_date

),

compared as (

    select
        in_force.candidate_id,
        challenger.weight_set as challenger_weight_set,
        in_force.score_tier as tier_in_force,
        challenger.score_tier as challenger_tier,
        in_force.total_score as total_score_in_force,
        challenger.total_score as challenger_total_score,
        in_force.as_of_date
    from scored_tiers as in_force
    inner join live_scenario
        on in_force.weight_set = live_scenario.weight_set
    inner join scored_tiers as challenger
        on
            in_force.candidate_id = challenger.candidate_id
            and in_force.weight_set != challenger.weight_set

)

select * from compared
