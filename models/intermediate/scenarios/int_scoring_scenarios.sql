-- What one build scores: every weight set of the seeds on the as-of date (the set in force
-- feeds the live marts, the others the tier-change preview), and, unless var run_backtest is
-- false, on each date of the backtest grid (var backtest): the first of a month, monthly back
-- from the latest one whose outcome window has passed by the as-of date. The one place the
-- weight set in force is chosen.

{%- set backtest = backtest_settings() %}

with weight_sets as (

    select distinct weight_set from {{ ref('score_tiers') }}

),

as_of as (

    select {{ as_of_date() }} as as_of_date

),

last_backtest_month as (

    select
        cast({{ dbt.date_trunc(
            'month',
            dbt.dateadd('day', -backtest.outcome_window_days, 'as_of_date')
        ) }} as date) as month_start
    from as_of

),

scored_dates as (

    select
        as_of_date,
        false as is_backtest_date
    from as_of
    {#- a nightly run (var run_backtest false) scores the as-of date only #}
    {%- for months_back in range(backtest.months | int if var('run_backtest') else 0) %}

    union all

    select
        cast({{ dbt.dateadd('month', -months_back, 'month_start') }} as date) as as_of_date,
        true as is_backtest_date
    from last_backtest_month
    {%- endfor %}

),

scenarios as (

    select
        scored_dates.as_of_date,
        weight_sets.weight_set,
        weight_sets.weight_set = {{ weight_set_in_force() }} as is_weight_set_in_force,
        scored_dates.is_backtest_date,
        not scored_dates.is_backtest_date
        and weight_sets.weight_set = {{ weight_set_in_force() }} as is_live
    from scored_dates
    cross join weight_sets

)

select * from scenarios
