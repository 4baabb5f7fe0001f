-- Champion against challenger, for a reviewer deciding whether to put a weight set in force:
-- side by side on the holdout sample of the backtests, each set's AUC and KS, and per tier the
-- lift and the weekly load; then what would change today (tier moves). Compile with
--   dbt compile --select compare_weight_sets --vars '{challenger: fitted}'
-- and run the SQL in target/compiled/, or paste it into a BI tool. The champion is the set in
-- force (var weight_set) unless var champion names another.

{%- set champion = var('champion', var('weight_set')) %}
{%- set challenger = var('challenger', 'fitted') %}
{%- set primary_outcome = backtest_settings().outcomes[0] %}

with summary as (

    select * from {{ ref('backtest_summary') }}
    where outcome = {{ quoted_literal(primary_outcome) }}

),

champion_summary as (

    select * from summary
    where weight_set = {{ quoted_literal(champion) }}

),

challenger_summary as (

    select * from summary
    where weight_set = {{ quoted_literal(challenger) }}

),

tiers as (

    select * from {{ ref('backtest_tier_performance') }}
    where outcome = {{ quoted_literal(primary_outcome) }}

),

champion_tiers as (

    select * from tiers
    where weight_set = {{ quoted_literal(champion) }}

),

challenger_tiers as (

    select * from tiers
    where weight_set = {{ quoted_literal(challenger) }}

),

moves as (

    select * from {{ ref('tier_change_counts') }}
    where challenger_weight_set = {{ quoted_literal(challenger) }} and is_change

),

ranking as (

    select
        'ranking' as section,
        'AUC on the holdout sample' as measure,
        champion_summary.auc as champion_value,
        challenger_summary.auc as challenger_value
    from champion_summary
    cross join challenger_summary

    union all

    select
        'ranking' as section,
        'KS on the holdout sample' as measure,
        champion_summary.ks as champion_value,
        challenger_summary.ks as challenger_value
    from champion_summary
    cross join challenger_summary

),

tier_lines as (

    select
        'tier ' || coalesce(champion_tiers.score_tier, challenger_tiers.score_tier) as section,
        'lift (conversion rate over the base rate)' as measure,
        champion_tiers.lift as champion_value,
        challenger_tiers.lift as challenger_value
    from champion_tiers
    full outer join challenger_tiers
        on champion_tiers.score_tier = challenger_tiers.score_tier

    union all

    select
        'tier ' || coalesce(champion_tiers.score_tier, challenger_tiers.score_tier) as section,
        'candidates entering per week' as measure,
        champion_tiers.candidates_entering_per_week as champion_value,
        challenger_tiers.candidates_entering_per_week as challenger_value
    from champion_tiers
    full outer join challenger_tiers
        on champion_tiers.score_tier = challenger_tiers.score_tier

),

move_lines as (

    select
        'today: ' || tier_in_force || ' -> ' || challenger_tier as section,
        'candidates who would move' as measure,
        cast(null as {{ type_double() }}) as champion_value,
        cast(candidates as {{ type_double() }}) as challenger_value
    from moves

)

select * from ranking
union all
select * from tier_lines
union all
select * from move_lines
