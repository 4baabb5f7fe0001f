-- How well each weight set's total score ranks the holdout prospects, per outcome, on each
-- backtest date and pooled over all dates (as_of_date empty): AUC (the chance that a converting
-- candidate outscores a non-converting one, ties counting half), Gini (2 AUC - 1) and KS (the
-- largest gap between the score distributions of converting and non-converting candidates).
-- Computed from the counts per distinct score, so exact with ties and in one pass.

with holdout as (

    select * from {{ ref('int_backtest_candidates_labelled') }}
    where evaluation_sample = 'holdout'

),

per_date_scores as (

    select
        outcome,
        weight_set,
        as_of_date,
        total_score,
        count(*) as candidates,
        sum(case when has_converted then 1 else 0 end) as conversions
    from holdout
    group by outcome, weight_set, as_of_date, total_score

),

pooled_scores as (

    select
        outcome,
        weight_set,
        cast(null as date) as as_of_date,
        total_score,
        sum(candidates) as candidates,
        sum(conversions) as conversions
    from per_date_scores
    group by outcome, weight_set, total_score

),

score_counts as (

    select * from per_date_scores
    union all
    select * from pooled_scores

),

cumulated as (

    select
        outcome,
        weight_set,
        as_of_date,
        total_score,
        conversions,
        candidates - conversions as non_conversions,
        -- non-converting candidates with a strictly lower score
        coalesce(sum(candidates - conversions) over (
            partition by outcome, weight_set, as_of_date
            order by total_score
            rows between unbounded preceding and 1 preceding
        ), 0) as non_conversions_below,
        sum(conversions) over (
            partition by outcome, weight_set, as_of_date
            order by total_score
            rows between unbounded preceding and current row
        ) as conversions_at_or_below,
        sum(candidates - conversions) over (
            partition by outcome, weight_set, as_of_date
            order by total_score
            rows between unbounded preceding and current row
        ) as non_conversions_at_or_below,
        sum(conversions) over (partition by outcome, weight_set, as_of_date)
            as total_conversions,
        sum(candidates - conversions) over (partition by outcome, weight_set, as_of_date)
            as total_non_conversions
    from score_counts

),

metrics as (

    select
        outcome,
        weight_set,
        as_of_date,
        sum(conversions + non_conversions) as candidates,
        sum(conversions) as conversions,
        -- pairs a converting candidate wins, plus half the ties, over all pairs
        sum(
            conversions
            * (cast(non_conversions_below as {{ type_double() }}) + 0.5 * non_conversions)
        ) / nullif(
            cast(max(total_conversions) as {{ type_double() }})
            * max(total_non_conversions),
            0
        ) as auc,
        max(abs(
            cast(conversions_at_or_below as {{ type_double() }})
            / nullif(total_conversions, 0)
            - cast(non_conversions_at_or_below as {{ type_double() }})
            / nullif(total_non_conversions, 0)
        )) as ks
    from cumulated
    group by outcome, weight_set, as_of_date

),

final as (

    select
        outcome,
        weight_set,
        as_of_date,
        candidates,
        conversions,
        cast(conversions as {{ type_double() }}) / nullif(candidates, 0) as conversion_rate,
        auc,
        2 * auc - 1 as gini,
        ks
    from metrics

)

select * from final
