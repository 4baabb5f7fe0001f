-- Whether each candidate may be contacted on each scored date, and if not why: contact needs
-- evidence of consent (the version in force says marketing consent: yes) and no evidence
-- against it. The version in force gives its own refusal or do-not-contact, and every opt-out
-- signal known by the date disqualifies (int_consent_signals_gathered: from any raw row, used
-- or rejected) unless it is an event with a known time and the candidate re-consented later,
-- by the date. An opt-out without a usable time, or from the candidate rows, is never
-- overridden, and one without a usable time counts on every date.
-- One row per scored date and candidate; the tier step reads it.

with candidates as (

    select
        versions_in_force.as_of_date,
        candidate_versions.candidate_id,
        candidate_versions.has_marketing_consent,
        candidate_versions.is_do_not_contact
    from {{ ref('int_candidate_versions_in_force') }} as versions_in_force
    inner join {{ ref('stg_recruitment__candidate_versions') }} as candidate_versions
        on
            versions_in_force.candidate_id = candidate_versions.candidate_id
            and versions_in_force.version_rank = candidate_versions.version_rank

),

signals as (

    select * from {{ ref('int_consent_signals_gathered') }}

),

-- the signals on record by the end of each scored date
known_signals as (

    select
        signals.*,
        candidates.as_of_date
    from candidates
    inner join signals
        on
            candidates.candidate_id = signals.candidate_id
            and (
                signals.known_since is null
                or signals.known_since
                < {{ dbt.dateadd('day', 1, 'candidates.as_of_date') }}
            )

),

latest_re_consents as (

    select
        as_of_date,
        candidate_id,
        max(signal_at) as re_consented_at
    from known_signals
    where consent_effect = 're_consent'
    group by as_of_date, candidate_id

),

standing_opt_outs as (

    select
        known_signals.as_of_date,
        known_signals.candidate_id,
        known_signals.reason
    from known_signals
    left join latest_re_consents
        on
            known_signals.as_of_date = latest_re_consents.as_of_date
            and known_signals.candidate_id = latest_re_consents.candidate_id
    where
        known_signals.consent_effect = 'opt_out'
        and not coalesce(
            known_signals.signal_at < latest_re_consents.re_consented_at, false
        )

),

-- the version in force speaks for itself; no consent value at all is no consent, with its own
-- reason, so a lost column is not taken for candidates who refused
version_reasons as (

    select
        as_of_date,
        candidate_id,
        'do_not_contact' as reason
    from candidates
    where is_do_not_contact

    union all

    select
        as_of_date,
        candidate_id,
        'no_marketing_consent' as reason
    from candidates
    where not has_marketing_consent

    union all

    select
        as_of_date,
        candidate_id,
        'no_consent_value' as reason
    from candidates
    where has_marketing_consent is null

),

all_reasons as (

    select * from standing_opt_outs
    union all
    select * from version_reasons

),

reasons as (

    select distinct
        as_of_date,
        candidate_id,
        reason,
        -- candidate-row reasons first, in a fixed order, then event reasons by name
        case reason
            when 'do_not_contact' then 1
            when 'no_marketing_consent' then 2
            when 'no_consent_value' then 2
            else 3
        end as reason_order
    from all_reasons

),

reason_lists as (

    select
        as_of_date,
        candidate_id,
        {{ ordered_text_list('reason', "', '", ['reason_order', 'reason']) }}
            as disqualification_reasons
    from reasons
    group by as_of_date, candidate_id

),

final as (

    select
        candidates.as_of_date,
        candidates.candidate_id,
        reason_lists.disqualification_reasons,
        reason_lists.candidate_id is not null as is_disqualified
    from candidates
    left join reason_lists
        on
            candidates.as_of_date = reason_lists.as_of_date
            and candidates.candidate_id = reason_lists.candidate_id

)

select * from final
