-- Why a candidate must not be contacted, whatever the score: the do-not-contact flag, a missing
-- marketing consent, or any event that event_points marks as disqualifying (an unsubscribe, a
-- hard bounce) up to the as-of date. One row per candidate; the tier step reads it.

with candidates as (

    select * from {{ ref('stg_recruitment__candidates') }}

),

disqualifying_event_types as (

    select distinct
        candidate_id,
        event_type
    from {{ ref('int_engagement_events_weighted') }}
    where is_disqualifying

),

disqualifying_events as (

    select
        candidate_id,
        {{ dbt.listagg('event_type', "', '", 'order by event_type') }} as event_types
    from disqualifying_event_types
    group by candidate_id

),

reasons as (

    select
        candidates.candidate_id,
        candidates.is_do_not_contact,
        disqualifying_events.event_types as disqualifying_event_types,
        not candidates.has_marketing_consent as is_without_marketing_consent,
        nullif(
            concat_ws(
                ', ',
                case when candidates.is_do_not_contact then 'do_not_contact' end,
                case
                    when not candidates.has_marketing_consent
                        then 'no_marketing_consent'
                end,
                disqualifying_events.event_types
            ),
            ''
        ) as disqualification_reasons
    from candidates
    left join disqualifying_events
        on candidates.candidate_id = disqualifying_events.candidate_id

)

select
    *,
    disqualification_reasons is not null as is_disqualified
from reasons
