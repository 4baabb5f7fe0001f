-- Fit points: per candidate and attribute criterion, the weight rows the candidate's value
-- matches, summed and capped. A value matches a row by the criterion's match type: value
-- (equal), band (band_min <= value < band_max, an empty bound is open) or list (the
-- comma-separated value contains it; every matched row adds up). Candidates matching no row of a
-- criterion have no row here (int_candidate_criteria_combined gives them 0).

with attributes as (

    select * from {{ ref('int_candidate_attributes_unpivoted') }}
    where attribute_value is not null

),

weights as (

    select * from {{ ref('int_attribute_weights_selected') }}

),

matches as (

    select
        attributes.candidate_id,
        attributes.criterion,
        weights.rule_label,
        weights.points,
        weights.criterion_points_cap
    from attributes
    inner join weights
        on
            attributes.criterion = weights.criterion
            and attributes.match_type = weights.match_type
            and (
                (
                    weights.match_type = 'value'
                    and attributes.attribute_value = weights.match_value
                )
                or (
                    weights.match_type = 'band'
                    and (
                        weights.band_min is null
                        or attributes.attribute_number >= weights.band_min
                    )
                    and (
                        weights.band_max is null
                        or attributes.attribute_number < weights.band_max
                    )
                )
                or (
                    -- staging separated list items with single commas
                    weights.match_type = 'list'
                    and ',' || attributes.attribute_value || ','
                    like '%,' || weights.match_value || ',%'
                )
            )

),

summed as (

    select
        candidate_id,
        criterion,
        {{ dbt.listagg('rule_label', "', '", 'order by rule_label') }} as matched_rule,
        count(*) as matched_rule_count,
        sum(points) as uncapped_points,
        max(criterion_points_cap) as points_cap
    from matches
    group by candidate_id, criterion

),

capped as (

    select
        candidate_id,
        criterion,
        matched_rule,
        matched_rule_count,
        {{ as_points('uncapped_points') }} as uncapped_points,
        points_cap,
        {{ as_points(capped_points('uncapped_points', 'points_cap')) }} as points
    from summed

)

select * from capped
