"""The raw recruiter_feedback table: a recruiter's dispositions on the candidates they screen,
every column text as a spreadsheet export writes it, then exact amounts of dirt.

Who gets feedback follows the clean placements (read from their temporary table): a placed
candidate is marked a good fit a little before the placement, most other applicants get a
disposition after applying, a few candidates a screening call without applying. The
disposition leans on the hidden fit of the placement model: good fits for the candidates it
favours, not-a-fit for poor fits. Dirt (disposition case and spacing, padded ids, unknown
candidates and dispositions, missing ids, future or day-first times, re-exported rows) goes
to the rows ranked first by a hashed draw, so each kind hits an exact number of rows (at
least one).
"""

from __future__ import annotations

from candidate_scoring.demo_data.latent import fit_sql, latent_sql
from candidate_scoring.demo_data.placements import CLEAN_TABLE
from candidate_scoring.demo_data.rng import Rng
from candidate_scoring.demo_data.row_index import candidate_indexes
from candidate_scoring.demo_data.sql import at, code, str_list
from candidate_scoring.demo_data.timeline import SECONDS_PER_DAY
from candidate_scoring.demo_data.vocabulary import (
    DISPOSITION_LABELS,
    FEEDBACK_REASONS,
    RECRUITERS,
    UNKNOWN_DISPOSITIONS,
)

TABLE = "recruiter_feedback"
# Who gets feedback: non-placed applicants, a second (earlier) screening of an applicant, and
# candidates screened without applying (a sourcing call).
APPLICANT_FEEDBACK_RATE = 0.7
EARLIER_SCREENING_RATE = 0.4
SCREENED_WITHOUT_APPLYING_RATE = 0.12
# A placed candidate's last feedback is a good fit this often; otherwise the fit decides.
PLACED_GOOD_FIT_RATE = 0.9
NO_RESPONSE_RATE = 0.2
REASON_RATE = 0.65
# given_at as text: most rows 'YYYY-MM-DD HH:MM:SS', some ISO 8601 with Z, some epoch seconds.
ISO_Z_RATE = 0.10
EPOCH_RATE = 0.05
# Dirt: the share of rows each kind hits (at least one row each).
DISPOSITION_CASE_RATE = 0.08
PADDED_CANDIDATE_ID_RATE = 0.03
UNKNOWN_DISPOSITION_RATE = 0.004
UNKNOWN_CANDIDATE_RATE = 0.003
MISSING_ID_RATE = 0.003
FUTURE_RATE = 0.003
DAY_FIRST_RATE = 0.002
DUPLICATE_RATE = 0.01
DIRT_RATES = {
    "case": DISPOSITION_CASE_RATE,
    "padded": PADDED_CANDIDATE_ID_RATE,
    "unknown_disposition": UNKNOWN_DISPOSITION_RATE,
    "unknown_candidate": UNKNOWN_CANDIDATE_RATE,
    "missing_id": MISSING_ID_RATE,
    "future": FUTURE_RATE,
    "day_first": DAY_FIRST_RATE,
    "duplicate": DUPLICATE_RATE,
}


def _days(rng: Rng, key: str, salt: str, low: float, high: float) -> str:
    """A whole number of seconds between ``low`` and ``high`` days, drawn per row."""
    return (
        f"to_seconds(floor(({low!r} + {high - low!r} * {rng.u(key, salt)}) "
        f"* {SECONDS_PER_DAY})::bigint)"
    )


def _disposition_whens(rng: Rng, key: str) -> str:
    """The branches of the disposition index (0 good_fit, 1 not_a_fit, 2 no_response) drawn
    from the fit; the caller's ``else`` is 1."""
    good = "greatest(0.03, least(0.8, 1.2 * fit - 0.35))"
    u = rng.u(key, "disposition")
    return f"when {u} < {good} then 0 when {u} < {good} + {NO_RESPONSE_RATE!r} then 2"


def _feedback_rows_sql(rng: Rng, n: int, end_ts: str) -> str:
    """One row per feedback given, clean: candidate index, slot, time and disposition."""
    latest = "i * 2"  # key of a candidate's latest feedback; i * 2 + 1 an earlier screening
    earlier = "i * 2 + 1"
    latest_at = f"""case
                when status = 'placed' then placed_at - {_days(rng, latest, "before_placed", 1, 10)}
                -- days after applying, sooner for an application of the last days
                when applied_at is not null then applied_at + to_seconds(floor(least(
                    (1 + 13 * {rng.u(latest, "after_applied")}) * {SECONDS_PER_DAY},
                    {rng.u(latest, "after_recent")} * (epoch({end_ts}) - epoch(applied_at))
                ))::bigint)
                else created_at + to_seconds(floor({rng.u(latest, "screened_at")}
                    * (epoch({end_ts}) - epoch(created_at)))::bigint)
            end"""
    # one flat case: a placed candidate's good fit first, then the fit decides
    latest_disposition = (
        f"case when status = 'placed' and {rng.u(latest, 'placed_good_fit')} "
        f"< {PLACED_GOOD_FIT_RATE!r} then 0 {_disposition_whens(rng, latest)} else 1 end"
    )
    return f"""
        with candidates_fit as (
            select
                i,
                created_at,
                {fit_sql()} as fit
            from ({latent_sql(rng, candidate_indexes(n), end_ts)}) as latent
        ),

        outcomes as (
            select
                candidates_fit.i,
                candidates_fit.created_at,
                candidates_fit.fit,
                clean.applied_at,
                clean.placed_at,
                clean.status
            from candidates_fit
            left join {CLEAN_TABLE} as clean
                on candidates_fit.i = clean.i
        ),

        latest_feedback as (
            select
                i,
                0 as slot,
                fit,
                applied_at,
                created_at,
                {latest_at} as given_at,
                {latest_disposition} as disposition_index
            from outcomes
            where
                status = 'placed'
                or (applied_at is not null and {rng.u(latest, "applicant_feedback")}
                    < {APPLICANT_FEEDBACK_RATE!r})
                or (applied_at is null and {rng.u(latest, "screened")}
                    < {SCREENED_WITHOUT_APPLYING_RATE!r})
        ),

        earlier_screening as (
            select
                i,
                1 as slot,
                -- before applying, and not before the candidate was created unless the
                -- application itself was
                greatest(
                    least(created_at, applied_at),
                    applied_at - {_days(rng, earlier, "screened_before", 1, 30)}
                ) as given_at,
                case {_disposition_whens(rng, earlier)} else 1 end as disposition_index
            from latest_feedback
            where
                applied_at is not null
                and {rng.u(earlier, "earlier_screening")} < {EARLIER_SCREENING_RATE!r}
        )

        select
            i,
            slot,
            given_at,
            disposition_index
        from latest_feedback
        union all
        select
            i,
            slot,
            given_at,
            disposition_index
        from earlier_screening"""


