"""The hidden placement model: who is placed, and the application rows of the others.

A candidate's fit (latent.fit_sql) and recent intent (clean intent events in the days before
the end, read back from the generated, dirty events) drive the probability of a placement;
opted-out and do-not-contact candidates are rarely placed. A good score must recover this
signal through the dirt.
"""

from __future__ import annotations

from candidate_scoring.demo_data.latent import fit_sql, latent_sql
from candidate_scoring.demo_data.rng import Rng
from candidate_scoring.demo_data.row_index import candidate_indexes
from candidate_scoring.demo_data.sql import code, in_list, lit, weighted, weighted_whens
from candidate_scoring.demo_data.timeline import RECENT_INTENT_DAYS, SECONDS_PER_DAY
from candidate_scoring.demo_data.vocabulary import INTENT_EVENT_TYPES, OPT_OUT_TYPES

# logit = INTERCEPT + FIT * fit + INTENT * ln(1 + recent intent)
#         - OPT_OUT_PENALTY * (opted out or do not contact)
PLACEMENT_INTERCEPT = -6.2
PLACEMENT_FIT_WEIGHT = 3.5
PLACEMENT_INTENT_WEIGHT = 1.2
PLACEMENT_OPT_OUT_PENALTY = 3.5
# Status of a non-placed application: recent ones are mostly still open, old ones closed.
RECENT_STATUSES = ("in_process", "offered", "withdrawn")
RECENT_STATUS_WEIGHTS = (0.75, 0.15, 0.10)
OLD_STATUSES = ("rejected", "withdrawn", "offered", "in_process")
OLD_STATUS_WEIGHTS = (0.65, 0.25, 0.04, 0.06)


def _event_features_sql(schema: str, end_ts: str) -> str:
    """Per-candidate facts aggregated from the generated (dirty) events, cleaned."""
    day = "interval 1 day"
    # max() of a struct compares its first field: the latest application and its job.
    application = "{ 'at': occurred_at, 'job': job_id }"
    return f"""
        select
            candidate_id,
            count(distinct event_id) filter (
                where
                    normalized_type in ({in_list(INTENT_EVENT_TYPES)})
                    and occurred_at >= {end_ts} - {RECENT_INTENT_DAYS} * {day}
            ) as recent_intent,
            count(*) filter (where normalized_type in ({in_list(OPT_OUT_TYPES)})) > 0
                as opted_out,
            max({application}) filter (where normalized_type = 'application_submitted')
                as last_application,
            max({application}) filter (
                where
                    normalized_type = 'application_submitted'
                    and occurred_at between {end_ts} - 180 * {day} and {end_ts} - 14 * {day}
            ) as placeable_application
        from (
            select
                candidate_id,
                event_id,
                job_id,
                occurred_at,
                lower(trim(event_type)) as normalized_type
            from "{schema}".engagement_events
            where
                candidate_id is not null and occurred_at is not null
                and occurred_at <= {end_ts}
        ) as events
        group by candidate_id"""


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
    """One row per placed candidate and per most non-placed applicants, before any dirt."""
    day = SECONDS_PER_DAY
    logit = (
        f"{PLACEMENT_INTERCEPT!r} + {PLACEMENT_FIT_WEIGHT!r} * fit"
        f" + {PLACEMENT_INTENT_WEIGHT!r} * ln(1 + recent_intent)"
        f" - {PLACEMENT_OPT_OUT_PENALTY!r} * (opted_out or do_not_contact)::integer"
    )
    synthetic_applied = (
        f"{end_ts} - to_seconds(floor((14 + 166 * {rng.u('i', 'applied')}) * {day})::bigint)"
    )
    synthetic_job = code("J", rng.below("i", "placement_job", 999_999), 6)
    placed_gap = (
        f"to_seconds(floor(14 * {day} + {rng.u('i', 'placed_gap')} * (least(60 * {day}, "
        f"epoch({end_ts}) - epoch(applied_at)) - 14 * {day}))::bigint)"
    )
    return f"""
        with event_features as ({_event_features_sql(schema, end_ts)}
        ),

        candidates_fit as (
            select
                *,
                {code("C", "i", 8)} as candidate_id,
                {fit_sql()} as fit
            from ({latent_sql(rng, candidate_indexes(n), end_ts)}) as latent
        ),

        joined as (
            select
                candidates_fit.i,
                candidates_fit.candidate_id,
                candidates_fit.do_not_contact,
                candidates_fit.fit,
                coalesce(event_features.recent_intent, 0) as recent_intent,
                coalesce(event_features.opted_out, false) as opted_out,
                event_features.last_application,
                event_features.placeable_application
            from candidates_fit
            left join event_features
                on candidates_fit.candidate_id = event_features.candidate_id
        ),

        scored as (
            select
                *,
                {rng.u("i", "placed")} < 1 / (1 + exp(-({logit}))) as placed
            from joined
        ),

        placed_applications as (
            select
                i,
                candidate_id,
                coalesce(placeable_application['job'], {synthetic_job}) as job_id,
                coalesce(placeable_application['at'], {synthetic_applied}) as applied_at
            from scored
            where placed
        ),

        placed as (
            select
                i,
                candidate_id,
                job_id,
                applied_at,
                applied_at + {placed_gap} as placed_at,
                'placed' as status
            from placed_applications
        )

        select * from placed
        union all
        select
            i,
            candidate_id,
            coalesce(last_application['job'], {synthetic_job}) as job_id,
            last_application['at'] as applied_at,
            null::timestamp as placed_at,
            {_status_sql(rng, end_ts)} as status
        from scored
        where
            not placed and last_application is not null
            and {rng.u("i", "application_row")} < 0.85"""
