-- The candidates recruiters call first: those in a tier marked on_recruiter_worklist (hot by
-- default), never a disqualified one, in priority order with the three criteria that earned
-- them the most points.

with candidate_scores as (

    select * from {{ ref('candidate_scores') }}

),

breakdown as (

    select * from {{ ref('candidate_score_breakdown') }}

),

worklist_tiers as (

    select tier from {{ ref('score_tiers') }}
    where
        weight_set = '{{ var("weight_set") }}'
        and on_recruiter_worklist
        and not is_disqualified_tier

),

worklisted as (

    select candidate_scores.*
    from candidate_scores
    inner join worklist_tiers
        on candidate_scores.score_tier = worklist_tiers.tier
    where not candidate_scores.is_disqualified

),

ranked_reasons as (

    select
        breakdown.candidate_id,
        breakdown.criterion || ' +' || cast(breakdown.points as {{ dbt.type_string() }})
            as reason,
        row_number() over (
            partition by breakdown.candidate_id
            order by breakdown.points desc, breakdown.display_order
        ) as reason_rank
    from breakdown
    inner join worklisted
        on breakdown.candidate_id = worklisted.candidate_id
    where breakdown.points > 0

),

top_reasons as (

    select
        candidate_id,
        concat_ws(
            '; ',
            max(case when reason_rank = 1 then reason end),
            max(case when reason_rank = 2 then reason end),
            max(case when reason_rank = 3 then reason end)
        ) as top_reasons
    from ranked_reasons
    where reason_rank <= 3
    group by candidate_id

),

final as (

    select
        row_number() over (
            order by
                worklisted.total_score desc,
                worklisted.engagement_score desc,
                worklisted.last_engaged_at desc nulls last,
                worklisted.candidate_id
        ) as priority_rank,
        worklisted.candidate_id,
        worklisted.full_name,
        worklisted.email,
        worklisted.job_title,
        worklisted.current_company,
        worklisted.score_tier,
        worklisted.recommended_action,
        worklisted.total_score,
        worklisted.fit_score,
        worklisted.engagement_score,
        top_reasons.top_reasons,
        worklisted.last_engaged_at,
        worklisted.scored_as_of
    from worklisted
    left join top_reasons
        on worklisted.candidate_id = top_reasons.candidate_id

)

select * from final
order by priority_rank
