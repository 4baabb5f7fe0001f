-- The weight set named by var weight_set has rows in every weight seed, and every configured
-- criterion has at least one weight row in it: a criterion without weights would silently
-- score 0 for everyone.

{%- set weight_set = var('weight_set') %}

with criteria as (

    select * from {{ ref('int_scoring_criteria') }}

),

weighted_criteria as (

    select distinct criterion from {{ ref('attribute_points') }}
    where weight_set = '{{ weight_set }}'
    union all
    select distinct criterion from {{ ref('event_points') }}
    where weight_set = '{{ weight_set }}'

),

unweighted_criteria as (

    select
        criteria.criterion as missing,
        'criterion without weight rows in weight set {{ weight_set }}' as problem
    from criteria
    left join weighted_criteria
        on criteria.criterion = weighted_criteria.criterion
    where weighted_criteria.criterion is null

),

tier_rows as (

    select count(*) as tier_count
    from {{ ref('score_tiers') }}
    where weight_set = '{{ weight_set }}'

),

missing_tiers as (

    select
        'score_tiers' as missing,
        'no tiers for weight set {{ weight_set }}' as problem
    from tier_rows
    where tier_count = 0

)

select * from unweighted_criteria
union all
select * from missing_tiers
