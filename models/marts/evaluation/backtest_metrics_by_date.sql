-- How well each weight set ranks the holdout prospects on each backtest date, per outcome: AUC,
-- Gini and KS, with the candidates and conversions behind them. A set that ranks well on every
-- date is stable; one that ranks well only on some dates is luck.

with metrics as (

    select * from {{ ref('int_backtest_ranking_metrics') }}
    where as_of_date is not null

),

scenarios as (

    select distinct
        weight_set,
        is_weight_set_in_force
    from {{ ref('int_scoring_scenarios') }}

),

final as (

    select
        metrics.weight_set,
        scenarios.is_weight_set_in_force,
        metrics.outcome,
        metrics.as_of_date,
        metrics.candidates,
        metrics.conversions,
        metrics.conversion_rate,
        metrics.auc,
        metrics.gini,
        metrics.ks
    from metrics
    inner join scenarios
        on metrics.weight_set = scenarios.weight_set

)

select * from final
