-- Every raw row that scoring could not use, with the reason and the value behind it. Together
-- with the staging models it accounts for every raw row: nothing is dropped silently.

with rejected_candidates as (

    select
        'candidates' as source_table,
        candidate_id as record_id,
        rejection_reason,
        rejected_value
    from {{ ref('base_recruitment__candidates') }}
    where rejection_reason is not null

),

rejected_events as (

    select
        'engagement_events' as source_table,
        event_id as record_id,
        rejection_reason,
        rejected_value
    from {{ ref('base_recruitment__engagement_events') }}
    where rejection_reason is not null

),

rejected_placements as (

    select
        'placements' as source_table,
        concat_ws(' / ', candidate_id, job_id) as record_id,
        rejection_reason,
        rejected_value
    from {{ ref('base_recruitment__placements') }}
    where rejection_reason is not null

),

rejected_feedback as (

    select
        'recruiter_feedback' as source_table,
        feedback_id as record_id,
        rejection_reason,
        rejected_value
    from {{ ref('base_recruitment__recruiter_feedback') }}
    where rejection_reason is not null

),

rejected_erasure_requests as (

    select
        'erasure_requests' as source_table,
        cast(null as {{ dbt.type_string() }}) as record_id,
        rejection_reason,
        rejected_value
    from {{ ref('base_recruitment__erasure_requests') }}
    where rejection_reason is not null

),

unioned as (

    select * from rejected_candidates
    union all
    select * from rejected_events
    union all
    select * from rejected_placements
    union all
    select * from rejected_feedback
    union all
    select * from rejected_erasure_requests

)

select * from unioned
