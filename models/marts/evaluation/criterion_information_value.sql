-- Per weight set, outcome, criterion and the rule a holdout prospect matched on it (the value or
-- band of an attribute, '(no match)' when none; for events, how many counted events): the
-- candidates, the conversion rate, the weight of evidence (ln of the share of conversions over
-- the share of non-conversions: above 0 converts better than average) and the information
-- value, this rule's part and the criterion's total (below 0.02 the criterion says next to
-- nothing about the outcome, above 0.3 a lot). Pooled over every backtest date.

with holdout as (

    select * from {{ ref('int_backtest_candidates_labelled') }}
    where evaluation_sample = 'holdout'

),

criteria as (

    select * from {{ ref('int_scoring_criteria_configured') }}

),

attribute_points as (

    select * from {{ ref('int_candidate_attributes_scored') }}

),

event_points as (

    select * from {{ ref('int_candidate_events_scored') }}

),

matched_rules as (

    select
        holdout.outcome,
        holdout.weight_set,
        criteria.criterion,
        criteria.display_order,
        holdout.has_converted,
        case
            when criteria.criterion_source = 'attribute'
                then coalesce(attribute_points.matched_rule, '(no match)')
            when coalesce(event_points.counted_event_count, 0) = 0 then '0 events'
            when event_points.counted_event_count = 1 then '1 event'
            when event_points.counted_event_count <= 4 then '2 to 4 events'
            else '5 or more events'
        end as matched_rule
    from holdout
    cross join criteria
    left join attribute_points
        on
            holdout.candidate_id = attribute_points.candidate_id
            and holdout.version_rank = attribute_points.version_rank
            and holdout.weight_set = attribute_points.weight_set
            and criteria.criterion = attribute_points.criterion
    left join event_points
        on
            holdout.as_of_date = event_points.as_of_date
            and holdout.weight_set = event_points.weight_set
            and holdout.candidate_id = event_points.candidate_id
            and criteria.criterion = event_points.criterion

),

rule_counts as (

    select
        outcome,
        weight_set,
        criterion,
        display_order,
        matched_rule,
        count(*) as candidates,
        sum(case when has_converted then 1 else 0 end) as conversions
    from matched_rules
    group by outcome, weight_set, criterion, display_order, matched_rule

),

shares as (

    select
        *,
        -- half a candidate added to each count keeps the logarithm finite for an empty rule
        (cast(conversions as {{ type_double() }}) + 0.5)
        / sum(cast(conversions as {{ type_double() }}) + 0.5) over (
            partition by outcome, weight_set, criterion
        ) as share_of_conversions,
        (cast(candidates - conversions as {{ type_double() }}) + 0.5)
        / sum(cast(candidates - conversions as {{ type_double() }}) + 0.5) over (
            partition by outcome, weight_set, criterion
        ) as share_of_non_conversions
    from rule_counts

),

weighed as (

    select
        *,
        ln(share_of_conversions / share_of_non_conversions) as weight_of_evidence
    from shares

),

final as (

    select
        weight_set,
        outcome,
        criterion,
        display_order,
        matched_rule,
        candidates,
        conversions,
        cast(conversions as {{ type_double() }}) / candidates as conversion_rate,
        weight_of_evidence,
        (share_of_conversions - share_of_non_conversions) * weight_of_evidence
            as information_value,
        sum((share_of_conversions - share_of_non_conversions) * weight_of_evidence) over (
            partition by outcome, weight_set, criterion
        ) as criterion_information_value
    from weighed

)

select * from final
