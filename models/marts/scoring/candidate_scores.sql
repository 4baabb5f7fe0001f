-- One row per candidate: their job, a points column per criterion, the fit, engagement and
-- total scores, and the tier with the action recruiters take. The view BI tools and the CRM
-- sync read; it holds no name or email (restricted.crm_candidate_contacts does). It decides
-- nothing: it lays the long-form points out as one column per criterion (the only loop, over
-- var scoring_criteria) beside the scores and tiers computed upstream.

{%- set criteria = scoring_criteria() %}
{%- set components = score_components() %}

with candidates as (

    select * from {{ ref('int_candidates_enriched') }}

),

criterion_points as (

    select * from {{ ref('int_candidate_criteria_combined') }}

),

-- the as-of date under the weight set in force; backtests and other sets are not live
scores as (

    select * from {{ ref('int_candidate_scores_summed') }}
    where is_live

),

tiers as (

    select * from {{ ref('int_candidate_tiers_assigned') }}
    where is_live

),

points_per_criterion as (

    select
        {%- for criterion in criteria %}
        {{ as_points(
            "sum(case when criterion = '" ~ criterion.name ~ "' then points else 0 end)"
        ) }} as {{ criterion.name }}_points,
        {%- endfor %}
        candidate_id
    from criterion_points
    group by candidate_id

),

final as (

    select
        -- ids
        candidates.candidate_id,

        -- who the candidate is, for the recruiter (no name or email: BI tools read this)
        candidates.job_title,
        candidates.seniority,
        candidates.current_company,

        -- points per criterion
        {%- for criterion in criteria %}
        points_per_criterion.{{ criterion.name }}_points,
        {%- endfor %}

        -- scores
        {%- for component in components %}
        scores.{{ component.name }}_score,
        {%- endfor %}
        scores.total_score,

        -- tier
        tiers.score_tier,
        tiers.tier_priority,
        tiers.recommended_action,

        -- booleans
        tiers.is_disqualified,
        tiers.disqualification_reasons,

        -- timestamps and run context
        scores.last_engaged_at,
        scores.weight_set,
        scores.as_of_date

    from scores
    -- the version of the candidate in force on the as-of date
    inner join candidates
        on
            scores.candidate_id = candidates.candidate_id
            and scores.version_rank = candidates.version_rank
    inner join points_per_criterion
        on candidates.candidate_id = points_per_criterion.candidate_id
    inner join tiers
        on candidates.candidate_id = tiers.candidate_id

)

select * from final
