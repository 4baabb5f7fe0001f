-- The weight set in force (var weight_set) has tiers, and every configured criterion has at
-- least one weight row in it: a criterion without weights would silently score 0 for everyone.
-- Each failing row names the missing criterion or seed.

with criteria as (

    select * from {{ ref('int_scoring_criteria_configured') }}

),

weighted_criteria as (

    select distinct criterion from {{ ref('int_attribute_weights_selected') }}
    union all
    select distinct criterion from {{ ref('int_event_weights_selected') }}

),

unweighted_criteria as (

    select
        criteria.criterion as missing,
        'criterion without weight rows in weight set ' || {{ weight_set_in_force() }}
            as problem
    from criteria
    left join weighted_criteria
        on criteria.criterion = weighted_criteria.criterion
    where weighted_criteria.criterion is null

),

tier_rows as (

    select count(*) as tier_count from {{ ref('int_score_tiers_selected') }}

),

missing_tiers as (

    select
        'score_tiers' as missing,
        'no tiers for weight set ' || {{ weight_set_in_force() }} as problem
    from tier_rows
    where tier_count = 0

)

select * from unweighted_criteria
union all
select * from missing_tiers
