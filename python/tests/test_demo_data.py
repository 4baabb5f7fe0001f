"""Tests for the deterministic demo data generator (candidate_scoring.demo_data)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from candidate_scoring.demo_data import GenerationSummary, generate_demo_data

END = date(2025, 6, 30)
TABLES = ("candidates", "engagement_events", "placements", "recruiter_feedback")
KNOWN_EVENT_TYPES = (
    "career_site_visit",
    "job_offer_email_open",
    "job_offer_email_click",
    "job_offer_page_visit",
    "info_request",
    "report_download",
    "application_submitted",
    "unsubscribe",
    "email_bounce",
)
KNOWN_STATUSES = ("in_process", "offered", "placed", "rejected", "withdrawn")
IN_LIST_TYPES = ", ".join(f"'{t}'" for t in KNOWN_EVENT_TYPES)
IN_LIST_STATUSES = ", ".join(f"'{s}'" for s in KNOWN_STATUSES)
# A disposition as staging reads it: lower case, every run of other characters one underscore.
DISPOSITION_SQL = "trim(regexp_replace(lower(disposition), '[^a-z0-9]+', '_', 'g'), '_')"
KNOWN_DISPOSITIONS = "'good_fit', 'not_a_fit', 'no_response'"
# given_at as text in the formats the generator writes, NULL for the day-first dirt.
GIVEN_AT_SQL = """coalesce(
    try_strptime(given_at, '%Y-%m-%d %H:%M:%S'),
    try_strptime(given_at, '%Y-%m-%dT%H:%M:%SZ'),
    to_timestamp(try_cast(given_at AS BIGINT))::TIMESTAMP)"""
INTENT_TYPES = "'job_offer_page_visit', 'info_request', 'report_download', 'application_submitted'"

# Fit recomputed from the raw columns only (what a downstream model can see).
RAW_FIT_SQL = r"""
WITH latest AS (
    SELECT * FROM raw.candidates WHERE candidate_id IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY candidate_id ORDER BY updated_at DESC) = 1
), parsed AS (
    SELECT candidate_id,
        CASE WHEN job_title LIKE 'Intern %' THEN 0.05
             WHEN regexp_matches(job_title, '^(Junior|Graduate|Trainee) ') THEN 0.55
             WHEN regexp_matches(job_title, '^(Head of|Director of|VP) ') THEN 0.05
             WHEN regexp_matches(job_title, '^Senior ') THEN 1.0
             WHEN regexp_matches(job_title, '^(Lead|Principal|Staff) ') THEN 0.55
             ELSE 0.95 END AS seniority_score,
        TRY_CAST(trim(years_experience) AS INTEGER) AS years,
        len(list_filter(string_split_regex(lower(coalesce(skills, '')), '[;,]'),
            lambda s: trim(s) IN ('kubernetes', 'dbt', 'spark', 'terraform'))) AS hired_skills,
        lower(regexp_replace(trim(industry), '\s+', ' ', 'g')) AS industry
    FROM latest
)
SELECT candidate_id,
    0.30 * seniority_score
    + 0.15 * CASE WHEN years BETWEEN 2 AND 8 THEN 1.0
                  WHEN years BETWEEN 9 AND 12 THEN 0.6 ELSE 0.2 END
    + 0.30 * least(hired_skills, 2) / 2.0
    + 0.25 * CASE WHEN industry IN ('healthcare', 'financial services', 'public sector',
                                    'energy') THEN 1.0 ELSE 0.2 END AS fit
FROM parsed
"""


def _generate(path: Path, **kwargs: object) -> GenerationSummary:
    """Generate with the fixed test end date unless the caller overrides it."""
    kwargs.setdefault("end_date", END)
    return generate_demo_data(path, **kwargs)  # type: ignore[arg-type]


def _checksums(path: Path, schema: str = "raw") -> dict[str, tuple[int, int]]:
    """Order-independent (row count, sum of row hashes) per raw table."""
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            t: _row(con, f"SELECT count(*), sum(hash(x)) FROM {schema}.{t} AS x") for t in TABLES
        }


@pytest.fixture(scope="module")
def moderate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to 2,000 candidates / 60,000 events."""
    path = tmp_path_factory.mktemp("moderate") / "demo.duckdb"
    _generate(path, candidates=2_000, events=60_000, seed=7)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def _row(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...]:
    """First row of ``sql``, which must return one."""
    row = con.execute(sql).fetchone()
    assert row is not None, sql
    return row


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    """First column of the first row of ``sql``."""
    return _row(con, sql)[0]


