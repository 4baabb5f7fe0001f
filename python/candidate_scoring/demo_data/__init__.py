"""Deterministic demo data for the candidate scoring project.

``generate_demo_data`` writes the four raw input tables of the dbt project
(``<schema>.candidates``, ``<schema>.engagement_events``, ``<schema>.placements`` and
``<schema>.recruiter_feedback``) into a DuckDB file. Everything is generated inside DuckDB
over a row index, so a million candidates and fifty million events fit in bounded memory.

Determinism: every pseudo-random number is a pure function of ``(seed, row key, salt)``
(rng.py), so the output depends only on ``(seed, candidates, events, end_date)``, not on
the thread count or the physical row order (for a given DuckDB version and platform maths
library).

Modules, in the order the data is made:

- vocabulary, timeline: the words, weights and time window drawn from;
- sql, rng, dirt: SQL text builders, hashed random draws, choice of dirty rows;
- row_index: the index table every statement scans, and the row counts;
- latent: a candidate's hidden attributes, recomputed wherever needed;
- candidates; activity and events; placement_model and placements; feedback: one raw
  table each;
- generator: argument checks, connection, statements in order.
"""

from candidate_scoring.demo_data.generator import (
    GenerationSummary,
    generate_demo_data,
    write_raw_tables,
)

__all__ = ["GenerationSummary", "generate_demo_data", "write_raw_tables"]
