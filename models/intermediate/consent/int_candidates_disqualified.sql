-- Whether each accepted candidate may be contacted, and if not why: contact needs evidence of
-- consent (the latest version says marketing consent: yes) and no evidence against it. Every
-- opt-out signal disqualifies (int_consent_signals_gathered) unless
-- - it is an event known to have happened after the as-of date (a backtest's future), or
-- - it is an event with a known time and the candidate re-consented later, by the as-of date.
-- An opt-out without a usable time, or from the candidate rows, is never overridden.
-- One row per candidate; the tier step reads it.

with candidates as (

    select * from {{ ref('stg_recruitment__candidates') }}

),

signals as (

    select * from {{ ref('int_consent_signals_gathered') }}

),

as_of as (

    select {{ as_of_date() }} as as_of_date

),

latest_re_consents as (

    select
        signals.candidate_id,
        max(signals.signal_at) as re_consented_at
    from signals
    cross join as_of
    where
        signals.consent_effect = 're_consent'
        and signals.signal_at < {{ dbt.dateadd('day', 1, 'as_of.as_of_date') }}
    group by signals.candidate_id

),

standing_opt_outs as (

    select distinct
        signals.candidate_id,
        signals.reason,
        -- candidate-row reasons first, in a fixed order, then event reasons by name
        case signals.reason
            when 'do_not_contact' then 1
            when 'no_marketing_consent' then 2
            when 'no_consent_value' then 2
            else 3
        end as reason_order
    from signals
    cross join as_of
    left join latest_re_consents
        on signals.candidate_id = latest_re_consents.candidate_id
    where
        signals.consent_effect = 'opt_out'
        and not coalesce(
            signals.signal_at >= {{ dbt.dateadd('day', 1, 'as_of.as_of_date') }}
            or signals.signal_at < latest_re_consents.re_consented_at,
            false
        )

),

-- no consent value at all is no consent; its own reason, so a lost column is not taken for
-- candidates who refused
missing_consent as (

    select
        candidate_id,
        'no_consent_value' as reason,
        2 as reason_order
    from candidates
    where has_marketing_consent is null

),

reasons as (

    select * from standing_opt_outs
    union
    select * from missing_consent

),

reason_lists as (

    select
        candidate_id,
        {{ dbt.listagg('reason', "', '", 'order by reason_order, reason') }}
            as disqualification_reasons
    from reasons
    group by candidate_id

),

final as (

    select
        candidates.candidate_id,
        reason_lists.disqualification_reasons,
        reason_lists.candidate_id is not null as is_disqualified
    from candidates
    left join reason_lists
        on candidates.candidate_id = reason_lists.candidate_id

)

select * from final
