"""The hidden placement model: which applications end in a placement, and when.

Every application (a clean application_submitted event, read back from the generated, dirty
events) can end in a placement, with a probability driven by what was known when the
candidate applied: the hidden fit (latent.fit_sql), the candidate's intent events in the
RECENT_INTENT_DAYS before the application, and whether they had opted out (an unsubscribe
or bounce before it) or are do-not-contact. A successful application is placed 14 to 60 days
after it was submitted; one whose placement would fall after the end is still in process. A
candidate is placed at most once, by their first successful application.

Applications happen over the whole timeline, so placements do too, and a score computed on
any past date from the data known then can recover the signal (through the dirt).
"""

from __future__ import annotations

from candidate_scoring.demo_data.latent import fit_sql, latent_sql
from candidate_scoring.demo_data.rng import Rng
from candidate_scoring.demo_data.row_index import candidate_indexes
from candidate_scoring.demo_data.sql import code, in_list, lit, weighted, weighted_whens
from candidate_scoring.demo_data.timeline import RECENT_INTENT_DAYS, SECONDS_PER_DAY
from candidate_scoring.demo_data.vocabulary import INTENT_EVENT_TYPES, OPT_OUT_TYPES

# Per application: logit = INTERCEPT + FIT * fit + INTENT * ln(1 + intent events in the
# RECENT_INTENT_DAYS before it) - OPT_OUT_PENALTY * (opted out before it or do not contact)
PLACEMENT_INTERCEPT = -4.8  # about one application in ten ends in a placement
PLACEMENT_FIT_WEIGHT = 6.0
PLACEMENT_INTENT_WEIGHT = 0.8
PLACEMENT_OPT_OUT_PENALTY = 3.5
# Days from a successful application to its placement.
PLACEMENT_MIN_DAYS = 14
PLACEMENT_MAX_DAYS = 60
# Status of a successful application whose placement falls after the end.
PENDING_STATUSES = ("in_process", "offered")
PENDING_STATUS_WEIGHTS = (0.7, 0.3)
# Status of a non-placed application: recent ones are mostly still open, old ones closed.
RECENT_STATUSES = ("in_process", "offered", "withdrawn")
RECENT_STATUS_WEIGHTS = (0.75, 0.15, 0.10)
OLD_STATUSES = ("rejected", "withdrawn", "offered", "in_process")
OLD_STATUS_WEIGHTS = (0.65, 0.25, 0.04, 0.06)
# Share of the other applicants the placements extract has a row for.
APPLICATION_ROW_RATE = 0.85


def _history_sql(schema: str, end_ts: str) -> str:
    """The cleaned intent and opt-out events (re-sends dropped), each with what was known
    just before it: intent events in the RECENT_INTENT_DAYS before, any earlier opt-out."""
    us_per_day = SECONDS_PER_DAY * 1_000_000
    by_time = "partition by candidate_id order by occurred_us"
    return f"""
        select
            candidate_id,
            event_id,
            job_id,
            occurred_at,
            normalized_type,
            coalesce(sum(is_intent) over (
                {by_time}
                range between {RECENT_INTENT_DAYS * us_per_day} preceding and 1 preceding
            ), 0) as intent_before,
            coalesce(bool_or(is_opt_out) over (
                {by_time}
                range between unbounded preceding and 1 preceding
            ), false) as opted_out_before
        from (
            select
                *,
                epoch_us(occurred_at) as occurred_us,
                (normalized_type in ({in_list(INTENT_EVENT_TYPES)}))::integer as is_intent,
                normalized_type in ({in_list(OPT_OUT_TYPES)}) as is_opt_out
            from (
                select distinct
                    candidate_id,
                    event_id,
                    job_id,
                    occurred_at,
                    lower(trim(event_type)) as normalized_type
                from "{schema}".engagement_events
                where
                    candidate_id is not null and occurred_at is not null
                    and occurred_at <= {end_ts}
                    and lower(trim(event_type)) in (
                        {in_list(INTENT_EVENT_TYPES + OPT_OUT_TYPES)}
                    )
            ) as events
        ) as flagged"""


