-- Per backtest date and candidate known on it: whether each outcome (var backtest.outcomes)
-- followed within the outcome window after the date, and whether the candidate was already
-- placed by the date (such a candidate is no longer a prospect). Outcomes come from the
-- placements extract: placement (an application that ended placed, by its placed_at) and
-- application (any application, by its applied_at).

{%- set backtest = backtest_settings() %}

with backtest_dates as (

    select distinct as_of_date from {{ ref('int_scoring_scenarios') }}
    where is_backtest_date

),

candidates as (

    select versions.*
    from {{ ref('int_candidate_versions_in_force') }} as versions
    inner join backtest_dates
        on versions.as_of_date = backtest_dates.as_of_date

),

applications as (

    select * from {{ ref('stg_recruitment__placements') }}

),

-- from the day after the date, for outcome_window_days days
windows as (

    select
        as_of_date,
        candidate_id,
        {{ dbt.dateadd('day', 1, 'as_of_date') }} as window_starts_at,
        {{ dbt.dateadd('day', 1 + backtest.outcome_window_days, 'as_of_date') }}
            as window_ends_before
    from candidates

),

labelled as (

    select
        windows.as_of_date,
        windows.candidate_id,
        coalesce(max(case
            when
                applications.placed_at >= windows.window_starts_at
                and applications.placed_at < windows.window_ends_before
                then 1
        end), 0) = 1 as has_placement,
        coalesce(max(case
            when
                applications.applied_at >= windows.window_starts_at
                and applications.applied_at < windows.window_ends_before
                then 1
        end), 0) = 1 as has_application,
        coalesce(max(case
            when applications.placed_at < windows.window_starts_at then 1
        end), 0) = 1 as was_placed_before
    from windows
    left join applications
        on windows.candidate_id = applications.candidate_id
    group by windows.as_of_date, windows.candidate_id

)

select * from labelled
