-- Candidates per tier on every as-of date a build recorded, from the score history: the
-- size of the hot tier day by day. A version holds from its as-of date until the next
-- version's; a candidate no longer scored counts until the build that closed their row.

with history as (

    select * from {{ ref('candidate_score_history') }}

),

recorded_dates as (

    select distinct scored_as_of as as_of_date
    from history

),

versions as (

    select
        candidate_id,
        score_tier,
        scored_as_of as valid_from_as_of,
        coalesce(
            lead(scored_as_of) over (partition by candidate_id order by dbt_valid_from),
            -- a closed last version: the candidate left on the date of the closing build
            case when dbt_valid_to is not null then cast(dbt_valid_to as date) end
        ) as valid_until_as_of
    from history

),

counted as (

    select
        recorded_dates.as_of_date,
        versions.score_tier,
        count(*) as candidates
    from recorded_dates
    inner join versions
        on
            recorded_dates.as_of_date >= versions.valid_from_as_of
            and (
                versions.valid_until_as_of is null
                or recorded_dates.as_of_date < versions.valid_until_as_of
            )
    group by recorded_dates.as_of_date, versions.score_tier

),

final as (

    select
        as_of_date,
        score_tier,
        cast(candidates as {{ dbt.type_bigint() }}) as candidates
    from counted

)

select * from final
