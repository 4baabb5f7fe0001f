"""The raw engagement_events table: an intent-driven mix of event types over two years,
then dirt (unknown types, messy case, unknown or missing candidates, future or missing times).
"""

from __future__ import annotations

from candidate_scoring.demo_data.activity import event_draws_sql
from candidate_scoring.demo_data.dirt import Dirt, dirt_kind
from candidate_scoring.demo_data.rng import Rng
from candidate_scoring.demo_data.row_index import event_duplicates
from candidate_scoring.demo_data.sql import (
    at,
    code,
    in_list,
    initcap,
    interpolated_whens,
    lit,
    str_list,
)
from candidate_scoring.demo_data.timeline import SECONDS_PER_DAY
from candidate_scoring.demo_data.vocabulary import (
    EMAIL_EVENT_TYPES,
    ENGAGEMENT_TYPES,
    HIGH_INTENT_MIX,
    JOB_EVENT_TYPES,
    LOW_INTENT_MIX,
    UNKNOWN_EVENT_TYPES,
)

TABLE = "engagement_events"
# Opt-out events per event of an opt-out-prone candidate at zero intent (0.47 of them
# unsubscribes, the rest bounces); high intent lowers the rate by up to 40 %.
OPT_OUT_EVENT_RATE = 0.13
TYPE_DIRT = (Dirt("unknown", 0.003, 0), Dirt("case", 0.05, 1))
CANDIDATE_DIRT = (Dirt("unknown", 0.003, 2), Dirt("null", 0.0005, 3))
TIME_DIRT = (Dirt("future", 0.001, 4), Dirt("null", 0.0005, 5))


def _event_type_sql() -> str:
    """Clean event type: opt-outs for opt-out-prone candidates, else an intent-shifted mix."""
    x = "(intent * intent)"
    types = [lit(t) for t in ENGAGEMENT_TYPES]
    mix = interpolated_whens("u_event_type", x, types, LOW_INTENT_MIX, HIGH_INTENT_MIX)
    rate = f"({OPT_OUT_EVENT_RATE!r} * (1 - 0.4 * {x}))"
    # One flat case: the first matching branch wins, so the mix applies to the rest.
    return f"""case
            when opt_out_prone and u_opt_out < {rate} * 0.47 then 'unsubscribe'
            when opt_out_prone and u_opt_out < {rate} then 'email_bounce'
            {mix}
            else {types[-1]} end"""


def _clean_events_sql(rng: Rng, n: int, events: int, n_dup: int) -> str:
    """Clean events: type, time offset before end (skewed recent for high intent), job."""
    offset = "floor(created_off * pow(u_occurred, 1 + 4 * intent * intent))"
    n_jobs = min(999_999, max(200, n // 2))
    job = f"{rng.mix('ci::bigint', rng.below('e', 'job_slot', 4), lit('job'))} % {n_jobs}"
    return f"""
        select
            e,
            ci,
            event_type,
            offset_s,
            u_type_dirt,
            u_candidate_dirt,
            u_time_dirt,
            case when event_type in ({in_list(JOB_EVENT_TYPES)})
                then {code("J", job, 6)} end as job_id,
            case when event_type in ({in_list(EMAIL_EVENT_TYPES)}) then 'email'
                when u_channel < 0.7 then 'web' else 'mobile_app' end as channel
        from (
            select
                *,
                {_event_type_sql()} as event_type,
                {offset}::bigint as offset_s
            from ({event_draws_sql(rng, n, events, n_dup)}) as draws
        ) as typed"""


def _event_type_dirt_sql(rng: Rng) -> str:
    """event_type with unknown values and inconsistent case / spacing (column ``type_kind``)."""
    unknown = at(str_list(UNKNOWN_EVENT_TYPES), rng.below("e", "unknown_type", 4))
    variant = rng.below("e", "type_case_variant", 5)
    return f"""case type_kind
            when 'unknown' then {unknown}
            when 'case' then case {variant}
                when 0 then upper(event_type)
                when 1 then ' ' || {initcap("event_type")}
                when 2 then event_type || ' '
                when 3 then '  ' || upper(event_type)
                else {initcap("event_type")} || ' ' end
            else event_type end"""


def create_events(rng: Rng, schema: str, n: int, events: int, end_ts: str) -> str:
    """Statement creating ``<schema>.engagement_events`` (``events`` clean rows + re-sends)."""
    n_dup = event_duplicates(events)
    type_kind = dirt_kind(rng, "e", "u_type_dirt", TABLE, events, TYPE_DIRT)
    candidate_kind = dirt_kind(rng, "e", "u_candidate_dirt", TABLE, events, CANDIDATE_DIRT)
    time_kind = dirt_kind(rng, "e", "u_time_dirt", TABLE, events, TIME_DIRT)
    unknown_candidate = code("C9", rng.below("e", "unknown_candidate", 10_000_000), 7)
    future = (
        f"{end_ts} + to_seconds({SECONDS_PER_DAY} + "
        f"floor({rng.u('e', 'future')} * {364 * SECONDS_PER_DAY})::bigint)"
    )
    return f"""
        create or replace table "{schema}".engagement_events as
        select
            ({code("E", "e", 10)})::varchar as event_id,
            (case candidate_kind
                when 'unknown' then {unknown_candidate}
                when 'null' then null
                else {code("C", "ci", 8)} end)::varchar as candidate_id,
            ({_event_type_dirt_sql(rng)})::varchar as event_type,
            (case time_kind
                when 'future' then {future}
                when 'null' then null
                else {end_ts} - to_seconds(offset_s) end)::timestamp as occurred_at,
            (case when type_kind is distinct from 'unknown' then job_id end)::varchar
                as job_id,
            channel::varchar as channel
        from (
            select
                *,
                {type_kind} as type_kind,
                {candidate_kind} as candidate_kind,
                {time_kind} as time_kind
            from ({_clean_events_sql(rng, n, events, n_dup)}) as clean_events
        ) as dirty_events"""
