-- Per backtest date and candidate known on it: whether each outcome (var backtest.outcomes)
-- followed within the outcome window after the date, and whether the candidate was already
-- placed by the date (such a candidate is no longer a prospect). placement (an application that
-- ended placed, by its placed_at) and application (any application, by its applied_at) come
-- from the placements extract, good_fit_feedback (a recruiter's good-fit disposition, by its
-- given_at) from the recruiter feedback.

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

good_fit_feedback as (

    select * from {{ ref('stg_recruitment__recruiter_feedback') }}
    where disposition = 'good_fit'

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

applications_labelled as (

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

),

feedback_labelled as (

    select
        windows.as_of_date,
        windows.candidate_id,
        count(good_fit_feedback.feedback_id) > 0 as has_good_fit_feedback
    from windows
    left join good_fit_feedback
        on
            windows.candidate_id = good_fit_feedback.candidate_id
            and windows.window_starts_at <= good_fit_feedback.given_at
            and windows.window_ends_before > good_fit_feedback.given_at
    group by windows.as_of_date, windows.candidate_id

),

labelled as (

    select
        applications_labelled.as_of_date,
        applications_labelled.candidate_id,
        applications_labelled.has_placement,
        applications_labelled.has_application,
        feedback_labelled.has_good_fit_feedback,
        applications_labelled.was_placed_before
    from applications_labelled
    inner join feedback_labelled
        on
            applications_labelled.as_of_date = feedback_labelled.as_of_date
            and applications_labelled.candidate_id = feedback_labelled.candidate_id

)

select * from labelled