# --- determinism ---------------------------------------------------------------------------


def test_same_arguments_give_identical_tables_across_thread_counts(tmp_path: Path) -> None:
    args = {"candidates": 500, "events": 10_000, "seed": 11}
    _generate(tmp_path / "a.duckdb", threads=1, **args)
    _generate(tmp_path / "b.duckdb", threads=2, **args)
    first, second = _checksums(tmp_path / "a.duckdb"), _checksums(tmp_path / "b.duckdb")
    assert first == second
    assert all(rows > 0 for rows, _ in first.values())


def test_different_seed_or_end_date_changes_every_table(tmp_path: Path) -> None:
    args = {"candidates": 500, "events": 10_000}
    _generate(tmp_path / "a.duckdb", seed=1, **args)
    _generate(tmp_path / "b.duckdb", seed=2, **args)
    _generate(tmp_path / "c.duckdb", seed=1, end_date=END - timedelta(days=1), **args)
    base = _checksums(tmp_path / "a.duckdb")
    other_seed = _checksums(tmp_path / "b.duckdb")
    other_end = _checksums(tmp_path / "c.duckdb")
    for table in TABLES:
        assert base[table][1] != other_seed[table][1], table
        assert base[table][1] != other_end[table][1], table


def test_rerun_replaces_tables_in_place(tmp_path: Path) -> None:
    path = tmp_path / "demo.duckdb"
    _generate(path, candidates=300, events=3_000, seed=5)
    first = _checksums(path)
    _generate(path, candidates=300, events=3_000, seed=5)
    assert _checksums(path) == first


# --- API and scale ----------------------------------------------------------------------------


def test_summary_matches_database_and_creates_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "demo.duckdb"
    summary = _generate(path, candidates=400, events=5_000, schema="landing")
    assert summary.database_path == path.resolve()
    assert summary.schema == "landing"
    assert summary.end_date == END
    # The generator closed the file: a fresh read-write connection can open it.
    with duckdb.connect(str(path)) as con:
        actual = {t: _one(con, f"SELECT count(*) FROM landing.{t}") for t in TABLES}
    assert summary.row_counts == actual
    assert not path.with_name(path.name + ".tmp").exists()


def test_end_date_defaults_to_today_utc(tmp_path: Path) -> None:
    before = datetime.now(UTC).date()
    summary = generate_demo_data(tmp_path / "d.duckdb", candidates=50, events=200)
    assert summary.end_date in {before, datetime.now(UTC).date()}


def test_raw_contract_column_names_and_types(moderate: duckdb.DuckDBPyConnection) -> None:
    expected = {
        "candidates": [
            ("candidate_id", "VARCHAR"),
            ("email", "VARCHAR"),
            ("full_name", "VARCHAR"),
            ("job_title", "VARCHAR"),
            ("years_experience", "VARCHAR"),
            ("skills", "VARCHAR"),
            ("current_company", "VARCHAR"),
            ("company_size", "INTEGER"),
            ("industry", "VARCHAR"),
            ("company_revenue", "DOUBLE"),
            ("country", "VARCHAR"),
            ("city", "VARCHAR"),
            ("source_channel", "VARCHAR"),
            ("marketing_consent", "BOOLEAN"),
            ("do_not_contact", "BOOLEAN"),
            ("created_at", "TIMESTAMP"),
            ("updated_at", "TIMESTAMP"),
        ],
        "engagement_events": [
            ("event_id", "VARCHAR"),
            ("candidate_id", "VARCHAR"),
            ("event_type", "VARCHAR"),
            ("occurred_at", "TIMESTAMP"),
            ("job_id", "VARCHAR"),
            ("channel", "VARCHAR"),
        ],
        "placements": [
            ("candidate_id", "VARCHAR"),
            ("job_id", "VARCHAR"),
            ("applied_at", "TIMESTAMP"),
            ("placed_at", "TIMESTAMP"),
            ("status", "VARCHAR"),
        ],
        # every column text, as a spreadsheet export writes it
        "recruiter_feedback": [
            ("feedback_id", "VARCHAR"),
            ("candidate_id", "VARCHAR"),
            ("recruiter_id", "VARCHAR"),
            ("given_at", "VARCHAR"),
            ("disposition", "VARCHAR"),
            ("reason", "VARCHAR"),
        ],
    }
    for table, columns in expected.items():
        rows = moderate.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'raw' AND table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        assert rows == columns, table


