-- The fit rows of the live long form (int_candidate_criteria_combined): every attribute
-- criterion for each candidate's version in force on the as-of date, under the weight set in
-- force, with the value and the points (0 when nothing matched). They change with that
-- version, its fit points or the weight set in force, not with the date, so this is kept
-- rather than rebuilt: the pre-hook deletes the candidates whose rows no longer hold
-- (delete_fit_criteria_to_redo), and a run writes every candidate in force it does not hold.

{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_fit_criteria_to_redo() }}",
    on_schema_change='fail'
) }}

with live_scenario as (

    select * from {{ ref('int_scoring_scenarios') }}
    where is_live

),

-- each candidate in force with its version, the weight set and when its fit points were
-- written (the row the pre-hook compares the kept rows with)
candidates as (

    select
        versions.candidate_id,
        versions.version_rank,
        live_scenario.weight_set,
        enriched.enriched_at
    from {{ ref('int_candidate_versions_in_force') }} as versions
    inner join live_scenario
        on versions.as_of_date = live_scenario.as_of_date
    left join {{ ref('int_candidates_enriched') }} as enriched
        on
            versions.candidate_id = enriched.candidate_id
            and versions.version_rank = enriched.version_rank
    {%- if is_incremental() %}
    where not exists (
        select 1 from {{ this }} as kept
        where kept.candidate_id = versions.candidate_id
    )
    {%- endif %}

),

attribute_criteria as (

    select criterion from {{ ref('int_scoring_criteria_configured') }}
    where criterion_source = 'attribute'

),

attribute_values as (

    select * from {{ ref('int_candidate_attributes_unpivoted') }}

),

attribute_points as (

    select * from {{ ref('int_candidate_attributes_scored') }}

),

combined as (

    select
        candidates.candidate_id,
        candidates.version_rank,
        candidates.weight_set,
        attribute_criteria.criterion,
        attribute_values.attribute_value as criterion_value,
        attribute_points.matched_rule,
        attribute_points.points_cap,
        {{ as_points('coalesce(attribute_points.uncapped_points, 0)') }} as uncapped_points,
        {{ as_points('coalesce(attribute_points.points, 0)') }} as points,
        candidates.enriched_at,
        {{ run_started_timestamp(to_the_microsecond=true) }} as written_at
    from candidates
    cross join attribute_criteria
    left join attribute_values
        on
            candidates.candidate_id = attribute_values.candidate_id
            and candidates.version_rank = attribute_values.version_rank
            and attribute_criteria.criterion = attribute_values.criterion
    left join attribute_points
        on
            candidates.candidate_id = attribute_points.candidate_id
            and candidates.version_rank = attribute_points.version_rank
            and candidates.weight_set = attribute_points.weight_set
            and attribute_criteria.criterion = attribute_points.criterion

)

select * from combined
