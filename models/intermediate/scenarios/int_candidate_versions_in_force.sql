-- Which version of each candidate was in force on each scored date: the best-ranked version
-- (the latest, see base_recruitment__candidates) among those known by the end of that day, so a
-- backtest date sees attributes and consent as they were. A candidate whose version in force
-- was rejected (a consent value that does not convert) is not scored on that date, as it is not
-- scored today; a version without any time is known on every date.

with candidate_rows as (

    select
        candidate_id,
        version_rank,
        rejection_reason,
        coalesce(updated_at, created_at) as known_since
    from {{ ref('base_recruitment__candidates') }}
    where candidate_id is not null

),

scored_dates as (

    select distinct as_of_date from {{ ref('int_scoring_scenarios') }}

),

best_known_versions as (

    select
        scored_dates.as_of_date,
        candidate_rows.candidate_id,
        min(candidate_rows.version_rank) as version_rank
    from candidate_rows
    inner join scored_dates
        on
            candidate_rows.known_since is null
            or candidate_rows.known_since
            < {{ dbt.dateadd('day', 1, 'scored_dates.as_of_date') }}
    group by scored_dates.as_of_date, candidate_rows.candidate_id

),

in_force as (

    select
        best_known_versions.as_of_date,
        best_known_versions.candidate_id,
        best_known_versions.version_rank
    from best_known_versions
    inner join candidate_rows
        on
            best_known_versions.candidate_id = candidate_rows.candidate_id
            and best_known_versions.version_rank = candidate_rows.version_rank
    where
        candidate_rows.rejection_reason is null
        or candidate_rows.rejection_reason = 'superseded_by_newer_version'

)

select * from in_force
