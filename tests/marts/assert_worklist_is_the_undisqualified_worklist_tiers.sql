-- The recruiter worklist holds exactly the candidates of the tiers marked is_on_recruiter_worklist
-- and never a disqualified candidate. Returns intruders and missing candidates.

with worklist_tiers as (

    select tier from {{ ref('int_score_tiers_selected') }}
    where is_on_recruiter_worklist and not is_disqualified_tier

),

expected as (

    select candidate_scores.candidate_id
    from {{ ref('candidate_scores') }} as candidate_scores
    inner join worklist_tiers
        on candidate_scores.score_tier = worklist_tiers.tier
    where not candidate_scores.is_disqualified

),

worklist as (

    select worklist.candidate_id
    from {{ ref('recruiter_worklist') }} as worklist

),

disqualified_on_worklist as (

    select
        worklist.candidate_id,
        'disqualified candidate on the worklist' as problem
    from worklist
    inner join {{ ref('candidate_scores') }} as candidate_scores
        on worklist.candidate_id = candidate_scores.candidate_id
    where candidate_scores.is_disqualified

),

not_expected as (

    select
        worklist.candidate_id,
        'not in a worklist tier' as problem
    from worklist
    left join expected
        on worklist.candidate_id = expected.candidate_id
    where expected.candidate_id is null

),

missing as (

    select
        expected.candidate_id,
        'missing from the worklist' as problem
    from expected
    left join worklist
        on expected.candidate_id = worklist.candidate_id
    where worklist.candidate_id is null

)

select * from disqualified_on_worklist
union all
select * from not_expected
union all
select * from missing
