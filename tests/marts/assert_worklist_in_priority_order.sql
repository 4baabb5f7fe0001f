-- A higher priority_rank never has a higher total score than the rank before it.

with ranked as (

    select
        priority_rank,
        candidate_id,
        total_score,
        lag(total_score) over (order by priority_rank) as previous_total_score
    from {{ ref('recruiter_worklist') }}

)

select * from ranked
where total_score > previous_total_score
