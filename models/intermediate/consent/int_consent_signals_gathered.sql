-- Every signal about a candidate's consent in the raw extracts, one row each, read from every raw
-- row with a candidate id, used or rejected: a rejected row (a duplicate id, a time missing or
-- in the future) still says the candidate opted out.
-- - opt_out from the candidate rows: do-not-contact, or marketing consent refused, on the
--   latest version or on a version that cannot be shown older (same time, no usable time);
-- - opt_out from events of a type configured as an opt-out (unsubscribe, bounce);
-- - re_consent from events of a type configured as a re-consent, used rows only: a rejected
--   row may restrict contact, never allow it (a re-consent re-using an unsubscribe's event id
--   is a duplicate, not a lifted opt-out).
-- signal_at is the time of an event when it is known and not in the future; NULL otherwise,
-- and for candidate rows, which are state rather than events. known_since is when the signal
-- was on record (the event's time, the candidate row's update time); a backtest date counts
-- only signals known by then, and a signal without a usable time on every date.

with candidate_versions as (

    select * from {{ ref('base_recruitment__candidates') }}
    where candidate_id is not null

),

events as (

    select * from {{ ref('base_recruitment__engagement_events') }}
    where candidate_id is not null

),

consent_event_types as (

    select * from {{ ref('int_consent_event_types_configured') }}

),

latest_versions as (

    select
        candidate_id,
        updated_at as latest_updated_at
    from candidate_versions
    where is_latest_version

),

-- versions that speak for the candidate now: the latest, and any not provably older than it
current_versions as (

    select candidate_versions.*
    from candidate_versions
    inner join latest_versions
        on candidate_versions.candidate_id = latest_versions.candidate_id
    where
        candidate_versions.is_latest_version
        or candidate_versions.updated_at is null
        or latest_versions.latest_updated_at is null
        or candidate_versions.updated_at >= latest_versions.latest_updated_at

),

candidate_signals as (

    select
        candidate_id,
        'candidates' as source_table,
        candidate_id as record_id,
        'opt_out' as consent_effect,
        'do_not_contact' as reason,
        cast(null as {{ dbt.type_timestamp() }}) as signal_at,
        updated_at as known_since
    from current_versions
    where is_do_not_contact

    union all

    select
        candidate_id,
        'candidates' as source_table,
        candidate_id as record_id,
        'opt_out' as consent_effect,
        'no_marketing_consent' as reason,
        cast(null as {{ dbt.type_timestamp() }}) as signal_at,
        updated_at as known_since
    from current_versions
    where not has_marketing_consent

),

event_signals as (

    select
        events.candidate_id,
        'engagement_events' as source_table,
        events.event_id as record_id,
        consent_event_types.consent_effect,
        consent_event_types.reason,
        case
            when events.occurred_at <= {{ run_started_timestamp() }} then events.occurred_at
        end as signal_at,
        case
            when events.occurred_at <= {{ run_started_timestamp() }} then events.occurred_at
        end as known_since
    from events
    inner join consent_event_types
        on events.event_type = consent_event_types.event_type
    where
        consent_event_types.consent_effect = 'opt_out'
        or events.rejection_reason is null

),

signals as (

    select * from candidate_signals
    union all
    select * from event_signals

)

select * from signals
