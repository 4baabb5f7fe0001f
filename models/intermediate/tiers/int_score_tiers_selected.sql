-- The tiers of seeds/score_tiers.csv in the weight set in force, each with the action recruiters
-- take. The tier step, the worklist and the tests read tiers from here: tier names and bounds
-- live only in the seed.

{{ config(materialized='view') }}

with score_tiers as (

    select * from {{ ref('score_tiers') }}
    where weight_set = {{ weight_set_in_force() }}

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
