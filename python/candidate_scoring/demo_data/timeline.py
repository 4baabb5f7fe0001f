"""The time window of the demo data.

Clean timestamps lie in ``[end - HISTORY_DAYS, end]``, ``end`` read as midnight at the start
of the end date; only deliberate dirt lies in the future.
"""

from __future__ import annotations

from datetime import date

HISTORY_DAYS = 730
# Intent events in this many days before an application drive its chance of a placement
# (the hidden placement model).
RECENT_INTENT_DAYS = 90
SECONDS_PER_DAY = 86_400


def end_timestamp(end: date) -> str:
    """SQL timestamp literal of midnight at the start of ``end``."""
    return f"timestamp '{end.isoformat()} 00:00:00'"
