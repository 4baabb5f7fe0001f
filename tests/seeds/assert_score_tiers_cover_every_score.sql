-- Per weight set, the tiers leave no gap and no ambiguity: exactly one disqualified tier,
-- exactly one floor tier (no lower bound) that takes every score below the others, distinct
-- lower bounds for the other scoring tiers, and no lower bound on the disqualified tier.

with tiers as (

    select * from {{ ref('score_tiers') }}

),

per_weight_set as (

    select
        weight_set,
        sum(case when is_disqualified_tier then 1 else 0 end) as disqualified_tiers,
        sum(
            case when not is_disqualified_tier and lower_bound is null then 1 else 0 end
        ) as floor_tiers,
        sum(case when is_disqualified_tier and lower_bound is not null then 1 else 0 end)
            as disqualified_tiers_with_bound,
        count(distinct case when not is_disqualified_tier then lower_bound end)
            as distinct_lower_bounds,
        sum(
            case when not is_disqualified_tier and lower_bound is not null then 1 else 0 end
        ) as bounded_tiers
    from tiers
    group by weight_set

)

select * from per_weight_set
where
    disqualified_tiers != 1
    or floor_tiers != 1
    or disqualified_tiers_with_bound != 0
    or distinct_lower_bounds != bounded_tiers
