-- The tier changes first seen on the as-of date of this build: what campaign triggers act on
-- ("became hot": a recruiter task; "became cold": a nurture campaign). A rerun of the same
-- as-of date gives the same changes, so a trigger keyed on candidate and date fires once.

with transitions as (

    select * from {{ ref('candidate_tier_transitions') }}

),

final as (

    select *
    from transitions
    where changed_as_of = {{ as_of_date() }}

)

select * from final
