-- What the score history records of each live candidate: the tier and the total score in
-- whole points. Rounding keeps a point's worth of daily decay from making a new version;
-- the as-of date rides along to say when a change was first seen.

with candidate_scores as (

    select * from {{ ref('candidate_scores') }}

),

final as (

    select
        candidate_id,
        score_tier,
        tier_priority,
        cast(round(total_score, 0) as {{ dbt.type_int() }}) as total_score_points,
        weight_set,
        as_of_date as scored_as_of
    from candidate_scores

)

select * from final
