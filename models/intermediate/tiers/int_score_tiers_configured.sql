-- The tiers of seeds/score_tiers.csv, every weight set, each with the action recruiters take.
-- The tier step reads them from here and int_score_tiers_selected holds the set in force: tier
-- names and bounds live only in the seed.

{{ config(materialized='view') }}

with score_tiers as (

    select * from {{ ref('score_tiers') }}

),

selected as (

    select
        weight_set,
        tier,
        lower_bound,
        is_disqualified_tier,
        is_on_recruiter_worklist,
        priority,
        recommended_action
    from score_tiers

)

select * from selected
