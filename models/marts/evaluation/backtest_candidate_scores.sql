-- The backtest population of the primary outcome (the first of var backtest.outcomes): per
-- weight set, backtest date and prospect, the scores, the tier and whether the outcome followed
-- within the window. What the report plots score distributions from.

{%- set backtest = backtest_settings() %}

with labelled as (

    select * from {{ ref('int_backtest_candidates_labelled') }}
    where is_primary_outcome

),

final as (

    select
        weight_set,
        is_weight_set_in_force,
        as_of_date,
        candidate_id,
        evaluation_sample,
        fit_score,
        engagement_score,
        total_score,
        score_tier,
        tier_priority,
        has_converted,
        -- the grid ends where the window has passed: always true, stated for readers
        {{ dbt.dateadd('day', backtest.outcome_window_days, 'as_of_date') }}
        <= {{ as_of_date() }} as is_outcome_window_complete
    from labelled

)

select * from final