def _given_at_text_sql(rng: Rng, end_ts: str) -> str:
    """given_at as exported text in its usual formats, with future and day-first dirt."""
    u = rng.u("f", "given_at_format")
    future = (
        f"{end_ts} + to_seconds({SECONDS_PER_DAY} + "
        f"floor({rng.u('f', 'future')} * {364 * SECONDS_PER_DAY})::bigint)"
    )
    return f"""case
            when r_future <= k_future then strftime({future}, '%Y-%m-%d %H:%M:%S')
            when r_day_first <= k_day_first then strftime(given_at, '%d/%m/%Y %H:%M')
            when {u} < {ISO_Z_RATE!r} then strftime(given_at, '%Y-%m-%dT%H:%M:%SZ')
            when {u} < {ISO_Z_RATE + EPOCH_RATE!r} then epoch(given_at)::bigint::varchar
            else strftime(given_at, '%Y-%m-%d %H:%M:%S') end"""


def _disposition_text_sql(rng: Rng) -> str:
    """disposition as exported text: the label, in another case or spacing for some rows."""
    label = at(str_list(DISPOSITION_LABELS), "disposition_index")
    variant = rng.below("f", "disposition_variant", 5)
    return f"""case
            when r_unknown_disposition <= k_unknown_disposition
                then {at(str_list(UNKNOWN_DISPOSITIONS), rng.below("f", "unknown_disposition", 4))}
            when r_case <= k_case then case {variant}
                when 0 then upper({label})
                when 1 then replace(lower({label}), ' ', '_')
                when 2 then ' ' || {label} || ' '
                when 3 then replace(lower({label}), ' ', '-')
                else replace({label}, ' ', '  ') end
            else {label} end"""


def _reason_sql(rng: Rng) -> str:
    """An optional reason in the recruiter's words, from the list of the disposition."""
    reasons = "[" + ", ".join(str_list(group) for group in FEEDBACK_REASONS) + "]"
    pick = rng.below("f", "reason", f"len({reasons}[disposition_index + 1])")
    return (
        f"case when {rng.u('f', 'has_reason')} < {REASON_RATE!r} "
        f"then {reasons}[disposition_index + 1][({pick}) + 1] end"
    )


def create_feedback(rng: Rng, schema: str, n: int, end_ts: str) -> str:
    """Statement creating ``<schema>.recruiter_feedback``; it reads the clean placements."""
    ranks = ",\n".join(
        f"row_number() over (order by {rng.hash('f', 'feedback_' + kind)}, f) as r_{kind}"
        for kind in DIRT_RATES
    )
    counts = ",\n".join(
        f"greatest(1, round(count(*) over () * {rate!r}))::bigint as k_{kind}"
        for kind, rate in DIRT_RATES.items()
    )
    candidate_id = code("C", "i", 8)
    unknown_candidate = code("C9", rng.below("f", "unknown_candidate", 10_000_000), 7)
    padded = at(
        f"[' ' || lower({candidate_id}), lower({candidate_id}) || ' ', chr(9) || {candidate_id}]",
        rng.below("f", "padded_variant", 3),
    )
    recruiter = code("r", f"1 + {rng.below('i', 'recruiter', RECRUITERS)}", 3)
    return f"""
        create or replace table "{schema}".{TABLE} as
        with feedback as ({_feedback_rows_sql(rng, n, end_ts)}
        ),

        numbered as (
            select
                *,
                row_number() over (order by i, slot) as f
            from feedback
        ),

        ranked as (
            select
                *,
                {ranks},
                {counts}
            from numbered
        ),

        dirty as (
            select
                f,
                r_duplicate,
                k_duplicate,
                case when r_missing_id > k_missing_id then {code("FB", "f", 8)}
                    when {rng.below("f", "missing_id_variant", 2)} = 0 then ' ' end
                    as feedback_id,
                case when r_unknown_candidate <= k_unknown_candidate then {unknown_candidate}
                    when r_padded <= k_padded then {padded}
                    else {candidate_id} end as candidate_id,
                {recruiter} as recruiter_id,
                {_given_at_text_sql(rng, end_ts)} as given_at,
                {_disposition_text_sql(rng)} as disposition,
                {_reason_sql(rng)} as reason
            from ranked
        )

        select
            feedback_id::varchar as feedback_id,
            candidate_id::varchar as candidate_id,
            recruiter_id::varchar as recruiter_id,
            given_at::varchar as given_at,
            disposition::varchar as disposition,
            reason::varchar as reason
        from dirty
        union all
        select
            feedback_id,
            candidate_id,
            recruiter_id,
            given_at,
            disposition,
            reason
        from dirty
        where r_duplicate <= k_duplicate"""
