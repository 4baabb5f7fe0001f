-- Per weight set, outcome and tier, over every backtest date: how many holdout prospects the
-- tier held, how many converted within the window, the conversion rate and the lift over the
-- rate of all prospects (2 = converts twice as often as average), and how many candidates per
-- week entered the tier (all candidates, both samples: the load recruiters would get).

with labelled as (

    select * from {{ ref('int_backtest_candidates_labelled') }}

),

backtest_dates as (

    select
        min(as_of_date) as first_date,
        max(as_of_date) as last_date
    from {{ ref('int_scoring_scenarios') }}
    where is_backtest_date

),

tier_counts as (

    select
        outcome,
        weight_set,
        score_tier,
        min(tier_priority) as tier_priority,
        count(*) as candidates,
        sum(case when has_converted then 1 else 0 end) as conversions
    from labelled
    where evaluation_sample = 'holdout'
    group by outcome, weight_set, score_tier

),

totals as (

    select
        outcome,
        weight_set,
        sum(candidates) as candidates,
        sum(conversions) as conversions
    from tier_counts
    group by outcome, weight_set

),

-- a candidate enters a tier on a date when the previous date saw it elsewhere or nowhere
tier_moves as (

    select
        weight_set,
        as_of_date,
        score_tier,
        lag(score_tier) over (
            partition by weight_set, candidate_id order by as_of_date
        ) as previous_tier
    from labelled
    where is_primary_outcome

),

entries as (

    select
        tier_moves.weight_set,
        tier_moves.score_tier,
        count(*) as entries
    from tier_moves
    cross join backtest_dates
    where
        tier_moves.as_of_date > backtest_dates.first_date
        and (
            tier_moves.previous_tier is null
            or tier_moves.previous_tier != tier_moves.score_tier
        )
    group by tier_moves.weight_set, tier_moves.score_tier

),

final as (

    select
        tier_counts.weight_set,
        tier_counts.outcome,
        tier_counts.score_tier,
        tier_counts.tier_priority,
        tier_counts.candidates,
        tier_counts.conversions,
        cast(tier_counts.conversions as {{ type_double() }})
        / tier_counts.candidates as conversion_rate,
        (cast(tier_counts.conversions as {{ type_double() }}) / tier_counts.candidates)
        / nullif(cast(totals.conversions as {{ type_double() }}) / totals.candidates, 0)
            as lift,
        cast(tier_counts.candidates as {{ type_double() }}) / totals.candidates
            as share_of_candidates,
        cast(coalesce(entries.entries, 0) * 7 as {{ type_double() }})
        / nullif({{ days_between('backtest_dates.first_date', 'backtest_dates.last_date') }}, 0)
            as candidates_entering_per_week
    from tier_counts
    inner join totals
        on
            tier_counts.outcome = totals.outcome
            and tier_counts.weight_set = totals.weight_set
    cross join backtest_dates
    left join entries
        on
            tier_counts.weight_set = entries.weight_set
            and tier_counts.score_tier = entries.score_tier

)

select * from final
