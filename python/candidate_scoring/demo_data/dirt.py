"""Which rows get which kind of dirt: rate bands of a uniform, plus one forced row per kind.

The forced rows make even a 50-candidate table show every kind of dirt, so a downstream
test on small data still meets each rejection reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from candidate_scoring.demo_data.rng import Rng
from candidate_scoring.demo_data.sql import lit


class Dirt(NamedTuple):
    """A kind of dirt: its name, the share of rows it hits, and its forced slot (or None)."""

    name: str
    rate: float
    slot: int | None


def forced_row(rng: Rng, table: str, slot: int, n_rows: int) -> str:
    """Row index that always receives dirt kind ``slot`` (so small data has every kind)."""
    if n_rows <= 0:
        return "-1"
    return f"(({rng.mix(lit(table))} % {n_rows} + {slot}) % {n_rows})"


def dirt_kind(rng: Rng, key: str, u: str, table: str, n_rows: int, kinds: Sequence[Dirt]) -> str:
    """Case expression naming the dirt kind of a row, null for clean rows.

    ``u`` is a column holding a uniform draw of the row; rates are exclusive bands of it.
    """
    forced = [
        f"when ({key}) = {forced_row(rng, table, kind.slot, n_rows)} then {lit(kind.name)}"
        for kind in kinds
        if kind.slot is not None
    ]
    bands, acc = [], 0.0
    for kind in kinds:
        acc += kind.rate
        bands.append(f"when {u} < {acc!r} then {lit(kind.name)}")
    return f"case {' '.join(forced + bands)} end"
