-- Usable applications and their outcome: one row per candidate and job.

with placements as (

    select * from {{ ref('base_recruitment__placements') }}
    where rejection_reason is null

),

final as (

    select
        -- ids
        candidate_id,
        job_id,

        -- strings
        status,

        -- timestamps
        applied_at,
        placed_at,

        -- booleans
        status = 'placed' as is_placed

    from placements

)

select * from final
