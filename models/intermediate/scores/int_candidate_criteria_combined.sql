-- The live scores in long form: one row per candidate and criterion, every criterion for every
-- candidate scored on the as-of date under the weight set in force, the fit and engagement
-- points side by side in one shape, 0 when nothing matched, with what earned them. The fit
-- rows are kept from night to night (int_candidate_fit_criteria_combined); the engagement
-- rows change with the date for everyone. (Backtests need only the sums:
-- int_candidate_scores_summed reads the points directly.)

with live_scenario as (

    select * from {{ ref('int_scoring_scenarios') }}
    where is_live

),

candidates as (

    select
        live_scenario.as_of_date,
        live_scenario.weight_set,
        versions.candidate_id,
        versions.version_rank
    from {{ ref('int_candidate_versions_in_force') }} as versions
    inner join live_scenario
        on versions.as_of_date = live_scenario.as_of_date

),

criteria as (

    select * from {{ ref('int_scoring_criteria_configured') }}

),

-- kept from night to night: they change only for candidates whose version, fit points or
-- weight set in force changed
fit_points as (

    select * from {{ ref('int_candidate_fit_criteria_combined') }}

),

event_points as (

    select * from {{ ref('int_candidate_events_scored') }}

),

fit_rows as (

    select
        fit_points.candidate_id,
        criteria.criterion,
        criteria.criterion_family,
        criteria.score_component,
        criteria.criterion_source,
        criteria.display_order,
        fit_points.criterion_value,
        fit_points.matched_rule,
        cast(0 as {{ dbt.type_bigint() }}) as event_count,
        cast(0 as {{ dbt.type_bigint() }}) as counted_event_count,
        cast(null as {{ dbt.type_timestamp() }}) as last_event_at,
        fit_points.points_cap,
        fit_points.uncapped_points,
        fit_points.points,
        candidates.weight_set,
        candidates.as_of_date
    from candidates
    inner join fit_points
        on
            candidates.candidate_id = fit_points.candidate_id
            and candidates.version_rank = fit_points.version_rank
            and candidates.weight_set = fit_points.weight_set
    inner join criteria
        on fit_points.criterion = criteria.criterion

),

event_rows as (

    select
        candidates.candidate_id,
        criteria.criterion,
        criteria.criterion_family,
        criteria.score_component,
        criteria.criterion_source,
        criteria.display_order,
        cast(coalesce(event_points.event_count, 0) as {{ dbt.type_string() }})
            as criterion_value,
        event_points.event_types as matched_rule,
        cast(coalesce(event_points.event_count, 0) as {{ dbt.type_bigint() }})
            as event_count,
        cast(coalesce(event_points.counted_event_count, 0) as {{ dbt.type_bigint() }})
            as counted_event_count,
        event_points.last_event_at,
        event_points.points_cap,
        {{ as_points('coalesce(event_points.uncapped_points, 0)') }} as uncapped_points,
        {{ as_points('coalesce(event_points.points, 0)') }} as points,
        candidates.weight_set,
        candidates.as_of_date
    from candidates
    cross join criteria
    left join event_points
        on
            candidates.as_of_date = event_points.as_of_date
            and candidates.weight_set = event_points.weight_set
            and candidates.candidate_id = event_points.candidate_id
            and criteria.criterion = event_points.criterion
    where criteria.criterion_source = 'event'

)

select * from fit_rows
union all
select * from event_rows
