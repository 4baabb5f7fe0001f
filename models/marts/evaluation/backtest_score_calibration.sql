-- Per weight set and outcome, the holdout prospects of every backtest date cut into ten equal
-- parts by total score (decile 10 the highest): the score range, the conversion rate of each
-- part (calibration: it should rise with the score) and, from the top down, the share of
-- candidates and of conversions reached so far and their ratio (the lift curve: 3 at 10% means
-- the top tenth converts three times as often as average).

with holdout as (

    select * from {{ ref('int_backtest_candidates_labelled') }}
    where evaluation_sample = 'holdout'

),

ranked as (

    select
        outcome,
        weight_set,
        total_score,
        has_converted,
        ntile(10) over (
            partition by outcome, weight_set order by total_score, candidate_id, as_of_date
        ) as score_decile
    from holdout

),

deciles as (

    select
        outcome,
        weight_set,
        score_decile,
        min(total_score) as min_score,
        max(total_score) as max_score,
        avg(cast(total_score as {{ type_double() }})) as average_score,
        count(*) as candidates,
        sum(case when has_converted then 1 else 0 end) as conversions
    from ranked
    group by outcome, weight_set, score_decile

),

cumulated as (

    select
        *,
        sum(candidates) over (
            partition by outcome, weight_set order by score_decile desc
            rows between unbounded preceding and current row
        ) as candidates_from_top,
        sum(conversions) over (
            partition by outcome, weight_set order by score_decile desc
            rows between unbounded preceding and current row
        ) as conversions_from_top,
        sum(candidates) over (partition by outcome, weight_set) as total_candidates,
        sum(conversions) over (partition by outcome, weight_set) as total_conversions
    from deciles

),

final as (

    select
        weight_set,
        outcome,
        score_decile,
        min_score,
        max_score,
        average_score,
        candidates,
        conversions,
        cast(conversions as {{ type_double() }}) / candidates as conversion_rate,
        cast(candidates_from_top as {{ type_double() }}) / total_candidates
            as cumulative_share_of_candidates,
        cast(conversions_from_top as {{ type_double() }}) / nullif(total_conversions, 0)
            as cumulative_share_of_conversions,
        (cast(conversions_from_top as {{ type_double() }}) / nullif(total_conversions, 0))
        / (cast(candidates_from_top as {{ type_double() }}) / total_candidates)
            as cumulative_lift
    from cumulated

)

select * from final
