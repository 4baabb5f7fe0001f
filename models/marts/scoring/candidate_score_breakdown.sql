-- One row per candidate and criterion: the points and the value that earned them, so a
-- recruiter sees in seconds why a candidate scores what it scores.

with criterion_points as (

    select * from {{ ref('int_candidate_criteria_combined') }}

),

final as (

    select
        -- ids
        candidate_id,
        criterion,

        -- what the criterion is
        criterion_family,
        score_component,
        criterion_source,
        display_order,

        -- what earned the points
        criterion_value,
        matched_rule,
        event_count,
        counted_event_count,

        -- points
        uncapped_points,
        points_cap,
        points,

        -- timestamps and run context
        last_event_at,
        weight_set,
        as_of_date

    from criterion_points

)

select * from final