def _status_sql(rng: Rng, end_ts: str) -> str:
    """Status of a non-placed application, drawn by the age of the last application."""
    u_status = rng.u("i", "status")
    age_days = f"date_diff('day', last_application['at'], {end_ts})"
    recent = weighted(u_status, [lit(s) for s in RECENT_STATUSES], RECENT_STATUS_WEIGHTS)
    old = [lit(s) for s in OLD_STATUSES]
    # One flat case: the old-application branches follow the recent one.
    old_whens = weighted_whens(u_status, old, OLD_STATUS_WEIGHTS)
    return f"case when {age_days} <= 21 then {recent} {old_whens} else {old[-1]} end"


def clean_placements_sql(rng: Rng, schema: str, n: int, end_ts: str) -> str:
    """One row per placed candidate (their placement), per candidate whose successful
    application is still in process, and per most other applicants (their last
    application), before any dirt."""
    logit = (
        f"{PLACEMENT_INTERCEPT!r} + {PLACEMENT_FIT_WEIGHT!r} * fit"
        f" + {PLACEMENT_INTENT_WEIGHT!r} * ln(1 + intent_before)"
        f" - {PLACEMENT_OPT_OUT_PENALTY!r} * (opted_out_before or do_not_contact)::integer"
    )
    # Draws per application, keyed by the event number of its id ('E' + 10 digits).
    e = "substr(event_id, 2)"
    gap_days = PLACEMENT_MAX_DAYS - PLACEMENT_MIN_DAYS
    placed_gap = (
        f"to_seconds(floor(({PLACEMENT_MIN_DAYS} + {gap_days} * "
        f"{rng.u(e, 'application_placed_gap')}) * {SECONDS_PER_DAY})::bigint)"
    )
    pending = weighted(
        rng.u("i", "pending_status"), [lit(s) for s in PENDING_STATUSES], PENDING_STATUS_WEIGHTS
    )
    synthetic_job = code("J", rng.below("i", "placement_job", 999_999), 6)
    # max() / min() of a struct compare its first field: the latest or first application.
    application = "{ 'at': occurred_at, 'job': job_id, 'placed_at': placed_at }"
    return f"""
        with candidates_fit as (
            select
                i,
                do_not_contact,
                {code("C", "i", 8)} as candidate_id,
                {fit_sql()} as fit
            from ({latent_sql(rng, candidate_indexes(n), end_ts)}) as latent
        ),

        history as (
            select
                candidates_fit.i,
                candidates_fit.candidate_id,
                candidates_fit.fit,
                candidates_fit.do_not_contact,
                events.event_id,
                events.job_id,
                events.occurred_at,
                events.intent_before,
                events.opted_out_before
            from ({_history_sql(schema, end_ts)}
            ) as events
            inner join candidates_fit
                on events.candidate_id = candidates_fit.candidate_id
            where events.normalized_type = 'application_submitted'
        ),

        applications as (
            select
                i,
                candidate_id,
                occurred_at,
                job_id,
                occurred_at + {placed_gap} as placed_at,
                {rng.u(e, "application_placed")} < 1 / (1 + exp(-({logit}))) as succeeds
            from history
        ),

        outcomes as (
            select
                i,
                candidate_id,
                min({application}) filter (where succeeds) as first_success,
                max({application}) as last_application
            from applications
            group by i, candidate_id
        )

        select
            i,
            candidate_id,
            coalesce(first_success['job'], {synthetic_job}) as job_id,
            first_success['at'] as applied_at,
            first_success['placed_at'] as placed_at,
            'placed' as status
        from outcomes
        where first_success['placed_at'] <= {end_ts}
        union all
        select
            i,
            candidate_id,
            coalesce(first_success['job'], {synthetic_job}) as job_id,
            first_success['at'] as applied_at,
            null::timestamp as placed_at,
            {pending} as status
        from outcomes
        where first_success['placed_at'] > {end_ts}
        union all
        select
            i,
            candidate_id,
            coalesce(last_application['job'], {synthetic_job}) as job_id,
            last_application['at'] as applied_at,
            null::timestamp as placed_at,
            {_status_sql(rng, end_ts)} as status
        from outcomes
        where
            first_success is null
            and {rng.u("i", "application_row")} < {APPLICATION_ROW_RATE!r}"""
