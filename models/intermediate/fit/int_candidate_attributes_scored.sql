-- Fit points: per candidate version, weight set and attribute criterion, the points of the
-- weight rows the value matches (int_candidate_attributes_matched), summed and capped; list
-- criteria add up every matched item. Candidates matching no row of a criterion have no row here
-- (int_candidate_criteria_combined gives them 0). Maintained like int_candidates_enriched: a
-- run redoes the candidates enriched since its last run.

{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_fit_rows_to_redo(ref('int_candidate_attributes_matched')) }}",
    on_schema_change='fail'
) }}

with matches as (

    select * from {{ ref('int_candidate_attributes_matched') }}
    where {{ fit_rows_to_redo() }}

),

summed as (

    select
        candidate_id,
        version_rank,
        weight_set,
        criterion,
        {{ ordered_text_list('rule_label', "', '", ['rule_label']) }} as matched_rule,
        count(*) as matched_rule_count,
        sum(points) as uncapped_points,
        max(criterion_points_cap) as points_cap,
        -- one value: a candidate's versions are written together
        max(enriched_at) as enriched_at
    from matches
    group by candidate_id, version_rank, weight_set, criterion

),

capped as (

    select
        candidate_id,
        version_rank,
        weight_set,
        criterion,
        matched_rule,
        matched_rule_count,
        {{ as_points('uncapped_points') }} as uncapped_points,
        points_cap,
        {{ as_points(capped_points('uncapped_points', 'points_cap')) }} as points,
        enriched_at
    from summed

)

select * from capped
