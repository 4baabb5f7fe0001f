-- Preview before you ship: every candidate whose tier on the as-of date would change if another
-- weight set of the seeds replaced the set in force, one row per candidate and challenger set,
-- with both totals and tiers. tier_change_counts counts every from/to pair.

with compared as (

    select * from {{ ref('int_candidate_tiers_compared') }}

),

changes as (

    select
        candidate_id,
        challenger_weight_set,
        tier_in_force,
        challenger_tier,
        total_score_in_force,
        challenger_total_score,
        as_of_date
    from compared
    where tier_in_force != challenger_tier

)

select * from changes