def test_row_counts_follow_arguments(tmp_path: Path) -> None:
    candidates, events = 1_000, 20_000
    path = tmp_path / "demo.duckdb"
    summary = _generate(path, candidates=candidates, events=events, seed=3)
    with duckdb.connect(str(path), read_only=True) as con:
        ids = _one(con, "SELECT count(DISTINCT candidate_id) FROM raw.candidates")
        event_ids = _one(con, "SELECT count(DISTINCT event_id) FROM raw.engagement_events")
        placed = _one(
            con,
            "SELECT count(DISTINCT candidate_id) FROM raw.placements "
            "WHERE lower(trim(status)) = 'placed'",
        )
    assert ids == candidates
    assert event_ids == events  # re-sent duplicates reuse their event_id
    # Dirt adds ~1 % duplicates, ~3 % older versions, ~0.1 % id-less rows ...
    assert candidates * 1.02 <= summary.row_counts["candidates"] <= candidates * 1.07
    # ... and ~1.5 % re-sent events.
    assert events * 1.01 <= summary.row_counts["engagement_events"] <= events * 1.02
    assert 0 < placed < candidates * 0.3
    # Feedback for about a third of the candidates, one to two rows each.
    assert candidates * 0.3 <= summary.row_counts["recruiter_feedback"] <= candidates * 0.8


def test_zero_events_is_allowed(tmp_path: Path) -> None:
    summary = _generate(tmp_path / "d.duckdb", candidates=20, events=0)
    assert summary.row_counts["engagement_events"] == 0
    assert summary.row_counts["candidates"] >= 20


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"candidates": 0}, "candidates"),
        ({"candidates": -5}, "candidates"),
        ({"events": -1}, "events"),
        ({"candidates": 90_000_001}, "candidates"),
        ({"schema": "raw; drop table x"}, "schema"),
        ({"threads": 0}, "threads"),
    ],
)
def test_bad_arguments_raise_value_error(
    tmp_path: Path, kwargs: dict[str, object], message: str
) -> None:
    path = tmp_path / "bad.duckdb"
    with pytest.raises(ValueError, match=message):
        generate_demo_data(path, **kwargs)  # type: ignore[arg-type]
    assert not path.exists()


# --- shape of the clean data ----------------------------------------------------------------


def test_identifier_formats(moderate: duckdb.DuckDBPyConnection) -> None:
    assert (
        _one(
            moderate,
            r"""SELECT count(*) FROM raw.candidates WHERE candidate_id IS NOT NULL
        AND NOT regexp_full_match(candidate_id, 'C\d{8}')""",
        )
        == 0
    )
    assert (
        _one(
            moderate,
            r"""SELECT count(*) FROM raw.engagement_events
        WHERE NOT regexp_full_match(event_id, 'E\d{10}')""",
        )
        == 0
    )
    assert (
        _one(
            moderate,
            r"""SELECT count(*) FROM raw.engagement_events
        WHERE job_id IS NOT NULL AND NOT regexp_full_match(job_id, 'J\d{6}')""",
        )
        == 0
    )
    assert (
        _one(
            moderate,
            r"""SELECT count(*) FROM raw.candidates
        WHERE NOT regexp_full_match(email, '[a-z]+\.[a-z]+\.\d+@example\.com')""",
        )
        == 0
    )
    assert (
        _one(
            moderate,
            r"""SELECT count(*) FROM raw.recruiter_feedback
        WHERE NOT regexp_full_match(coalesce(trim(feedback_id), 'FB00000000'), '|FB\d{8}')
           OR NOT regexp_full_match(recruiter_id, 'r0[0-3]\d')
           OR recruiter_id NOT BETWEEN 'r001' AND 'r030'""",
        )
        == 0
    )


def test_job_id_and_channel_follow_event_type(moderate: duckdb.DuckDBPyConnection) -> None:
    rows = moderate.execute("""
        SELECT lower(trim(event_type)) AS t, bool_and(job_id IS NOT NULL),
               bool_and(job_id IS NULL), list_sort(list(DISTINCT channel))
        FROM raw.engagement_events GROUP BY t
    """).fetchall()
    by_type = {t: (all_set, all_null, channels) for t, all_set, all_null, channels in rows}
    for t in (
        "job_offer_email_open",
        "job_offer_email_click",
        "job_offer_page_visit",
        "application_submitted",
    ):
        assert by_type[t][0], t
    for t in ("career_site_visit", "info_request", "report_download", "unsubscribe"):
        assert by_type[t][1], t
    for t in ("job_offer_email_open", "job_offer_email_click", "unsubscribe", "email_bounce"):
        assert by_type[t][2] == ["email"], t
    for t in ("career_site_visit", "job_offer_page_visit", "application_submitted"):
        assert by_type[t][2] == ["mobile_app", "web"], t


