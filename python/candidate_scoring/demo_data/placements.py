"""The raw placements table: the clean outcomes of placement_model.py with exact amounts of
dirt (ghosted and messy statuses, placed before applied, unknown candidates, duplicates).

Dirt goes to the rows ranked first by a hashed draw, so each kind hits an exact number of
rows (at least one); that number depends on the clean row count, read between statements.
"""

from __future__ import annotations

from candidate_scoring.demo_data.placement_model import clean_placements_sql
from candidate_scoring.demo_data.rng import Rng
from candidate_scoring.demo_data.sql import code
from candidate_scoring.demo_data.timeline import SECONDS_PER_DAY

CLEAN_TABLE = "_placements_clean"
GHOSTED_RATE = 0.003
PLACED_BEFORE_APPLIED_RATE = 0.003
MESSY_STATUS_RATE = 0.005
UNKNOWN_CANDIDATE_RATE = 0.005
DUPLICATE_RATE = 0.01


def create_clean_placements(rng: Rng, schema: str, n: int, end_ts: str) -> str:
    """Statement creating the temporary clean placements; it reads the events table back."""
    return (
        f"create or replace temp table {CLEAN_TABLE} as"
        f"{clean_placements_sql(rng, schema, n, end_ts)}"
    )


def count_clean_placements() -> str:
    """Query of the number of clean placement rows."""
    return f"select count(*) from {CLEAN_TABLE}"


def _ranked(rng: Rng, salt: str, partition: str = "null") -> str:
    """Deterministic random rank of a row within ``partition``."""
    return f"row_number() over (partition by {partition} order by {rng.hash('i', salt)}, i)"


def create_placements(rng: Rng, schema: str, clean_rows: int) -> str:
    """Statement creating ``<schema>.placements`` from the clean rows, with its dirt."""

    def k(rate: float) -> int:
        """Number of rows receiving a dirt kind (at least one)."""
        return max(1, round(clean_rows * rate))

    messy_status = f"""case {rng.below("i", "status_case_variant", 4)}
                when 0 then upper(status[1]) || status[2:] || ' '
                when 1 then upper(status)
                when 2 then ' ' || status
                else upper(status) || ' ' end"""
    before = (
        f"applied_at - to_seconds(floor((1 + 29 * {rng.u('i', 'before')}) * {SECONDS_PER_DAY})"
        "::bigint)"
    )
    unknown_candidate = code("C9", rng.below("i", "unknown_candidate", 10_000_000), 7)
    return f"""
        create or replace table "{schema}".placements as
        with ranked as (
            select
                *,
                {_ranked(rng, "ghosted", "status = 'placed'")} as r_ghosted,
                {_ranked(rng, "placed_before", "status = 'placed'")} as r_before,
                {_ranked(rng, "status_case")} as r_case,
                {_ranked(rng, "unknown_candidate")} as r_unknown,
                {_ranked(rng, "duplicate")} as r_duplicate
            from {CLEAN_TABLE}
        ),

        dirty as (
            select
                i,
                r_unknown,
                r_duplicate,
                candidate_id,
                job_id,
                applied_at,
                case
                    when status = 'placed' and r_before <= {k(PLACED_BEFORE_APPLIED_RATE)}
                        then {before}
                    else placed_at
                end as placed_at,
                case
                    when status <> 'placed' and r_ghosted <= {k(GHOSTED_RATE)} then 'ghosted'
                    when r_case <= {k(MESSY_STATUS_RATE)} then {messy_status}
                    else status
                end as status
            from ranked
        ),

        with_unknown as (
            select
                i,
                r_duplicate,
                candidate_id,
                job_id,
                applied_at,
                placed_at,
                status
            from dirty
            union all
            select
                -1 - i as i,
                null as r_duplicate,
                {unknown_candidate} as candidate_id,
                job_id,
                applied_at,
                placed_at,
                status
            from dirty
            where r_unknown <= {k(UNKNOWN_CANDIDATE_RATE)}
        )

        select
            candidate_id::varchar as candidate_id,
            job_id::varchar as job_id,
            applied_at::timestamp as applied_at,
            placed_at::timestamp as placed_at,
            status::varchar as status
        from with_unknown
        union all
        select
            candidate_id,
            job_id,
            applied_at,
            placed_at,
            status
        from with_unknown
        where r_duplicate <= {k(DUPLICATE_RATE)}"""
