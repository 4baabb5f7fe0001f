-- For each challenger weight set, how many candidates on the as-of date would move from each
-- tier under the set in force to each tier under the challenger, unchanged pairs included: the
-- counts of a challenger add up to every candidate scored today.

with compared as (

    select * from {{ ref('int_candidate_tiers_compared') }}

),

counted as (

    select
        challenger_weight_set,
        tier_in_force,
        challenger_tier,
        count(*) as candidates,
        tier_in_force != challenger_tier as is_change
    from compared
    group by challenger_weight_set, tier_in_force, challenger_tier

)

select * from counted