def test_seniority_mix_and_title_words(moderate: duckdb.DuckDBPyConnection) -> None:
    shares = dict(
        moderate.execute(r"""
        SELECT CASE WHEN job_title LIKE 'Intern %' THEN 'intern'
                    WHEN regexp_matches(job_title, '^(Junior|Graduate|Trainee) ') THEN 'junior'
                    WHEN regexp_matches(job_title, '^Senior ') THEN 'senior'
                    WHEN regexp_matches(job_title, '^(Lead|Principal|Staff) ') THEN 'lead'
                    WHEN regexp_matches(job_title, '^(Head of|Director of|VP) ') THEN 'executive'
                    ELSE 'mid' END AS level,
               count(*) / sum(count(*)) OVER ()
        FROM raw.candidates GROUP BY level
    """).fetchall()
    )
    expected = {
        "intern": 0.03,
        "junior": 0.17,
        "mid": 0.33,
        "senior": 0.25,
        "lead": 0.14,
        "executive": 0.08,
    }
    for level, share in expected.items():
        assert shares[level] == pytest.approx(share, abs=0.03), level


def test_activity_is_skewed_and_some_candidates_are_silent(
    moderate: duckdb.DuckDBPyConnection,
) -> None:
    top_share, silent = _row(
        moderate,
        """
        WITH per AS (
            SELECT c.candidate_id, count(e.event_id) AS n
            FROM (SELECT DISTINCT candidate_id FROM raw.candidates
                  WHERE candidate_id IS NOT NULL) AS c
            LEFT JOIN raw.engagement_events AS e USING (candidate_id)
            GROUP BY c.candidate_id
        ), ranked AS (SELECT n, ntile(5) OVER (ORDER BY n DESC, candidate_id) AS q FROM per)
        SELECT sum(n) FILTER (WHERE q = 1) / sum(n), count(*) FILTER (WHERE n = 0) FROM ranked
    """,
    )
    assert top_share > 0.5  # the top 20 % of candidates produce most events
    assert silent > 0


def test_clicks_follow_opens(moderate: duckdb.DuckDBPyConnection) -> None:
    opens, clicks = _row(
        moderate,
        """
        SELECT count(*) FILTER (WHERE lower(trim(event_type)) = 'job_offer_email_open'),
               count(*) FILTER (WHERE lower(trim(event_type)) = 'job_offer_email_click')
        FROM raw.engagement_events
    """,
    )
    assert 0 < clicks < opens


# --- dirt ----------------------------------------------------------------------------------------

CANDIDATE_DIRT = {
    "exact duplicate rows": """SELECT count(*) FROM (SELECT *, count(*) AS n FROM raw.candidates
        GROUP BY ALL HAVING n > 1)""",
    "older versions": """SELECT count(*) FROM raw.candidates AS a JOIN raw.candidates AS b
        ON a.candidate_id = b.candidate_id AND a.updated_at < b.updated_at
        AND a.job_title <> b.job_title AND a.years_experience <> b.years_experience""",
    "NULL candidate_id": "SELECT count(*) FROM raw.candidates WHERE candidate_id IS NULL",
    "NULL years": "SELECT count(*) FROM raw.candidates WHERE years_experience IS NULL",
    "n/a years": """SELECT count(*) FROM raw.candidates
        WHERE years_experience IN ('n/a', 'unknown')""",
    "negative years": """SELECT count(*) FROM raw.candidates
        WHERE TRY_CAST(years_experience AS INTEGER) < 0""",
    "padded years": """SELECT count(*) FROM raw.candidates
        WHERE years_experience <> trim(years_experience)""",
    "NULL skills": "SELECT count(*) FROM raw.candidates WHERE skills IS NULL",
    "mixed-case skills": "SELECT count(*) FROM raw.candidates WHERE skills <> lower(skills)",
    "';'-separated skills": "SELECT count(*) FROM raw.candidates WHERE skills LIKE '%;%'",
    "','-separated skills": "SELECT count(*) FROM raw.candidates WHERE skills LIKE '%,%'",
    "NULL company_size": "SELECT count(*) FROM raw.candidates WHERE company_size IS NULL",
    "NULL industry": "SELECT count(*) FROM raw.candidates WHERE industry IS NULL",
    "upper-case industry": """SELECT count(*) FROM raw.candidates
        WHERE industry = upper(industry) AND industry <> lower(industry)""",
    "lower-case industry": "SELECT count(*) FROM raw.candidates WHERE industry = lower(industry)",
    "padded industry": "SELECT count(*) FROM raw.candidates WHERE industry <> trim(industry)",
    "doubled inner space": "SELECT count(*) FROM raw.candidates WHERE trim(industry) LIKE '%  %'",
    "NULL company_revenue": "SELECT count(*) FROM raw.candidates WHERE company_revenue IS NULL",
}

