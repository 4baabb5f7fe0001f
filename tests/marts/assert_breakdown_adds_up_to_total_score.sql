-- The breakdown explains the whole score: a candidate's points there add up to the total score
-- of candidate_scores, and it has one row per configured criterion.

with breakdown_totals as (

    select
        candidate_id,
        sum(points) as breakdown_points,
        count(*) as criteria_rows
    from {{ ref('candidate_score_breakdown') }}
    group by candidate_id

),

criteria as (

    select count(*) as criteria_configured from {{ ref('int_scoring_criteria_configured') }}

)

select
    candidate_scores.candidate_id,
    candidate_scores.total_score,
    breakdown_totals.breakdown_points,
    breakdown_totals.criteria_rows
from {{ ref('candidate_scores') }} as candidate_scores
left join breakdown_totals
    on candidate_scores.candidate_id = breakdown_totals.candidate_id
cross join criteria
where
    breakdown_totals.candidate_id is null
    or breakdown_totals.breakdown_points != candidate_scores.total_score
    or breakdown_totals.criteria_rows != criteria.criteria_configured
