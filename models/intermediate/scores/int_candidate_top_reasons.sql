-- One row per live candidate with points to show: the three criteria that earned the most,
-- in one line ('skills +30.00; applications +25.00; seniority +20.00'). The worklist and the
-- CRM export say with it why a candidate is where they are.

with criterion_points as (

    select * from {{ ref('int_candidate_criteria_combined') }}

),

ranked_reasons as (

    select
        candidate_id,
        criterion || ' +' || cast(points as {{ dbt.type_string() }}) as reason,
        row_number() over (
            partition by candidate_id
            order by points desc, display_order asc
        ) as reason_rank
    from criterion_points
    where points > 0

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

)

select * from top_reasons