EVENT_DIRT = {
    "re-sent events": """SELECT count(*) FROM (SELECT *, count(*) AS n
        FROM raw.engagement_events GROUP BY ALL HAVING n > 1)""",
    "unknown event types": f"""SELECT count(*) FROM raw.engagement_events
        WHERE lower(trim(event_type)) NOT IN ({IN_LIST_TYPES})""",
    "unknown candidates": """SELECT count(*) FROM raw.engagement_events AS e
        WHERE e.candidate_id IS NOT NULL AND e.candidate_id NOT IN
            (SELECT candidate_id FROM raw.candidates WHERE candidate_id IS NOT NULL)""",
    "future occurred_at": f"""SELECT count(*) FROM raw.engagement_events
        WHERE occurred_at > DATE '{END}'""",
    "NULL occurred_at": "SELECT count(*) FROM raw.engagement_events WHERE occurred_at IS NULL",
    "NULL candidate_id": "SELECT count(*) FROM raw.engagement_events WHERE candidate_id IS NULL",
    "messy event_type": f"""SELECT count(*) FROM raw.engagement_events
        WHERE event_type <> lower(trim(event_type))
          AND lower(trim(event_type)) IN ({IN_LIST_TYPES})""",
}

PLACEMENT_DIRT = {
    "exact duplicate rows": """SELECT count(*) FROM (SELECT *, count(*) AS n FROM raw.placements
        GROUP BY ALL HAVING n > 1)""",
    "unknown candidates": """SELECT count(*) FROM raw.placements
        WHERE candidate_id NOT IN
            (SELECT candidate_id FROM raw.candidates WHERE candidate_id IS NOT NULL)""",
    "messy status": f"""SELECT count(*) FROM raw.placements
        WHERE status <> lower(trim(status)) AND lower(trim(status)) IN ({IN_LIST_STATUSES})""",
    "unknown status": f"""SELECT count(*) FROM raw.placements
        WHERE lower(trim(status)) NOT IN ({IN_LIST_STATUSES})""",
    "placed_at before applied_at": """SELECT count(*) FROM raw.placements
        WHERE placed_at < applied_at""",
}


FEEDBACK_DIRT = {
    "re-exported rows": """SELECT count(*) FROM (SELECT *, count(*) AS n
        FROM raw.recruiter_feedback GROUP BY ALL HAVING n > 1)""",
    "missing feedback_id": """SELECT count(*) FROM raw.recruiter_feedback
        WHERE nullif(trim(feedback_id), '') IS NULL""",
    "messy disposition": f"""SELECT count(*) FROM raw.recruiter_feedback
        WHERE disposition NOT IN ('Good fit', 'Not a fit', 'No response')
          AND {DISPOSITION_SQL} IN ({KNOWN_DISPOSITIONS})""",
    "unknown disposition": f"""SELECT count(*) FROM raw.recruiter_feedback
        WHERE {DISPOSITION_SQL} NOT IN ({KNOWN_DISPOSITIONS})""",
    "padded or lower-case candidate_id": """SELECT count(*) FROM raw.recruiter_feedback
        WHERE candidate_id <> upper(trim(candidate_id, ' ' || chr(9)))""",
    "unknown candidates": """SELECT count(*) FROM raw.recruiter_feedback
        WHERE upper(trim(candidate_id, ' ' || chr(9))) NOT IN
            (SELECT candidate_id FROM raw.candidates WHERE candidate_id IS NOT NULL)""",
    "future given_at": f"""SELECT count(*) FROM raw.recruiter_feedback
        WHERE {GIVEN_AT_SQL} > DATE '{END}'""",
    "day-first given_at": """SELECT count(*) FROM raw.recruiter_feedback
        WHERE regexp_full_match(given_at, '\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}')""",
    "given_at with Z": "SELECT count(*) FROM raw.recruiter_feedback WHERE given_at LIKE '%Z'",
    "given_at in epoch seconds": """SELECT count(*) FROM raw.recruiter_feedback
        WHERE regexp_full_match(given_at, '\\d{10}')""",
    "no reason": "SELECT count(*) FROM raw.recruiter_feedback WHERE reason IS NULL",
}


