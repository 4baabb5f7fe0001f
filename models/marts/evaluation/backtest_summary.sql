-- One row per weight set and outcome: how well the set's scores predicted the outcome on the
-- holdout prospects of every backtest date, pooled: AUC, Gini and KS, and how the top tier
-- converted against the average (its lift). Out of sample for a fitted set: the fit never sees
-- the holdout candidates. The first table to read when choosing between weight sets.

with metrics as (

    select * from {{ ref('int_backtest_ranking_metrics') }}
    where as_of_date is null

),

scenarios as (

    select
        weight_set,
        max(case when is_weight_set_in_force then 1 else 0 end) = 1
            as is_weight_set_in_force,
        sum(case when is_backtest_date then 1 else 0 end) as as_of_dates
    from {{ ref('int_scoring_scenarios') }}
    group by weight_set

),

-- the tier recruiters act on first: the best priority
top_tiers as (

    select
        weight_set,
        outcome,
        score_tier,
        conversion_rate,
        lift,
        row_number() over (
            partition by weight_set, outcome order by tier_priority, score_tier
        ) as tier_rank
    from {{ ref('backtest_tier_performance') }}

),

final as (

    select
        metrics.weight_set,
        scenarios.is_weight_set_in_force,
        metrics.outcome,
        scenarios.as_of_dates,
        metrics.candidates,
        metrics.conversions,
        metrics.conversion_rate,
        metrics.auc,
        metrics.gini,
        metrics.ks,
        top_tiers.score_tier as top_tier,
        top_tiers.conversion_rate as top_tier_conversion_rate,
        top_tiers.lift as top_tier_lift
    from metrics
    inner join scenarios
        on metrics.weight_set = scenarios.weight_set
    left join top_tiers
        on
            metrics.weight_set = top_tiers.weight_set
            and metrics.outcome = top_tiers.outcome
            and top_tiers.tier_rank = 1

)

select * from final
