-- One row per candidate: a points column per criterion, the fit, engagement and total scores,
-- and the tier with the action recruiters take. The view BI tools and the CRM sync read.

{%- set criteria = scoring_criteria() %}

with candidates as (

    select * from {{ ref('int_candidates_enriched') }}

),

criterion_points as (

    select * from {{ ref('int_candidate_criterion_points') }}

),

disqualifications as (

    select * from {{ ref('int_candidate_disqualifications') }}

),

tiers as (

    select * from {{ ref('score_tiers') }}
    where weight_set = '{{ var("weight_set") }}'

),

scores as (

    select
        candidate_id,
        {%- for criterion in criteria %}
        {{ as_points(
            "sum(case when criterion = '" ~ criterion.name ~ "' then points else 0 end)"
        ) }} as {{ criterion.name }}_points,
        {%- endfor %}
        {{ as_points(
            "sum(case when score_component = 'fit' then points else 0 end)"
        ) }} as fit_score,
        {{ as_points(
            "sum(case when score_component = 'engagement' then points else 0 end)"
        ) }} as engagement_score,
        {{ as_points('sum(points)') }} as total_score,
        max(last_event_at) as last_engaged_at,
        max(weight_set) as weight_set,
        max(scored_as_of) as scored_as_of
    from criterion_points
    group by candidate_id

),

-- the scoring tier with the highest lower bound the score reaches; the floor tier has none
score_tiers_reached as (

    select
        scores.candidate_id,
        tiers.tier,
        tiers.priority,
        tiers.recommended_action,
        row_number() over (
            partition by scores.candidate_id
            order by tiers.lower_bound desc nulls last
        ) as tier_rank
    from scores
    inner join tiers
        on
            not tiers.is_disqualified_tier
            and (tiers.lower_bound is null or scores.total_score >= tiers.lower_bound)

),

disqualified_tier as (

    select * from tiers
    where is_disqualified_tier

),

final as (

    select
        -- ids
        candidates.candidate_id,

        -- who the candidate is, for the recruiter
        candidates.full_name,
        candidates.email,
        candidates.job_title,
        candidates.seniority,
        candidates.current_company,

        -- points per criterion
        {%- for criterion in criteria %}
        scores.{{ criterion.name }}_points,
        {%- endfor %}

        -- scores
        scores.fit_score,
        scores.engagement_score,
        scores.total_score,

        -- tier
        case
            when disqualifications.is_disqualified then disqualified_tier.tier
            else score_tiers_reached.tier
        end as score_tier,
        case
            when disqualifications.is_disqualified then disqualified_tier.priority
            else score_tiers_reached.priority
        end as tier_priority,
        case
            when disqualifications.is_disqualified
                then disqualified_tier.recommended_action
            else score_tiers_reached.recommended_action
        end as recommended_action,

        -- booleans
        disqualifications.is_disqualified,
        disqualifications.disqualification_reasons,

        -- timestamps and run context
        scores.last_engaged_at,
        scores.weight_set,
        scores.scored_as_of

    from candidates
    inner join scores
        on candidates.candidate_id = scores.candidate_id
    inner join disqualifications
        on candidates.candidate_id = disqualifications.candidate_id
    left join score_tiers_reached
        on
            candidates.candidate_id = score_tiers_reached.candidate_id
            and score_tiers_reached.tier_rank = 1
    -- a left join: a weight set without a disqualified tier must not drop candidates (the
    -- seed tests report it)
    left join disqualified_tier
        on 1 = 1

)

select * from final
