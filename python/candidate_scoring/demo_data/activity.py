"""Who produces each event: a skewed activity rank mapped onto candidates.

Per event the draws depend on the event index ``e``; per candidate (intent, opt-out
proneness, creation time) on the candidate index ``ci``, the same draws as latent.py.
"""

from __future__ import annotations

import math

from candidate_scoring.demo_data.rng import Rng
from candidate_scoring.demo_data.row_index import INDEX_TABLE
from candidate_scoring.demo_data.timeline import HISTORY_DAYS, SECONDS_PER_DAY

# ACTIVE_SHARE of candidates produce events. An event picks an activity rank
# r = active * ((s + (1 - s) u) ** k - s ** k) / (1 - s ** k): a shifted power law in
# which the top 20 % of active candidates produce ~55 % of the events and the most
# active one ~21 times the average (the shift s caps the head).
ACTIVE_SHARE = 0.8
ACTIVITY_EXPONENT = 4.0
ACTIVITY_SHIFT = 0.25
# Only opt-out-prone candidates unsubscribe or bounce, which keeps the population share
# of those events near 1.5 % without opting out every heavy user.
OPT_OUT_PRONE_SHARE = 0.12
# Uniform draws per event, named u_<name> in the query.
EVENT_DRAWS = (
    "event_type",
    "opt_out",
    "occurred",
    "channel",
    "type_dirt",
    "candidate_dirt",
    "time_dirt",
)


def activity_permutation(n: int, seed: int) -> tuple[int, int]:
    """Multiplier and offset of the bijection rank -> candidate index ``(a*r + b) % n``.

    A bijection keeps the most active candidates spread over the index range, not the first.
    """
    a = int(n * 0.6180339887) + 1 + seed % 997
    while math.gcd(a, n) != 1:
        a += 1
    return a, seed % n


def event_draws_sql(rng: Rng, n: int, events: int, n_dup: int) -> str:
    """One row per event ``e`` (``n_dup`` re-sent copies included) with its candidate ``ci``."""
    active = max(1, math.ceil(n * ACTIVE_SHARE))
    a, b = activity_permutation(n, rng.seed)
    k, s = ACTIVITY_EXPONENT, ACTIVITY_SHIFT
    shifted = f"pow({s!r} + {1 - s!r} * {rng.u('e', 'who')}, {k!r})"
    rank = f"least({active - 1}, floor({active} * ({shifted} - {s**k!r}) / {1 - s**k!r}))::bigint"
    e_draws = ",\n".join(f"{rng.u('e', name)} as u_{name}" for name in EVENT_DRAWS)
    event = (
        f"case when j < {events} then j "
        f"else {rng.below('j', 'event_duplicate', max(events, 1))} end"
    )
    return f"""
        select
            e,
            ci,
            {e_draws},
            {rng.u("ci", "intent")} as intent,
            {rng.u("ci", "opt_out_prone")} < {OPT_OUT_PRONE_SHARE!r} as opt_out_prone,
            floor({rng.u("ci", "created")} * {HISTORY_DAYS * SECONDS_PER_DAY})::bigint
                as created_off
        from (
            select
                e,
                ({a} * {rank} + {b}) % {n} as ci
            from (
                select {event} as e
                from {INDEX_TABLE}
                where j < {events + n_dup}
            ) as event_indexes
        ) as event_candidates"""
