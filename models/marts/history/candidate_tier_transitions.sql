-- Every time a candidate entered a tier, from the score history: who became hot when, and
-- from which tier. A change of score within the same tier is history, not a transition.

with history as (

    select * from {{ ref('candidate_score_history') }}

),

tiers as (

    select * from {{ ref('int_score_tiers_configured') }}

),

sequenced as (

    select
        candidate_id,
        score_tier,
        tier_priority,
        total_score_points,
        weight_set,
        scored_as_of,
        dbt_valid_from,
        dbt_valid_to,
        lag(score_tier) over (
            partition by candidate_id order by dbt_valid_from
        ) as previous_tier,
        lag(tier_priority) over (
            partition by candidate_id order by dbt_valid_from
        ) as previous_tier_priority,
        lag(total_score_points) over (
            partition by candidate_id order by dbt_valid_from
        ) as previous_total_score_points,
        lag(scored_as_of) over (
            partition by candidate_id order by dbt_valid_from
        ) as previous_scored_as_of
    from history

),

final as (

    select
        -- ids
        sequenced.candidate_id,

        -- the change
        sequenced.previous_tier,
        sequenced.score_tier,
        tiers.recommended_action,
        sequenced.previous_total_score_points,
        sequenced.total_score_points,
        sequenced.weight_set,

        -- dates and timestamps
        sequenced.previous_scored_as_of,
        sequenced.scored_as_of as changed_as_of,
        sequenced.dbt_valid_from as recorded_at,

        -- derived
        {{ tier_change_direction(
            'sequenced.previous_tier',
            'sequenced.previous_tier_priority',
            'sequenced.tier_priority'
        ) }} as direction,
        sequenced.dbt_valid_to is null as is_current_tier

    from sequenced
    left join tiers
        on
            sequenced.weight_set = tiers.weight_set
            and sequenced.score_tier = tiers.tier
    where
        sequenced.previous_tier is null
        or sequenced.previous_tier != sequenced.score_tier

)

select * from final