@pytest.mark.parametrize(
    ("kind", "sql"),
    [(f"candidates: {k}", v) for k, v in CANDIDATE_DIRT.items()]
    + [(f"events: {k}", v) for k, v in EVENT_DIRT.items()]
    + [(f"placements: {k}", v) for k, v in PLACEMENT_DIRT.items()]
    + [(f"feedback: {k}", v) for k, v in FEEDBACK_DIRT.items()],
)
def test_every_kind_of_dirt_is_present(
    moderate: duckdb.DuckDBPyConnection, kind: str, sql: str
) -> None:
    assert _one(moderate, sql) > 0, kind


def test_dirt_rates_are_near_the_contract(moderate: duckdb.DuckDBPyConnection) -> None:
    rates = _row(
        moderate,
        f"""
        SELECT avg((lower(trim(event_type)) NOT IN ({IN_LIST_TYPES}))::INTEGER),
               avg((event_type <> lower(trim(event_type)))::INTEGER),
               avg((occurred_at IS NULL)::INTEGER),
               count(*) / count(DISTINCT event_id) - 1
        FROM raw.engagement_events
    """,
    )
    unknown, messy, null_time, resent = rates
    assert unknown == pytest.approx(0.003, abs=0.0015)
    assert messy == pytest.approx(0.05, abs=0.01)
    assert null_time == pytest.approx(0.0005, abs=0.0005)
    assert resent == pytest.approx(0.015, abs=0.002)


# --- time window --------------------------------------------------------------------------------


def test_timestamps_stay_in_the_window_except_future_dirt(
    moderate: duckdb.DuckDBPyConnection,
) -> None:
    start, end = f"DATE '{END}' - INTERVAL 730 DAY", f"DATE '{END}'"
    outside = {
        "candidates": f"""SELECT count(*) FROM raw.candidates WHERE created_at < {start}
            OR created_at > {end} OR updated_at < created_at OR updated_at > {end}""",
        "events before window": f"""SELECT count(*) FROM raw.engagement_events
            WHERE occurred_at < {start}""",
        "placements": f"""SELECT count(*) FROM raw.placements WHERE applied_at < {start}
            OR applied_at > {end} OR placed_at > {end}""",
    }
    for name, sql in outside.items():
        assert _one(moderate, sql) == 0, name
    future, total = _row(
        moderate,
        f"""
        SELECT count(*) FILTER (WHERE occurred_at > {end}),
               count(*) FILTER (WHERE occurred_at > {end}
                                AND occurred_at >= {end} + INTERVAL 1 DAY
                                AND occurred_at <= {end} + INTERVAL 365 DAY)
        FROM raw.engagement_events
    """,
    )
    assert future == total  # every future event is the deliberate 1..365-day dirt
    assert 0 < future < 0.003 * 60_000


def test_feedback_times_stay_in_the_window_except_future_dirt(
    moderate: duckdb.DuckDBPyConnection,
) -> None:
    start, end = f"DATE '{END}' - INTERVAL 730 DAY", f"DATE '{END}'"
    before, future, unread, total = _row(
        moderate,
        f"""
        SELECT count(*) FILTER (WHERE given_at_ts < {start}),
               count(*) FILTER (WHERE given_at_ts > {end}),
               count(*) FILTER (WHERE given_at_ts IS NULL),
               count(*)
        FROM (SELECT {GIVEN_AT_SQL} AS given_at_ts FROM raw.recruiter_feedback)
    """,
    )
    assert before == 0
    # the deliberate future and day-first dirt: about 0.3 % and 0.2 % of the rows
    assert 0 < future <= max(3, total * 0.006)
    assert 0 < unread <= max(3, total * 0.004)


def test_placed_rows_are_consistent(moderate: duckdb.DuckDBPyConnection) -> None:
    bad_gap, missing, stray = _row(
        moderate,
        """
        SELECT count(*) FILTER (WHERE status = 'placed' AND placed_at >= applied_at
                                AND NOT placed_at BETWEEN applied_at + INTERVAL 14 DAY
                                                      AND applied_at + INTERVAL 60 DAY),
               count(*) FILTER (WHERE lower(trim(status)) = 'placed' AND placed_at IS NULL),
               count(*) FILTER (WHERE lower(trim(status)) <> 'placed' AND placed_at IS NOT NULL)
        FROM raw.placements
    """,
    )
    assert (bad_gap, missing, stray) == (0, 0, 0)


# --- hidden signal ----------------------------------------------------------------------------


