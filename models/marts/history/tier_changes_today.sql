-- The tier changes of the as-of date of this build: each candidate's tier now against their
-- tier at the end of the previous recorded date. What campaign triggers act on ("became hot":
-- a recruiter task; "became cold": a nurture campaign). Several builds on the same date (a
-- rerun after a fixed extract) give one change per candidate, or none if the tier came back.

with history as (

    select * from {{ ref('candidate_score_history') }}

),

tiers as (

    select * from {{ ref('int_score_tiers_configured') }}

),

current_versions as (

    select * from history
    where dbt_valid_to is null and scored_as_of = {{ as_of_date() }}

),

-- each candidate's last version recorded for an earlier date
versions_before as (

    select
        *,
        row_number() over (
            partition by candidate_id order by dbt_valid_from desc
        ) as recency_rank
    from history
    where scored_as_of < {{ as_of_date() }}

),

final as (

    select
        -- ids
        current_versions.candidate_id,

        -- the change
        versions_before.score_tier as previous_tier,
        current_versions.score_tier,
        tiers.recommended_action,
        versions_before.total_score_points as previous_total_score_points,
        current_versions.total_score_points,
        current_versions.weight_set,

        -- dates and timestamps
        versions_before.scored_as_of as previous_scored_as_of,
        current_versions.scored_as_of as changed_as_of,
        current_versions.dbt_valid_from as recorded_at,

        -- derived
        {{ tier_change_direction(
            'versions_before.score_tier',
            'versions_before.tier_priority',
            'current_versions.tier_priority'
        ) }} as direction

    from current_versions
    left join versions_before
        on
            current_versions.candidate_id = versions_before.candidate_id
            and versions_before.recency_rank = 1
    left join tiers
        on
            current_versions.weight_set = tiers.weight_set
            and current_versions.score_tier = tiers.tier
    where
        versions_before.candidate_id is null
        or versions_before.score_tier != current_versions.score_tier

)

select * from final
