-- One row per candidate version and attribute weight row (of every weight set) its value
-- matches, by the criterion's match type: value (equal), band (band_min <= value < band_max, an
-- empty bound is open) or list (the comma-separated value contains it); a candidate without a
-- value matches the criterion's '(no value)' row, if it has one. int_candidate_attributes_scored
-- adds them up; a weight row no candidate matches is reported by a data test. Maintained like
-- int_candidates_enriched: a run redoes the candidates enriched since its last run.

{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_fit_rows_to_redo(ref('int_candidate_attributes_unpivoted')) }}",
    on_schema_change='fail'
) }}

with attributes as (

    select * from {{ ref('int_candidate_attributes_unpivoted') }}
    where {{ fit_rows_to_redo() }}

),

weights as (

    select * from {{ ref('int_attribute_weights_configured') }}

),

matches as (

    select
        attributes.candidate_id,
        attributes.version_rank,
        weights.weight_set,
        attributes.criterion,
        weights.match_value,
        weights.band_min,
        weights.band_max,
        weights.rule_label,
        weights.points,
        weights.criterion_points_cap,
        attributes.enriched_at
    from attributes
    inner join weights
        on
            attributes.criterion = weights.criterion
            and attributes.match_type = weights.match_type
            and (
                (
                    attributes.attribute_value is null
                    and weights.match_value = '(no value)'
                )
                or (
                    weights.match_type = 'value'
                    and attributes.attribute_value = weights.match_value
                )
                or (
                    -- a band holds values: the '(no value)' row (no bounds) is not a band
                    weights.match_type = 'band'
                    and attributes.attribute_number is not null
                    and weights.match_value is distinct from '(no value)'
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

)

select * from matches
