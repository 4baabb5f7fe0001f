-- backtest_tier_performance as the semantic layer reads it: per weight set, outcome and tier,
-- the holdout prospects and conversions pooled over the backtest grid, with what MetricFlow
-- needs besides: the grid's first and last dates (a metric needs a time dimension; the last
-- date is the one the pooled row is known through) and flags for the weight set in force and
-- the primary outcome, so a metric can count every prospect once.

-- A table built with the backtest (tag backtest): a nightly run that scores the as-of date
-- only keeps it as the last backtest left it.
{{ config(schema='semantic', materialized='table', tags=['backtest']) }}

{%- set backtest = backtest_settings() %}

with tier_performance as (

    select * from {{ ref('backtest_tier_performance') }}

),

-- the weight set in force is chosen in int_scoring_scenarios only
weight_sets as (

    select distinct
        weight_set,
        is_weight_set_in_force
    from {{ ref('int_scoring_scenarios') }}

),

backtest_dates as (

    select
        min(as_of_date) as first_backtest_date,
        max(as_of_date) as last_backtest_date
    from {{ ref('int_scoring_scenarios') }}
    where is_backtest_date

),

final as (

    select
        -- grain
        tier_performance.weight_set,
        tier_performance.outcome,
        tier_performance.score_tier,
        tier_performance.tier_priority,

        -- counts
        tier_performance.candidates,
        tier_performance.conversions,

        -- booleans
        weight_sets.is_weight_set_in_force,
        -- the first outcome of var backtest is the primary, as in int_backtest_candidates_labelled
        tier_performance.outcome = '{{ backtest.outcomes[0] }}' as is_primary_outcome,

        -- dates
        backtest_dates.first_backtest_date,
        backtest_dates.last_backtest_date

    from tier_performance
    inner join weight_sets
        on tier_performance.weight_set = weight_sets.weight_set
    cross join backtest_dates

)

select * from final
