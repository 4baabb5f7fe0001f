-- The backtest population, scored and labelled: per outcome (var backtest.outcomes), weight set,
-- backtest date and candidate who was a prospect then (known, not disqualified, not yet
-- placed), the scores and tier under the set and whether the outcome followed. Each candidate
-- is in the fit sample or the holdout sample by a hash of the id, the same under every set
-- and on every date: the fit command learns on the first, the evaluation marts report on the
-- second, so fitted and hand-set weights are compared on candidates neither has seen.

{%- set backtest = backtest_settings() %}
{#- the first two hex digits of md5 are uniform over 256 values on every engine -#}
{%- set holdout_below = '%02x' % ((backtest.holdout_share * 256) | round | int) %}

with tiers as (

    select * from {{ ref('int_candidate_tiers_assigned') }}

),

scores as (

    select * from {{ ref('int_candidate_scores_summed') }}

),

scenarios as (

    select * from {{ ref('int_scoring_scenarios') }}
    where is_backtest_date

),

outcomes as (

    select * from {{ ref('int_backtest_outcomes') }}
    where not was_placed_before

),

prospects as (

    select
        scenarios.weight_set,
        scenarios.is_weight_set_in_force,
        scores.as_of_date,
        scores.candidate_id,
        scores.version_rank,
        case
            when substring(md5(scores.candidate_id), 1, 2) < '{{ holdout_below }}'
                then 'holdout'
            else 'fit'
        end as evaluation_sample,
        scores.fit_score,
        scores.engagement_score,
        scores.total_score,
        tiers.score_tier,
        tiers.tier_priority,
        outcomes.has_placement,
        outcomes.has_application,
        outcomes.has_good_fit_feedback
    from scores
    inner join scenarios
        on
            scores.as_of_date = scenarios.as_of_date
            and scores.weight_set = scenarios.weight_set
    inner join tiers
        on
            scores.as_of_date = tiers.as_of_date
            and scores.weight_set = tiers.weight_set
            and scores.candidate_id = tiers.candidate_id
    inner join outcomes
        on
            scores.as_of_date = outcomes.as_of_date
            and scores.candidate_id = outcomes.candidate_id
    where not tiers.is_disqualified

),

labelled as (

    {%- for outcome in backtest.outcomes %}

    select
        '{{ outcome }}' as outcome,
        {{ loop.first }} as is_primary_outcome,
        weight_set,
        is_weight_set_in_force,
        as_of_date,
        candidate_id,
        version_rank,
        evaluation_sample,
        fit_score,
        engagement_score,
        total_score,
        score_tier,
        tier_priority,
        has_{{ outcome }} as has_converted
    from prospects
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

)

select * from labelled