def _placement_rates(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Placement rate by raw-fit quartile and overall; mean raw fit of placed and others."""
    rows = con.execute(f"""
        WITH fit AS ({RAW_FIT_SQL}),
        placed AS (SELECT DISTINCT candidate_id FROM raw.placements
                   WHERE lower(trim(status)) = 'placed'),
        x AS (
            SELECT ntile(4) OVER (ORDER BY fit, candidate_id) AS quartile, fit,
                   placed.candidate_id IS NOT NULL AS is_placed
            FROM fit LEFT JOIN placed USING (candidate_id)
        )
        SELECT 'q' || quartile, avg(is_placed::INTEGER) FROM x GROUP BY quartile
        UNION ALL
        SELECT 'fit_placed_' || is_placed, avg(fit) FROM x GROUP BY is_placed
        UNION ALL
        SELECT 'all', avg(is_placed::INTEGER) FROM x
    """).fetchall()
    return dict(rows)


def test_fit_predicts_placement(moderate: duckdb.DuckDBPyConnection) -> None:
    rates = _placement_rates(moderate)
    assert rates["q4"] > 2 * rates["q1"]
    assert rates["q4"] - rates["q1"] > 0.05
    assert rates["fit_placed_true"] > rates["fit_placed_false"] + 0.05, rates


def _last_months(count: int) -> list[date]:
    """First days of the ``count`` months up to END's (it ends the data), newest first."""
    months = [END.replace(day=1)]
    while len(months) < count:
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return months


def _as_of_placement_rates(con: duckdb.DuckDBPyConnection) -> dict[bool, float]:
    """Backtest view: on past dates, the share of candidates placed in the 90 days after,
    by whether they had intent events in the 90 days before (pooled over the dates)."""
    dates = ", ".join(f"DATE '{END - timedelta(days=d)}'" for d in (120, 210, 300, 390))
    rows = con.execute(f"""
        WITH as_of AS (SELECT unnest([{dates}]) AS d),
        c AS (SELECT DISTINCT candidate_id FROM raw.candidates WHERE candidate_id IS NOT NULL),
        intent AS (
            SELECT DISTINCT as_of.d, e.candidate_id FROM raw.engagement_events AS e, as_of
            WHERE lower(trim(e.event_type)) IN ({INTENT_TYPES})
              AND e.occurred_at >= as_of.d - INTERVAL 90 DAY AND e.occurred_at < as_of.d
        ),
        placed AS (
            SELECT DISTINCT as_of.d, p.candidate_id FROM raw.placements AS p, as_of
            WHERE lower(trim(p.status)) = 'placed'
              AND p.placed_at >= as_of.d AND p.placed_at < as_of.d + INTERVAL 90 DAY
        )
        SELECT intent.candidate_id IS NOT NULL AS has_intent,
               avg((placed.candidate_id IS NOT NULL)::INTEGER)
        FROM as_of CROSS JOIN c
        LEFT JOIN intent ON intent.d = as_of.d AND intent.candidate_id = c.candidate_id
        LEFT JOIN placed ON placed.d = as_of.d AND placed.candidate_id = c.candidate_id
        GROUP BY ALL
    """).fetchall()
    return dict(rows)


def test_intent_known_on_a_past_date_predicts_placements_after_it(
    moderate: duckdb.DuckDBPyConnection,
) -> None:
    """Placements depend on the intent before each application, so on any past date the
    candidates with recent intent are placed in the next 90 days far more often."""
    rates = _as_of_placement_rates(moderate)
    assert rates[True] > 0.02, rates
    assert rates[True] > 3 * rates[False], rates


def test_placements_follow_applications_over_the_whole_timeline(
    moderate: duckdb.DuckDBPyConnection,
) -> None:
    """Every placement is an application event of the candidate, placed 14 to 60 days later
    (tested above); placements happen in every month of the last year, not only at the end."""
    unmatched = _one(
        moderate,
        """
        SELECT count(*) FROM raw.placements AS p
        WHERE p.status = 'placed' AND NOT EXISTS (
            SELECT 1 FROM raw.engagement_events AS e
            WHERE e.candidate_id = p.candidate_id AND e.occurred_at = p.applied_at
              AND lower(trim(e.event_type)) = 'application_submitted')
        """,
    )
    assert unmatched == 0
    months = dict(
        moderate.execute("""
        SELECT date_trunc('month', placed_at)::DATE, count(*) FROM raw.placements
        WHERE lower(trim(status)) = 'placed' GROUP BY 1
    """).fetchall()
    )
    last_year = _last_months(12)
    assert all(months.get(m, 0) > 0 for m in last_year), months
    # the volume grows with the candidate base: the last quarter has more than the first
    first_quarter = sum(months.get(m, 0) for m in last_year[-3:])
    last_quarter = sum(months.get(m, 0) for m in last_year[:3])
    assert last_quarter > first_quarter, months


def test_opted_out_and_do_not_contact_are_rarely_placed(
    moderate: duckdb.DuckDBPyConnection,
) -> None:
    blocked, others = _row(
        moderate,
        """
        WITH blocked AS (
            SELECT candidate_id FROM raw.engagement_events
            WHERE lower(trim(event_type)) IN ('unsubscribe', 'email_bounce')
            UNION SELECT candidate_id FROM raw.candidates WHERE do_not_contact
        ),
        placed AS (SELECT DISTINCT candidate_id FROM raw.placements
                   WHERE lower(trim(status)) = 'placed'),
        c AS (SELECT DISTINCT candidate_id FROM raw.candidates WHERE candidate_id IS NOT NULL)
        SELECT avg((p.candidate_id IS NOT NULL)::INTEGER)
                   FILTER (WHERE b.candidate_id IS NOT NULL),
               avg((p.candidate_id IS NOT NULL)::INTEGER) FILTER (WHERE b.candidate_id IS NULL)
        FROM c LEFT JOIN blocked AS b USING (candidate_id)
        LEFT JOIN placed AS p USING (candidate_id)
    """,
    )
    assert blocked < others / 3


def test_default_scale_placement_rate(tmp_path: Path) -> None:
    path = tmp_path / "default.duckdb"
    _generate(path)
    with duckdb.connect(str(path), read_only=True) as con:
        rate = _placement_rates(con)["all"]
        placed_months = {
            m
            for (m,) in con.execute("""
                SELECT DISTINCT date_trunc('month', placed_at)::DATE FROM raw.placements
                WHERE lower(trim(status)) = 'placed'
            """).fetchall()
        }
    assert 0.06 <= rate <= 0.12
    # placements in each of the last 15 months
    assert set(_last_months(15)) <= placed_months, sorted(placed_months)


def test_feedback_follows_the_hidden_placement_model(
    moderate: duckdb.DuckDBPyConnection,
) -> None:
    """Good fits for placed and high-fit candidates, given a little before the placement;
    not-a-fit mostly for poor fits."""
    rows = moderate.execute(f"""
        WITH fit AS ({RAW_FIT_SQL}),
        placed AS (
            SELECT candidate_id, min(placed_at) AS placed_at FROM raw.placements
            WHERE lower(trim(status)) = 'placed' AND placed_at >= applied_at
            GROUP BY candidate_id
        ),
        feedback AS (
            SELECT upper(trim(candidate_id, ' ' || chr(9))) AS candidate_id,
                   {DISPOSITION_SQL} AS disposition, {GIVEN_AT_SQL} AS given_at
            FROM raw.recruiter_feedback
        ),
        x AS (
            SELECT feedback.*, placed.placed_at,
                   ntile(4) OVER (ORDER BY fit.fit, fit.candidate_id) AS quartile
            FROM feedback JOIN fit USING (candidate_id) LEFT JOIN placed USING (candidate_id)
        )
        SELECT 'placed', avg((disposition = 'good_fit')::INTEGER) FROM x
            WHERE placed_at IS NOT NULL
        UNION ALL
        SELECT 'not_placed', avg((disposition = 'good_fit')::INTEGER) FROM x
            WHERE placed_at IS NULL
        UNION ALL
        SELECT 'q' || quartile || '_not_a_fit', avg((disposition = 'not_a_fit')::INTEGER)
            FROM x GROUP BY quartile
        UNION ALL
        SELECT 'placed_before_feedback', count(*) FILTER (
            WHERE disposition = 'good_fit' AND given_at > placed_at
              AND given_at <= DATE '{END}') FROM x
        UNION ALL
        SELECT 'good_fit_within_10_days_before', avg((given_at BETWEEN placed_at - INTERVAL 10 DAY
                                                      AND placed_at)::INTEGER)
            FROM x WHERE placed_at IS NOT NULL AND disposition = 'good_fit'
    """).fetchall()
    rates = dict(rows)
    assert rates["placed"] > 0.7, rates
    assert rates["placed"] > 2 * rates["not_placed"], rates
    assert rates["q1_not_a_fit"] > 2 * rates["q4_not_a_fit"], rates
    assert rates["placed_before_feedback"] == 0, rates
    assert rates["good_fit_within_10_days_before"] > 0.6, rates
