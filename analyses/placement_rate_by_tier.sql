-- How well the tiers predict placements on the data at hand: placement rate and lift per tier
-- against the base rate. Compile with `dbt compile --select placement_rate_by_tier` and run the
-- SQL in target/compiled/, or paste it into a BI tool.
-- Caution: scores as of today include the events that led to today's placements; judge a
-- weight set on scores as of a past date (var as_of_date) against placements made after it.

with candidate_scores as (

    select * from {{ ref('candidate_scores') }}

),

placed_candidates as (

    select distinct candidate_id
    from {{ ref('stg_recruitment__placements') }}
    where is_placed

),

outcomes as (

    select
        candidate_scores.score_tier,
        candidate_scores.tier_priority,
        case when placed_candidates.candidate_id is null then 0 else 1 end as is_placed
    from candidate_scores
    left join placed_candidates
        on candidate_scores.candidate_id = placed_candidates.candidate_id

),

base_rate as (

    select avg(cast(is_placed as {{ type_double() }})) as placement_rate
    from outcomes

),

by_tier as (

    select
        score_tier,
        tier_priority,
        count(*) as candidates,
        sum(is_placed) as placed_candidates,
        avg(cast(is_placed as {{ type_double() }})) as placement_rate
    from outcomes
    group by score_tier, tier_priority

)

select
    by_tier.score_tier,
    by_tier.candidates,
    by_tier.placed_candidates,
    by_tier.placement_rate,
    base_rate.placement_rate as base_placement_rate,
    by_tier.placement_rate / nullif(base_rate.placement_rate, 0) as lift
from by_tier
cross join base_rate
order by by_tier.tier_priority
