-- The latest usable version of each candidate: one row per candidate_id.

with candidate_versions as (

    select * from {{ ref('stg_recruitment__candidate_versions') }}

),

final as (

    select * from candidate_versions
    where is_latest_version

)

select * from final
