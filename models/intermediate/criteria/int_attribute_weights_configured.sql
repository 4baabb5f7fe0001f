-- The rows of seeds/attribute_points.csv, every weight set, each with how it matches a
-- candidate (the criterion's match type, or a missing value for a row whose match_value is
-- '(no value)') and the label recruiters see for it. The fit models score every set (backtests
-- compare them); int_attribute_weights_selected holds the set in force.

{{ config(materialized='view') }}

with attribute_points as (

    select * from {{ ref('attribute_points') }}

),

criteria as (

    select * from {{ ref('int_scoring_criteria_configured') }}
    where criterion_source = 'attribute'

),

selected as (

    select
        attribute_points.weight_set,
        attribute_points.criterion,
        criteria.match_type,
        attribute_points.match_value,
        attribute_points.band_min,
        attribute_points.band_max,
        -- what the breakdown shows as the matched rule: the value, or the band as '[5, 10)'
        case
            when attribute_points.match_value = '(no value)' then '(no value)'
            when criteria.match_type = 'band'
                then
                    '['
                    || coalesce({{ number_as_text('attribute_points.band_min') }}, '')
                    || ', '
                    || coalesce({{ number_as_text('attribute_points.band_max') }}, '')
                    || ')'
            else attribute_points.match_value
        end as rule_label,
        attribute_points.points,
        attribute_points.criterion_points_cap
    from attribute_points
    -- rows of a criterion that is not configured score nothing (a seed test reports them)
    inner join criteria
        on attribute_points.criterion = criteria.criterion

)

select * from selected
