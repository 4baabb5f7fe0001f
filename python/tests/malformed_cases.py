"""The malformed-input corpus: dirty raw rows, one case each, with what the build must make of them.

Every case brings its own raw rows (its own candidate, event and job ids, so that cases never
meet) and the checks that say what the built warehouse holds for them: a query with parameters
and the exact rows it must return. test_malformed_input_corpus.py loads every case into one
untyped extract (every raw column VARCHAR, as from CSV), builds the project once, and runs each
case's checks as a test of its own.

Times are written relative to the moment this module is imported (a few seconds before the
build starts): "a day ago" is in the past for the build, "in three hours" in its future.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

Row = dict[str, str | None]

CANDIDATE_COLUMNS = (
    "candidate_id",
    "email",
    "full_name",
    "job_title",
    "years_experience",
    "skills",
    "current_company",
    "company_size",
    "industry",
    "company_revenue",
    "country",
    "city",
    "source_channel",
    "marketing_consent",
    "do_not_contact",
    "created_at",
    "updated_at",
)
EVENT_COLUMNS = ("event_id", "candidate_id", "event_type", "occurred_at", "job_id", "channel")
PLACEMENT_COLUMNS = ("candidate_id", "job_id", "applied_at", "placed_at", "status")
FEEDBACK_COLUMNS = (
    "feedback_id",
    "candidate_id",
    "recruiter_id",
    "given_at",
    "disposition",
    "reason",
)
RAW_COLUMNS = {
    "candidates": CANDIDATE_COLUMNS,
    "engagement_events": EVENT_COLUMNS,
    "placements": PLACEMENT_COLUMNS,
    "recruiter_feedback": FEEDBACK_COLUMNS,
}

NOW = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
NBSP = "\u00a0"


def at(*, days: float = 0, hours: float = 0, minutes: float = 0) -> str:
    """NOW moved by the given amount, as ISO text without offset (UTC)."""
    return (NOW + timedelta(days=days, hours=hours, minutes=minutes)).isoformat(sep=" ")


@dataclass(frozen=True)
class Check:
    """A query on the built warehouse (DuckDB, `?` parameters) and the rows it must return."""

    sql: str
    parameters: tuple[Any, ...]
    expected: list[tuple[Any, ...]]


@dataclass(frozen=True)
class Case:
    id: str
    group: str
    candidates: tuple[Row, ...] = ()
    events: tuple[Row, ...] = ()
    placements: tuple[Row, ...] = ()
    feedback: tuple[Row, ...] = ()
    checks: tuple[Check, ...] = ()
    # set when the case shows a bug of the models: the test is expected to fail, strictly
    bug: str | None = None
    rows: dict[str, tuple[Row, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "rows",
            {
                "candidates": self.candidates,
                "engagement_events": self.events,
                "placements": self.placements,
                "recruiter_feedback": self.feedback,
            },
        )


# --- raw rows -------------------------------------------------------------------------------


def candidate(candidate_id: str | None, **values: str | None) -> Row:
    """A usable candidate row: consent yes, not do-not-contact, updated ten days ago."""
    row: Row = dict.fromkeys(CANDIDATE_COLUMNS)
    row.update(
        candidate_id=candidate_id,
        email=f"{(candidate_id or 'x').strip().lower()}@example.com",
        full_name="Alex Example",
        job_title="Analyst",
        marketing_consent="true",
        do_not_contact="false",
        created_at=at(days=-400),
        updated_at=at(days=-10),
    )
    row.update(values)
    return row


# The fit of a hot candidate: senior 15, 7 years 10, skills 15 (capped), 500 employees 8,
# software 8, revenue 50M 4 = 60 points.
HOT_PROFILE: Row = {
    "job_title": "Senior Data Engineer",
    "years_experience": "7",
    "skills": "python, sql, aws, kubernetes, dbt",
    "company_size": "500",
    "industry": "software",
    "company_revenue": "50000000",
}


def hot_candidate(candidate_id: str, **values: str | None) -> Row:
    return candidate(candidate_id, **{**HOT_PROFILE, **values})


def event(
    event_id: str | None,
    candidate_id: str | None,
    event_type: str | None,
    occurred_at: str | None,
    job_id: str | None = None,
    channel: str | None = "web",
) -> Row:
    return {
        "event_id": event_id,
        "candidate_id": candidate_id,
        "event_type": event_type,
        "occurred_at": occurred_at,
        "job_id": job_id,
        "channel": channel,
    }


def hot_events(candidate_id: str) -> tuple[Row, ...]:
    """Recent intent that makes a candidate hot on its own: about 116 engagement points
    (applications 50, information requests 30, job offer pages 20, reports 16, all capped), so
    that with the fit of HOT_PROFILE the total is about 176, and still about 126 after the -50
    of an accepted unsubscribe."""
    rows = []
    for day in (1, 2):
        for number in range(2):
            rows.append(("application_submitted", day, number))
            rows.append(("report_download", day, number))
        for number in range(3):
            rows.append(("job_offer_page_visit", day, number))
    for day in (1, 2, 3):
        rows.append(("info_request", day, 0))
    return tuple(
        event(
            f"{candidate_id}-{event_type}-{day}-{number}",
            candidate_id,
            event_type,
            at(days=-day, minutes=-5 * number),
            job_id="J-HOT",
        )
        for event_type, day, number in rows
    )


def placement(
    candidate_id: str | None,
    job_id: str | None,
    applied_at: str | None = "2026-06-01 09:00:00",
    placed_at: str | None = None,
    status: str | None = "in_process",
) -> Row:
    return {
        "candidate_id": candidate_id,
        "job_id": job_id,
        "applied_at": applied_at,
        "placed_at": placed_at,
        "status": status,
    }


def feedback(
    feedback_id: str | None,
    candidate_id: str | None,
    disposition: str | None = "good fit",
    given_at: str | None = None,
    recruiter_id: str | None = "r001",
    reason: str | None = None,
) -> Row:
    """A recruiter feedback row, given two days ago unless told otherwise."""
    return {
        "feedback_id": feedback_id,
        "candidate_id": candidate_id,
        "recruiter_id": recruiter_id,
        "given_at": at(days=-2) if given_at is None else given_at,
        "disposition": disposition,
        "reason": reason,
    }


# --- checks ---------------------------------------------------------------------------------


def staged_candidate(candidate_id: str, **columns: Any) -> Check:
    """The candidate is kept in staging, with these column values."""
    return Check(
        f"select {', '.join(columns)} from staging.stg_recruitment__candidates "
        "where candidate_id = ?",
        (candidate_id,),
        [tuple(columns.values())],
    )


def scored(candidate_id: str, **columns: Any) -> Check:
    """The candidate has one row in candidate_scores, with these column values."""
    return Check(
        f"select {', '.join(columns)} from scoring.candidate_scores where candidate_id = ?",
        (candidate_id,),
        [tuple(columns.values())],
    )


def contact(candidate_id: str, **columns: Any) -> Check:
    """The candidate may be contacted: one row in the restricted contact details."""
    return Check(
        f"select {', '.join(columns)} from restricted.crm_candidate_contacts "
        "where candidate_id = ?",
        (candidate_id,),
        [tuple(columns.values())],
    )


def not_scored(candidate_id: str) -> Check:
    """The candidate is in neither staging, the scores nor the worklist."""
    return Check(
        """
        select
            (select count(*) from staging.stg_recruitment__candidates where candidate_id = $1),
            (select count(*) from scoring.candidate_scores where candidate_id = $1),
            (select count(*) from scoring.recruiter_worklist where candidate_id = $1)
        """,
        (candidate_id,),
        [(0, 0, 0)],
    )


def on_worklist(candidate_id: str) -> Check:
    """Scored hot (total >= 100), not disqualified, and on the recruiter worklist."""
    return Check(
        """
        select is_disqualified, disqualification_reasons, score_tier, total_score >= 100,
            (select count(*) from scoring.recruiter_worklist where candidate_id = $1)
        from scoring.candidate_scores where candidate_id = $1
        """,
        (candidate_id,),
        [(False, None, "hot", True, 1)],
    )


def hot_but_disqualified(candidate_id: str, reasons: str) -> Check:
    """Would be hot on points (total >= 100), but disqualified: off the worklist."""
    return Check(
        """
        select total_score >= 100, is_disqualified, disqualification_reasons, score_tier,
            (select count(*) from scoring.recruiter_worklist where candidate_id = $1)
        from scoring.candidate_scores where candidate_id = $1
        """,
        (candidate_id,),
        [(True, True, reasons, "disqualified", 0)],
    )


def rejected(table: str, record_id: str | None, *reasons_and_values: tuple[str, Any]) -> Check:
    """Exactly these (rejection_reason, rejected_value) in rejected_raw_rows for the record;
    none when no pair is given. A record without id is found by its rejected value."""
    if record_id is None:
        return Check(
            "select rejection_reason, rejected_value from data_quality.rejected_raw_rows "
            "where source_table = ? and nullif(record_id, '') is null "
            "and rejected_value is not distinct from ? order by all",
            (table, reasons_and_values[0][1]),
            sorted(reasons_and_values, key=str),
        )
    return Check(
        "select rejection_reason, rejected_value from data_quality.rejected_raw_rows "
        "where source_table = ? and record_id = ? order by all",
        (table, record_id),
        sorted(reasons_and_values, key=str),
    )


def lost_values(candidate_id: str, *columns_reasons_values: tuple[str, str, str]) -> Check:
    """Exactly these (column_name, rejection_reason, rejected_value) in rejected_raw_values."""
    return Check(
        "select column_name, rejection_reason, rejected_value "
        "from data_quality.rejected_raw_values "
        "where source_table = 'candidates' and record_id = ? order by all",
        (candidate_id,),
        sorted(columns_reasons_values),
    )


def staged_event(event_id: str, **columns: Any) -> Check:
    return Check(
        f"select {', '.join(columns)} from staging.stg_recruitment__engagement_events "
        "where event_id = ?",
        (event_id,),
        [tuple(columns.values())],
    )


def not_staged_event(event_id: str) -> Check:
    return Check(
        "select count(*) from staging.stg_recruitment__engagement_events where event_id = ?",
        (event_id,),
        [(0,)],
    )


def staged_placement(candidate_id: str, job_id: str, **columns: Any) -> Check:
    return Check(
        f"select {', '.join(columns)} from staging.stg_recruitment__placements "
        "where candidate_id = ? and job_id = ?",
        (candidate_id, job_id),
        [tuple(columns.values())],
    )


def no_placement(candidate_id: str | None) -> Check:
    return Check(
        "select count(*) from staging.stg_recruitment__placements "
        "where candidate_id is not distinct from ?",
        (candidate_id,),
        [(0,)],
    )


def staged_feedback(feedback_id: str, **columns: Any) -> Check:
    return Check(
        f"select {', '.join(columns)} from staging.stg_recruitment__recruiter_feedback "
        "where feedback_id = ?",
        (feedback_id,),
        [tuple(columns.values())],
    )


def not_staged_feedback(feedback_id: str) -> Check:
    return Check(
        "select count(*) from staging.stg_recruitment__recruiter_feedback where feedback_id = ?",
        (feedback_id,),
        [(0,)],
    )


def disposition_spelling(case_id: str, raw: str, disposition: str | None) -> Case:
    """A disposition written one way: used with its code, or rejected naming the text."""
    candidate_id = f"FB-SPELL-{case_id}".upper()
    feedback_id = f"fb-spell-{case_id}"
    checks = (
        (
            staged_feedback(feedback_id.upper(), disposition=disposition),
            rejected("recruiter_feedback", feedback_id.upper()),
        )
        if disposition
        else (
            not_staged_feedback(feedback_id.upper()),
            rejected(
                "recruiter_feedback",
                feedback_id.upper(),
                ("unknown_disposition", " ".join(raw.replace(NBSP, " ").split())),
            ),
        )
    )
    return Case(
        id=f"disposition_spelled_{case_id}",
        group="recruiter feedback",
        candidates=(candidate(candidate_id),),
        feedback=(feedback(feedback_id, candidate_id, raw),),
        checks=checks,
    )


def parsed_occurred_at(case_id: str, raw: str, expected: datetime, bug: str | None = None) -> Case:
    """An event whose time is written one way: used, at this UTC time."""
    candidate_id = f"TS-{case_id.upper()}"
    return Case(
        id=f"event_time_{case_id}",
        group="timestamps",
        candidates=(candidate(candidate_id),),
        events=(event(f"ev-ts-{case_id}", candidate_id, "career_site_visit", raw),),
        checks=(
            staged_event(f"ev-ts-{case_id}", occurred_at=expected),
            rejected("engagement_events", f"ev-ts-{case_id}"),
        ),
        bug=bug,
    )


def unparsed_occurred_at(case_id: str, raw: str, bug: str | None = None) -> Case:
    """An event whose time does not convert: rejected invalid_occurred_at, naming the text."""
    candidate_id = f"TS-{case_id.upper()}"
    return Case(
        id=f"event_time_{case_id}",
        group="timestamps",
        candidates=(candidate(candidate_id),),
        events=(event(f"ev-ts-{case_id}", candidate_id, "career_site_visit", raw),),
        checks=(
            not_staged_event(f"ev-ts-{case_id}"),
            rejected("engagement_events", f"ev-ts-{case_id}", ("invalid_occurred_at", raw.strip())),
        ),
        bug=bug,
    )


def consent_spelling(case_id: str, raw: str, parsed: bool | None) -> Case:
    """marketing_consent written one way: the row is kept, the value parsed (NULL for none)."""
    candidate_id = f"BOOL-{case_id.upper()}"
    reasons = {True: None, False: "no_marketing_consent", None: "no_consent_value"}[parsed]
    return Case(
        id=f"consent_spelled_{case_id}",
        group="booleans",
        candidates=(candidate(candidate_id, marketing_consent=raw),),
        checks=(
            staged_candidate(candidate_id, has_marketing_consent=parsed),
            rejected("candidates", candidate_id),
            scored(candidate_id, is_disqualified=not parsed, disqualification_reasons=reasons),
        ),
    )


def nulled_value(
    case_id: str, column: str, raw: str, reason: str | None = None, **extra: str | None
) -> Case:
    """An optional candidate value that does not convert or cannot be true: set to NULL, the
    candidate kept and scored, the value listed in rejected_raw_values."""
    candidate_id = f"VAL-{column}-{case_id}".upper()
    return Case(
        id=f"{column}_{case_id}",
        group="optional values",
        candidates=(candidate(candidate_id, **{column: raw}, **extra),),
        checks=(
            staged_candidate(candidate_id, **{column: None}),
            rejected("candidates", candidate_id),
            lost_values(candidate_id, (column, reason or f"invalid_{column}", raw.strip())),
            scored(candidate_id, is_disqualified=False),
        ),
    )


def converted_value(case_id: str, column: str, raw: str, value: Any, **points: Any) -> Case:
    """An optional candidate value in an unusual but valid spelling: converted, nothing lost."""
    candidate_id = f"VAL-{column}-{case_id}".upper()
    return Case(
        id=f"{column}_{case_id}",
        group="optional values",
        candidates=(candidate(candidate_id, **{column: raw}),),
        checks=(
            staged_candidate(candidate_id, **{column: value}),
            lost_values(candidate_id),
            *([scored(candidate_id, **points)] if points else []),
        ),
    )


# --- the corpus -----------------------------------------------------------------------------

IDS = [
    Case(
        id="candidate_id_tabs_nbsp_lower_case",
        group="ids",
        candidates=(candidate(f"\tid-pad-1{NBSP} "),),
        checks=(
            staged_candidate("ID-PAD-1", email="id-pad-1@example.com"),
            scored("ID-PAD-1", is_disqualified=False),
            rejected("candidates", "ID-PAD-1"),
        ),
    ),
    Case(
        id="event_candidate_id_padded_lower_case_joins",
        group="ids",
        candidates=(candidate("C-7"),),
        events=(event("ev-id-1", " c-7 ", "career_site_visit", at(days=-1), job_id=" j-7\t"),),
        checks=(
            staged_event("ev-id-1", candidate_id="C-7", job_id="J-7"),
            rejected("engagement_events", "ev-id-1"),
            Check(
                "select career_site_visits_points > 0 from scoring.candidate_scores "
                "where candidate_id = 'C-7'",
                (),
                [(True,)],
            ),
        ),
    ),
    Case(
        id="placement_ids_padded_lower_case_join",
        group="ids",
        candidates=(candidate("ID-PLC-1"),),
        placements=(placement(f"{NBSP}id-plc-1\t", " j-plc-1 "),),
        checks=(
            staged_placement("ID-PLC-1", "J-PLC-1", status="in_process", is_placed=False),
            rejected("placements", "ID-PLC-1 / J-PLC-1"),
        ),
    ),
    Case(
        id="event_id_trimmed_but_case_kept",
        group="ids",
        candidates=(candidate("ID-EVC-1"),),
        events=(
            event(" ev-Case-1\t", "ID-EVC-1", "career_site_visit", at(days=-1)),
            event("EV-CASE-1", "ID-EVC-1", "career_site_visit", at(days=-1, minutes=-1)),
        ),
        checks=(
            staged_event("ev-Case-1", candidate_id="ID-EVC-1"),
            staged_event("EV-CASE-1", candidate_id="ID-EVC-1"),
        ),
    ),
]

CANDIDATE_ROWS = [
    Case(
        id="candidate_without_id",
        group="candidate rows",
        candidates=(candidate(None, email="no.id@example.com"),),
        checks=(
            rejected("candidates", None, ("missing_candidate_id", "no.id@example.com")),
            Check(
                "select count(*) from staging.stg_recruitment__candidates where email = ?",
                ("no.id@example.com",),
                [(0,)],
            ),
        ),
    ),
    Case(
        id="candidate_id_only_white_space",
        group="candidate rows",
        candidates=(candidate(f" \t{NBSP} ", email=" White.Space@Example.com "),),
        checks=(rejected("candidates", None, ("missing_candidate_id", "white.space@example.com")),),
    ),
    Case(
        id="candidate_all_columns_null",
        group="candidate rows",
        candidates=(dict.fromkeys(CANDIDATE_COLUMNS),),
        checks=(rejected("candidates", None, ("missing_candidate_id", None)),),
    ),
    Case(
        id="do_not_contact_not_a_boolean",
        group="candidate rows",
        candidates=(candidate("CR-DNC-BAD", do_not_contact=" sometimes "),),
        events=(event("ev-cr-dnc-bad", "CR-DNC-BAD", "career_site_visit", at(days=-1)),),
        checks=(
            rejected("candidates", "CR-DNC-BAD", ("invalid_do_not_contact", "sometimes")),
            not_scored("CR-DNC-BAD"),
            rejected("engagement_events", "ev-cr-dnc-bad", ("candidate_rejected", "CR-DNC-BAD")),
        ),
    ),
    Case(
        id="older_version_superseded",
        group="candidate rows",
        candidates=(
            candidate("CR-VER", job_title="Junior Analyst", updated_at="2026-01-01 08:00:00"),
            candidate("cr-ver ", job_title="Lead Analyst", updated_at="2026-02-01T08:00:00Z"),
        ),
        checks=(
            staged_candidate("CR-VER", job_title="lead analyst"),
            rejected(
                "candidates", "CR-VER", ("superseded_by_newer_version", "2026-01-01 08:00:00")
            ),
            scored("CR-VER", seniority="lead"),
        ),
    ),
    Case(
        id="exact_duplicate_row",
        group="candidate rows",
        candidates=(candidate("CR-TWIN"), candidate("CR-TWIN")),
        checks=(
            staged_candidate("CR-TWIN", email="cr-twin@example.com"),
            rejected("candidates", "CR-TWIN", ("superseded_by_newer_version", at(days=-10))),
        ),
    ),
    Case(
        id="latest_version_with_invalid_consent_hides_older_valid_one",
        group="candidate rows",
        candidates=(
            candidate("CR-HIDDEN", updated_at="2026-10-01 00:00:00"),
            candidate("CR-HIDDEN", marketing_consent="si", updated_at="2026-11-01 00:00:00"),
        ),
        checks=(
            rejected(
                "candidates",
                "CR-HIDDEN",
                ("invalid_marketing_consent", "si"),
                ("superseded_by_newer_version", "2026-10-01 00:00:00"),
            ),
            not_scored("CR-HIDDEN"),
        ),
    ),
    Case(
        id="windows_line_endings_left_on_last_columns",
        group="candidate rows",
        candidates=(candidate("CR-CRLF\r", updated_at="2026-11-01 10:00:00\r\n"),),
        events=(event("ev-crlf", "CR-CRLF", "info_request", at(days=-1), channel="Email\r\n"),),
        placements=(placement("CR-CRLF", "J-CRLF", placed_at="2026-06-02", status="Placed\r\n"),),
        checks=(
            staged_candidate("CR-CRLF", updated_at=datetime(2026, 11, 1, 10, 0)),
            lost_values("CR-CRLF"),
            staged_event("ev-crlf", channel="email"),
            staged_placement("CR-CRLF", "J-CRLF", status="placed", is_placed=True),
        ),
    ),
]

BOOLEANS = [
    consent_spelling("true_trailing_space", "true ", True),
    consent_spelling("yes_leading_space_upper", " YES", True),
    consent_spelling("y", "y", True),
    consent_spelling("1", "1", True),
    consent_spelling("f", "f", False),
    consent_spelling("no_capitalised", "No", False),
    consent_spelling("0", "0", False),
    consent_spelling("empty_text", "", None),
    consent_spelling("only_tabs_and_nbsp", f"\t{NBSP} ", None),
    Case(
        id="do_not_contact_spelled_padded_upper_y",
        group="booleans",
        candidates=(candidate("BOOL-DNC-Y", do_not_contact=" Y "),),
        checks=(
            staged_candidate("BOOL-DNC-Y", is_do_not_contact=True),
            scored("BOOL-DNC-Y", is_disqualified=True, disqualification_reasons="do_not_contact"),
        ),
    ),
    Case(
        id="do_not_contact_empty_is_not_flagged",
        group="booleans",
        candidates=(candidate("BOOL-DNC-EMPTY", do_not_contact=""),),
        checks=(
            staged_candidate("BOOL-DNC-EMPTY", is_do_not_contact=False),
            rejected("candidates", "BOOL-DNC-EMPTY"),
            scored("BOOL-DNC-EMPTY", is_disqualified=False),
        ),
    ),
]

OPTIONAL_VALUES = [
    nulled_value("not_applicable", "years_experience", "n/a"),
    nulled_value("above_80", "years_experience", "81"),
    nulled_value("negative", "years_experience", "-3"),
    nulled_value("overflows_double", "years_experience", "1e999"),
    converted_value("bound_80", "years_experience", " 80 ", 80, experience_points=2),
    nulled_value("fraction", "company_size", "12.5"),
    nulled_value("negative", "company_size", "-5"),
    nulled_value("exponent_too_big", "company_size", "1e20"),
    nulled_value("twenty_digits", "company_size", "99999999999999999999"),
    converted_value("thousands_comma", "company_size", "1,200", 1200, company_size_points=6),
    nulled_value("nan", "company_revenue", "NaN"),
    nulled_value("inf", "company_revenue", "inf"),
    nulled_value("negative", "company_revenue", "-5000000"),
    nulled_value("at_1e13", "company_revenue", "1e13"),
    nulled_value("decimal_comma", "company_revenue", "12,5"),
    converted_value(
        "thousands_commas", "company_revenue", "1,200,000", 1200000, company_revenue_points=2
    ),
    converted_value("just_below_1e13", "company_revenue", "9999999999999", 9999999999999),
    nulled_value("day_first", "created_at", "27/11/2026 10:00"),
    nulled_value("sentinel_9999", "updated_at", "9999-12-31", "updated_at_in_future"),
    nulled_value("a_few_hours_ahead", "created_at", at(hours=3), "created_at_in_future"),
    converted_value("epoch_seconds", "created_at", "1772359200", datetime(2026, 3, 1, 10, 0)),
    converted_value(
        "offset", "updated_at", "2026-03-01T00:00:00+02:00", datetime(2026, 2, 28, 22, 0)
    ),
]

TEXT = [
    Case(
        id="unicode_full_name",
        group="text",
        candidates=(candidate("TXT-UNI", full_name=f"  Zoë{NBSP}Ñúñez 王芳 "),),
        checks=(
            staged_candidate("TXT-UNI", full_name="Zoë Ñúñez 王芳"),
            contact("TXT-UNI", full_name="Zoë Ñúñez 王芳"),
        ),
    ),
    Case(
        id="quotes_and_sql_in_text",
        group="text",
        candidates=(
            candidate(
                "TXT-SQL",
                full_name="  O'Brien; drop table raw.candidates; --  ",
                email="o'brien@example.com",
                current_company='Robert"); DROP TABLE students;--',
            ),
        ),
        checks=(
            staged_candidate(
                "TXT-SQL",
                full_name="O'Brien; drop table raw.candidates; --",
                email="o'brien@example.com",
                current_company='Robert"); DROP TABLE students;--',
            ),
            contact("TXT-SQL", full_name="O'Brien; drop table raw.candidates; --"),
        ),
    ),
    Case(
        id="job_title_with_tab_and_nbsp",
        group="text",
        candidates=(candidate("TXT-TITLE", job_title=f" Senior{NBSP}Data\tEngineer "),),
        checks=(
            staged_candidate("TXT-TITLE", job_title="senior data engineer"),
            scored("TXT-TITLE", seniority="senior", seniority_points=15),
        ),
    ),
    Case(
        id="industry_in_other_case_and_spacing",
        group="text",
        candidates=(candidate("TXT-IND", industry=f"  FINANCIAL{NBSP} \tServices "),),
        checks=(
            staged_candidate("TXT-IND", industry="financial services"),
            scored("TXT-IND", industry_points=6),
        ),
    ),
    Case(
        id="skills_with_mixed_separators",
        group="text",
        candidates=(candidate("TXT-SKILLS", skills=" Python ;SQL|  AWS,dbt "),),
        checks=(
            staged_candidate("TXT-SKILLS", skills="python,sql,aws,dbt"),
            scored("TXT-SKILLS", skills_points=14),
        ),
    ),
    Case(
        # pasted from a column: a tab or a line break between skills separates them; a
        # non-breaking space inside a skill is a space
        id="skills_separated_by_tabs_and_line_breaks",
        group="text",
        candidates=(
            candidate("TXT-SKILLS-TAB", skills=f"\tPython\tSQL\r\nAWS ;\tmachine{NBSP}learning\n"),
        ),
        checks=(
            staged_candidate("TXT-SKILLS-TAB", skills="python,sql,aws,machine learning"),
            scored("TXT-SKILLS-TAB", skills_points=14),
        ),
    ),
]

EVENTS = [
    Case(
        id="event_without_id",
        group="events",
        candidates=(candidate("EV-NOID"),),
        events=(event(f" {NBSP}", "EV-NOID", "career_site_visit", at(days=-1)),),
        checks=(
            rejected("engagement_events", None, ("missing_event_id", "EV-NOID")),
            scored("EV-NOID", career_site_visits_points=0),
        ),
    ),
    Case(
        id="event_resent_with_padded_id",
        group="events",
        candidates=(candidate("EV-DUP"),),
        events=(
            event("ev-dup-1", "EV-DUP", "info_request", at(days=-1)),
            event(" ev-dup-1 ", "EV-DUP", "info_request", at(days=-1, minutes=1)),
        ),
        checks=(
            staged_event("ev-dup-1", occurred_at=datetime.fromisoformat(at(days=-1))),
            rejected("engagement_events", "ev-dup-1", ("duplicate_event_id", "ev-dup-1")),
        ),
    ),
    Case(
        id="event_without_candidate_id",
        group="events",
        events=(event("ev-nocand", "   ", "info_request", at(days=-1)),),
        checks=(rejected("engagement_events", "ev-nocand", ("missing_candidate_id", "ev-nocand")),),
    ),
    Case(
        id="event_without_type",
        group="events",
        candidates=(candidate("EV-NOTYPE"),),
        events=(event("ev-notype", "EV-NOTYPE", None, at(days=-1)),),
        checks=(rejected("engagement_events", "ev-notype", ("missing_event_type", "ev-notype")),),
    ),
    Case(
        id="event_type_only_punctuation",
        group="events",
        candidates=(candidate("EV-PUNCT"),),
        events=(event("ev-punct", "EV-PUNCT", " -- ", at(days=-1)),),
        checks=(rejected("engagement_events", "ev-punct", ("missing_event_type", "ev-punct")),),
    ),
    Case(
        id="event_without_time",
        group="events",
        candidates=(candidate("EV-NOTIME"),),
        events=(event("ev-notime", "EV-NOTIME", "info_request", "  "),),
        checks=(rejected("engagement_events", "ev-notime", ("missing_occurred_at", "ev-notime")),),
    ),
    Case(
        id="event_a_few_hours_ahead",
        group="events",
        candidates=(candidate("EV-FUTURE"),),
        events=(event("ev-future", "EV-FUTURE", "info_request", at(hours=3)),),
        checks=(
            rejected("engagement_events", "ev-future", ("occurred_in_future", at(hours=3))),
            scored("EV-FUTURE", information_requests_points=0),
        ),
    ),
    Case(
        id="event_in_year_9999",
        group="events",
        candidates=(candidate("EV-9999"),),
        events=(event("ev-9999", "EV-9999", "info_request", "9999-12-31T00:00:00Z"),),
        checks=(
            rejected(
                "engagement_events", "ev-9999", ("occurred_in_future", "9999-12-31T00:00:00Z")
            ),
        ),
    ),
    Case(
        id="event_of_unknown_candidate",
        group="events",
        events=(event("ev-unknown", " ev-nobody ", "info_request", at(days=-1)),),
        checks=(rejected("engagement_events", "ev-unknown", ("unknown_candidate", "EV-NOBODY")),),
    ),
    Case(
        id="event_type_no_weight_set_scores",
        group="events",
        candidates=(candidate("EV-SMS"),),
        events=(
            event("ev-sms-1", "EV-SMS", "SMS Reply", at(days=-1)),
            event("ev-sms-2", "EV-SMS", " sms_reply", at(days=-2)),
        ),
        checks=(
            staged_event("ev-sms-1", event_type="sms_reply"),
            rejected("engagement_events", "ev-sms-1"),
            Check(
                "select event_count, candidate_count from data_quality.unscored_event_types "
                "where event_type = 'sms_reply'",
                (),
                [(2, 1)],
            ),
            scored("EV-SMS", engagement_score=0),
        ),
    ),
    Case(
        id="event_type_padded_kebab_case_scores",
        group="events",
        candidates=(candidate("EV-INFO"),),
        events=(event("ev-info", "EV-INFO", " Info-Request ", at(days=-1)),),
        checks=(
            staged_event("ev-info", event_type="info_request"),
            Check(
                "select information_requests_points > 14 from scoring.candidate_scores "
                "where candidate_id = 'EV-INFO'",
                (),
                [(True,)],
            ),
        ),
    ),
    Case(
        id="event_all_columns_null",
        group="events",
        events=(dict.fromkeys(EVENT_COLUMNS),),
        checks=(rejected("engagement_events", None, ("missing_event_id", None)),),
    ),
]

TIMESTAMPS = [
    parsed_occurred_at("iso_offset", "2026-03-01T00:00:00+02:00", datetime(2026, 2, 28, 22, 0)),
    parsed_occurred_at(
        "iso_negative_offset", "2026-03-01T00:00:00-05:30", datetime(2026, 3, 1, 5, 30)
    ),
    parsed_occurred_at(
        "iso_offset_without_colon", "2026-03-01T12:00:00+0200", datetime(2026, 3, 1, 10, 0)
    ),
    parsed_occurred_at("iso_z", " 2026-03-01T10:00:00Z ", datetime(2026, 3, 1, 10, 0)),
    parsed_occurred_at(
        "iso_z_milliseconds", "2026-03-01T10:00:00.250Z", datetime(2026, 3, 1, 10, 0, 0, 250000)
    ),
    parsed_occurred_at("no_offset_is_utc", "2026-03-01T10:00:00", datetime(2026, 3, 1, 10, 0)),
    parsed_occurred_at("space_no_seconds", "2026-03-01 10:00", datetime(2026, 3, 1, 10, 0)),
    parsed_occurred_at("date_only", "2026-03-01", datetime(2026, 3, 1)),
    parsed_occurred_at("epoch_seconds", "1772359200", datetime(2026, 3, 1, 10, 0)),
    parsed_occurred_at(
        "epoch_milliseconds", "1772359200123", datetime(2026, 3, 1, 10, 0, 0, 123000)
    ),
    parsed_occurred_at(
        "space_before_offset",
        "2026-03-01 10:00:00 +02:00",
        datetime(2026, 3, 1, 8, 0),
    ),
    parsed_occurred_at("space_before_z", "2026-03-01 10:00:00 Z", datetime(2026, 3, 1, 10, 0)),
    # what a float column (or pandas with missing values) writes for epoch seconds
    parsed_occurred_at("epoch_seconds_as_float", "1772359200.0", datetime(2026, 3, 1, 10, 0)),
    # a date with an offset names no point in time
    unparsed_occurred_at("date_with_offset", "2026-03-01+02:00"),
    unparsed_occurred_at("day_first", "27/11/2026 10:00"),
    unparsed_occurred_at("thirtieth_of_february", "2026-02-30 10:00:00"),
    unparsed_occurred_at("words", " yesterday "),
    unparsed_occurred_at("epoch_eleven_digits", "17723592001"),
]

PLACEMENTS = [
    Case(
        id="placement_without_candidate_id",
        group="placements",
        placements=(placement(None, "J-PL-NOCAND"),),
        checks=(rejected("placements", "J-PL-NOCAND", ("missing_candidate_id", "J-PL-NOCAND")),),
    ),
    Case(
        id="placement_without_job_id",
        group="placements",
        candidates=(candidate("PL-NOJOB"),),
        placements=(placement("PL-NOJOB", "\t"),),
        checks=(
            rejected("placements", "PL-NOJOB", ("missing_job_id", "PL-NOJOB")),
            no_placement("PL-NOJOB"),
        ),
    ),
    Case(
        id="placement_applied_twice",
        group="placements",
        candidates=(candidate("PL-TWICE"),),
        placements=(
            placement("PL-TWICE", "J-1", applied_at="2026-05-01 09:00:00"),
            placement("pl-twice", "j-1", applied_at="2026-06-01 09:00:00", status="Offered"),
        ),
        checks=(
            staged_placement("PL-TWICE", "J-1", status="offered"),
            rejected("placements", "PL-TWICE / J-1", ("duplicate_application", "PL-TWICE / J-1")),
        ),
    ),
    Case(
        id="placement_without_applied_at",
        group="placements",
        candidates=(candidate("PL-NOAPPLIED"),),
        placements=(placement("PL-NOAPPLIED", "J-1", applied_at=None),),
        checks=(
            rejected(
                "placements", "PL-NOAPPLIED / J-1", ("missing_applied_at", "PL-NOAPPLIED / J-1")
            ),
        ),
    ),
    Case(
        id="placement_applied_at_not_a_time",
        group="placements",
        candidates=(candidate("PL-BADAPPLIED"),),
        placements=(placement("PL-BADAPPLIED", "J-1", applied_at="01/06/2026"),),
        checks=(
            rejected("placements", "PL-BADAPPLIED / J-1", ("invalid_applied_at", "01/06/2026")),
        ),
    ),
    Case(
        id="placement_placed_at_not_a_time",
        group="placements",
        candidates=(candidate("PL-BADPLACED"),),
        placements=(placement("PL-BADPLACED", "J-1", placed_at=" soon ", status="placed"),),
        checks=(rejected("placements", "PL-BADPLACED / J-1", ("invalid_placed_at", "soon")),),
    ),
    Case(
        id="placement_status_unknown",
        group="placements",
        candidates=(candidate("PL-HIRED"),),
        placements=(placement("PL-HIRED", "J-1", status=" Hired "),),
        checks=(rejected("placements", "PL-HIRED / J-1", ("unknown_status", "hired")),),
    ),
    Case(
        id="placement_status_missing",
        group="placements",
        candidates=(candidate("PL-NOSTATUS"),),
        placements=(placement("PL-NOSTATUS", "J-1", status=None),),
        checks=(rejected("placements", "PL-NOSTATUS / J-1", ("unknown_status", None)),),
    ),
    Case(
        id="placed_without_placed_at",
        group="placements",
        candidates=(candidate("PL-NOPLACED"),),
        placements=(placement("PL-NOPLACED", "J-1", status="placed"),),
        checks=(
            rejected("placements", "PL-NOPLACED / J-1", ("missing_placed_at", "PL-NOPLACED / J-1")),
        ),
    ),
    Case(
        id="placed_before_applied",
        group="placements",
        candidates=(candidate("PL-BACKWARDS"),),
        placements=(
            placement(
                "PL-BACKWARDS",
                "J-1",
                applied_at="2026-06-01 09:00:00",
                placed_at="2026-05-01T09:00:00+02:00",
                status="placed",
            ),
        ),
        checks=(
            rejected(
                "placements", "PL-BACKWARDS / J-1", ("placed_before_applied", "2026-05-01 07:00:00")
            ),
        ),
    ),
    Case(
        id="placement_of_unknown_candidate",
        group="placements",
        placements=(placement("pl-nobody", "J-1"),),
        checks=(rejected("placements", "PL-NOBODY / J-1", ("unknown_candidate", "PL-NOBODY")),),
    ),
    Case(
        id="placement_of_rejected_candidate",
        group="placements",
        candidates=(candidate("PL-REJECTED", marketing_consent="perhaps"),),
        placements=(placement("PL-REJECTED", "J-1"),),
        checks=(
            rejected("placements", "PL-REJECTED / J-1", ("candidate_rejected", "PL-REJECTED")),
            rejected("candidates", "PL-REJECTED", ("invalid_marketing_consent", "perhaps")),
        ),
    ),
    Case(
        id="placement_status_padded_capitalised",
        group="placements",
        candidates=(candidate("PL-PLACED"),),
        placements=(
            placement(
                "PL-PLACED",
                "J-1",
                applied_at="2026-06-01",
                placed_at="1781000000",
                status=" Placed ",
            ),
        ),
        checks=(
            staged_placement(
                "PL-PLACED",
                "J-1",
                status="placed",
                is_placed=True,
                applied_at=datetime(2026, 6, 1),
                placed_at=datetime(2026, 6, 9, 10, 13, 20),
            ),
            rejected("placements", "PL-PLACED / J-1"),
        ),
    ),
    Case(
        id="placement_all_columns_null",
        group="placements",
        placements=(dict.fromkeys(PLACEMENT_COLUMNS),),
        checks=(rejected("placements", None, ("missing_candidate_id", None)),),
    ),
]

CONSENT = [
    Case(
        id="hot_control_on_worklist",
        group="consent",
        candidates=(hot_candidate("CON-CONTROL"),),
        events=hot_events("CON-CONTROL"),
        checks=(on_worklist("CON-CONTROL"),),
    ),
    Case(
        id="unsubscribe_for_id_in_other_case_and_padding",
        group="consent",
        candidates=(hot_candidate("CON-UNSUB-PAD"),),
        events=(
            *hot_events("CON-UNSUB-PAD"),
            event("con-unsub-pad-u", f" con-unsub-pad{NBSP}", "unsubscribe", at(days=-1)),
        ),
        checks=(
            staged_event("con-unsub-pad-u", candidate_id="CON-UNSUB-PAD"),
            hot_but_disqualified("CON-UNSUB-PAD", "unsubscribe"),
        ),
    ),
    Case(
        id="unsubscribe_a_few_hours_ahead",
        group="consent",
        candidates=(hot_candidate("CON-UNSUB-FUTURE"),),
        events=(
            *hot_events("CON-UNSUB-FUTURE"),
            event("con-unsub-future-u", "CON-UNSUB-FUTURE", "unsubscribe", at(hours=3)),
        ),
        checks=(
            rejected(
                "engagement_events", "con-unsub-future-u", ("occurred_in_future", at(hours=3))
            ),
            hot_but_disqualified("CON-UNSUB-FUTURE", "unsubscribe"),
        ),
    ),
    Case(
        id="unsubscribe_without_time",
        group="consent",
        candidates=(hot_candidate("CON-UNSUB-NOTIME"),),
        events=(
            *hot_events("CON-UNSUB-NOTIME"),
            event("con-unsub-notime-u", "CON-UNSUB-NOTIME", "unsubscribe", None),
        ),
        checks=(
            rejected(
                "engagement_events",
                "con-unsub-notime-u",
                ("missing_occurred_at", "con-unsub-notime-u"),
            ),
            hot_but_disqualified("CON-UNSUB-NOTIME", "unsubscribe"),
        ),
    ),
    Case(
        id="unsubscribe_reusing_another_events_id",
        group="consent",
        candidates=(hot_candidate("CON-UNSUB-DUP"),),
        events=(
            *hot_events("CON-UNSUB-DUP"),
            event(
                "CON-UNSUB-DUP-application_submitted-2-0",
                "CON-UNSUB-DUP",
                "unsubscribe",
                at(days=-1),
            ),
        ),
        checks=(
            rejected(
                "engagement_events",
                "CON-UNSUB-DUP-application_submitted-2-0",
                ("duplicate_event_id", "CON-UNSUB-DUP-application_submitted-2-0"),
            ),
            staged_event(
                "CON-UNSUB-DUP-application_submitted-2-0", event_type="application_submitted"
            ),
            hot_but_disqualified("CON-UNSUB-DUP", "unsubscribe"),
        ),
    ),
    Case(
        id="unsubscribed_spelled_capitalised",
        group="consent",
        candidates=(hot_candidate("CON-UNSUBSCRIBED"),),
        events=(
            *hot_events("CON-UNSUBSCRIBED"),
            event("con-unsubscribed-u", "CON-UNSUBSCRIBED", "Unsubscribed", at(days=-1)),
        ),
        checks=(
            staged_event("con-unsubscribed-u", event_type="unsubscribed"),
            hot_but_disqualified("CON-UNSUBSCRIBED", "unsubscribe"),
        ),
    ),
    Case(
        id="opt_out_spelled_kebab_case",
        group="consent",
        candidates=(hot_candidate("CON-OPT-OUT"),),
        events=(
            *hot_events("CON-OPT-OUT"),
            event("con-opt-out-u", "CON-OPT-OUT", "opt-out", at(days=-1)),
        ),
        checks=(
            staged_event("con-opt-out-u", event_type="opt_out"),
            hot_but_disqualified("CON-OPT-OUT", "unsubscribe"),
        ),
    ),
    Case(
        id="hard_bounce_spelled_upper_case",
        group="consent",
        candidates=(hot_candidate("CON-BOUNCE"),),
        events=(
            *hot_events("CON-BOUNCE"),
            event("con-bounce-u", "CON-BOUNCE", "HARD_BOUNCE", at(days=-1)),
        ),
        checks=(
            staged_event("con-bounce-u", event_type="hard_bounce"),
            hot_but_disqualified("CON-BOUNCE", "email_bounce"),
        ),
    ),
    Case(
        id="unsubscribe_with_zero_width_space_and_byte_order_mark_in_the_id",
        group="consent",
        candidates=(hot_candidate("CON-ZWSP"),),
        events=(
            *hot_events("CON-ZWSP"),
            event("con-zwsp-u", "\ufeffcon-zwsp\u200b", "unsubscribe", at(days=-1)),
        ),
        checks=(hot_but_disqualified("CON-ZWSP", "unsubscribe"),),
    ),
    Case(
        # a float id column (pandas with missing values) writes 610 as 610.0
        id="unsubscribe_under_the_id_written_as_a_float",
        group="consent",
        candidates=(hot_candidate("610"),),
        events=(
            *hot_events("610"),
            event("con-float-id-u", "610.0", "unsubscribe", at(days=-1)),
        ),
        checks=(hot_but_disqualified("610", "unsubscribe"),),
    ),
    Case(
        id="un_subscribed_spelled_with_hyphen",
        group="consent",
        candidates=(hot_candidate("CON-UN-SUBSCRIBED"),),
        events=(
            *hot_events("CON-UN-SUBSCRIBED"),
            event("con-un-subscribed-u", "CON-UN-SUBSCRIBED", "Un-Subscribed ", at(days=-1)),
        ),
        checks=(hot_but_disqualified("CON-UN-SUBSCRIBED", "unsubscribe"),),
    ),
    Case(
        id="stale_sentinel_version_beside_newer_do_not_contact",
        group="consent",
        candidates=(
            hot_candidate("CON-SENTINEL", updated_at="9999-12-31"),
            hot_candidate("CON-SENTINEL", do_not_contact="true", updated_at=at(days=-5)),
        ),
        events=hot_events("CON-SENTINEL"),
        checks=(
            rejected("candidates", "CON-SENTINEL", ("superseded_by_newer_version", "9999-12-31")),
            staged_candidate("CON-SENTINEL", is_do_not_contact=True),
            hot_but_disqualified("CON-SENTINEL", "do_not_contact"),
        ),
    ),
    Case(
        id="sentinel_version_with_do_not_contact_beside_newer_clean_one",
        group="consent",
        candidates=(
            hot_candidate("CON-SENTINEL-DNC", do_not_contact="true", updated_at="9999-12-31"),
            hot_candidate("CON-SENTINEL-DNC", updated_at=at(days=-5)),
        ),
        events=hot_events("CON-SENTINEL-DNC"),
        checks=(
            staged_candidate("CON-SENTINEL-DNC", is_do_not_contact=False),
            hot_but_disqualified("CON-SENTINEL-DNC", "do_not_contact"),
        ),
    ),
    Case(
        id="same_time_versions_disagree_on_do_not_contact",
        group="consent",
        candidates=(
            hot_candidate("CON-TIE-DNC", do_not_contact="false", updated_at="2026-11-01 10:00"),
            hot_candidate("CON-TIE-DNC", do_not_contact="true", updated_at="2026-11-01T10:00:00Z"),
        ),
        events=hot_events("CON-TIE-DNC"),
        checks=(
            staged_candidate("CON-TIE-DNC", is_do_not_contact=True),
            rejected(
                "candidates", "CON-TIE-DNC", ("superseded_by_newer_version", "2026-11-01 10:00")
            ),
            hot_but_disqualified("CON-TIE-DNC", "do_not_contact"),
        ),
    ),
    Case(
        id="same_time_versions_disagree_on_consent",
        group="consent",
        candidates=(
            hot_candidate("CON-TIE-CONSENT", marketing_consent="yes", updated_at="1793527200"),
            hot_candidate("CON-TIE-CONSENT", marketing_consent="no", updated_at="1793527200"),
        ),
        events=hot_events("CON-TIE-CONSENT"),
        checks=(
            staged_candidate("CON-TIE-CONSENT", has_marketing_consent=False),
            hot_but_disqualified("CON-TIE-CONSENT", "no_marketing_consent"),
        ),
    ),
    Case(
        id="newer_version_lifts_do_not_contact",
        group="consent",
        candidates=(
            hot_candidate("CON-DNC-LIFTED", do_not_contact="true", updated_at=at(days=-30)),
            hot_candidate("CON-DNC-LIFTED", do_not_contact="false", updated_at=at(days=-5)),
        ),
        events=hot_events("CON-DNC-LIFTED"),
        checks=(on_worklist("CON-DNC-LIFTED"),),
    ),
    Case(
        id="consent_null",
        group="consent",
        candidates=(hot_candidate("CON-NULL", marketing_consent=None),),
        events=hot_events("CON-NULL"),
        checks=(
            staged_candidate("CON-NULL", has_marketing_consent=None),
            hot_but_disqualified("CON-NULL", "no_consent_value"),
        ),
    ),
    Case(
        id="consent_maybe",
        group="consent",
        candidates=(hot_candidate("CON-MAYBE", marketing_consent=" maybe "),),
        events=(event("con-maybe-info", "CON-MAYBE", "info_request", at(days=-1)),),
        checks=(
            rejected("candidates", "CON-MAYBE", ("invalid_marketing_consent", "maybe")),
            not_scored("CON-MAYBE"),
            rejected("engagement_events", "con-maybe-info", ("candidate_rejected", "CON-MAYBE")),
        ),
    ),
    Case(
        id="resubscribe_after_unsubscribe_restores_contact",
        group="consent",
        candidates=(hot_candidate("CON-RESUB-LATER"),),
        events=(
            *hot_events("CON-RESUB-LATER"),
            event("con-resub-later-u", "CON-RESUB-LATER", "unsubscribe", at(days=-3)),
            event("con-resub-later-r", "CON-RESUB-LATER", " ReSubscribe ", at(days=-2)),
        ),
        checks=(
            scored("CON-RESUB-LATER", opt_outs_points=-50),
            on_worklist("CON-RESUB-LATER"),
        ),
    ),
    Case(
        # the re-consent re-uses the unsubscribe's event id: staging keeps the earlier row and
        # rejects the re-consent as a duplicate, which must not lift the opt-out
        id="resubscribe_rejected_as_a_duplicate_does_not_lift_the_opt_out",
        group="consent",
        candidates=(hot_candidate("CON-RESUB-DUPID"),),
        events=(
            *hot_events("CON-RESUB-DUPID"),
            event("con-resub-dupid", "CON-RESUB-DUPID", "unsubscribe", at(days=-3)),
            event("con-resub-dupid", "CON-RESUB-DUPID", "resubscribe", at(days=-2)),
        ),
        checks=(
            rejected(
                "engagement_events",
                "con-resub-dupid",
                ("duplicate_event_id", "con-resub-dupid"),
            ),
            hot_but_disqualified("CON-RESUB-DUPID", "unsubscribe"),
        ),
    ),
    Case(
        id="resubscribe_before_unsubscribe",
        group="consent",
        candidates=(hot_candidate("CON-RESUB-EARLIER"),),
        events=(
            *hot_events("CON-RESUB-EARLIER"),
            event("con-resub-earlier-r", "CON-RESUB-EARLIER", "resubscribe", at(days=-3)),
            event("con-resub-earlier-u", "CON-RESUB-EARLIER", "unsubscribe", at(days=-2)),
        ),
        checks=(hot_but_disqualified("CON-RESUB-EARLIER", "unsubscribe"),),
    ),
    Case(
        id="resubscribe_after_unsubscribe_without_time",
        group="consent",
        candidates=(hot_candidate("CON-RESUB-NOTIME"),),
        events=(
            *hot_events("CON-RESUB-NOTIME"),
            event("con-resub-notime-u", "CON-RESUB-NOTIME", "unsubscribe", ""),
            event("con-resub-notime-r", "CON-RESUB-NOTIME", "opt_in", at(days=-1)),
        ),
        checks=(hot_but_disqualified("CON-RESUB-NOTIME", "unsubscribe"),),
    ),
    Case(
        id="resubscribe_a_few_hours_ahead",
        group="consent",
        candidates=(hot_candidate("CON-RESUB-FUTURE"),),
        events=(
            *hot_events("CON-RESUB-FUTURE"),
            event("con-resub-future-u", "CON-RESUB-FUTURE", "unsubscribe", at(days=-2)),
            event("con-resub-future-r", "CON-RESUB-FUTURE", "resubscribed", at(hours=3)),
        ),
        checks=(hot_but_disqualified("CON-RESUB-FUTURE", "unsubscribe"),),
    ),
    Case(
        id="resubscribe_does_not_lift_refused_consent",
        group="consent",
        candidates=(hot_candidate("CON-RESUB-REFUSED", marketing_consent="false"),),
        events=(
            *hot_events("CON-RESUB-REFUSED"),
            event("con-resub-refused-r", "CON-RESUB-REFUSED", "opted_in", at(days=-1)),
        ),
        checks=(hot_but_disqualified("CON-RESUB-REFUSED", "no_marketing_consent"),),
    ),
    Case(
        id="do_not_contact_and_unsubscribe_both_listed",
        group="consent",
        candidates=(hot_candidate("CON-BOTH", do_not_contact="1"),),
        events=(
            *hot_events("CON-BOTH"),
            event("con-both-u", "CON-BOTH", "unsubscribe", at(days=-1)),
            event("con-both-b", "CON-BOTH", "email_bounce", at(days=-1)),
        ),
        checks=(hot_but_disqualified("CON-BOTH", "do_not_contact, email_bounce, unsubscribe"),),
    ),
    Case(
        id="resubscribe_at_the_same_instant_as_unsubscribe",
        group="consent",
        candidates=(hot_candidate("CON-RESUB-SAME"),),
        events=(
            *hot_events("CON-RESUB-SAME"),
            event("con-resub-same-u", "CON-RESUB-SAME", "unsubscribe", "2026-11-20T10:00:00Z"),
            event("con-resub-same-r", "CON-RESUB-SAME", "resubscribe", "2026-11-20T12:00:00+02:00"),
        ),
        checks=(
            staged_event("con-resub-same-r", occurred_at=datetime(2026, 11, 20, 10, 0)),
            hot_but_disqualified("CON-RESUB-SAME", "unsubscribe"),
        ),
    ),
]

FEEDBACK = [
    disposition_spelling("sentence_case", "Good fit", "good_fit"),
    disposition_spelling("upper_snake_padded", " GOOD_FIT ", "good_fit"),
    disposition_spelling("kebab", "good-fit", "good_fit"),
    disposition_spelling("with_a_tick", "Good fit \u2713", "good_fit"),
    disposition_spelling("title_case", "Not a Fit", "not_a_fit"),
    disposition_spelling("upper_kebab", "NOT-A-FIT", "not_a_fit"),
    disposition_spelling("nbsp_and_tab", f"No{NBSP}response\t", "no_response"),
    disposition_spelling("snake", "no_response", "no_response"),
    # synonyms are not guessed: the recruiter's team fixes the dropdown or the mapping
    disposition_spelling("not_fit", "not fit", None),
    disposition_spelling("maybe", " Maybe ", None),
    disposition_spelling("unresponsive", "Unresponsive", None),
    Case(
        id="feedback_without_disposition",
        group="recruiter feedback",
        candidates=(candidate("FB-NODISP"),),
        feedback=(feedback("fb-nodisp", "FB-NODISP", f" {NBSP}- "),),
        checks=(
            not_staged_feedback("FB-NODISP"),
            rejected("recruiter_feedback", "FB-NODISP", ("missing_disposition", "FB-NODISP")),
        ),
    ),
    Case(
        id="feedback_without_id",
        group="recruiter feedback",
        candidates=(candidate("FB-NOID"),),
        feedback=(feedback(f"\t{NBSP} ", "FB-NOID"),),
        checks=(
            rejected("recruiter_feedback", None, ("missing_feedback_id", "FB-NOID")),
            Check(
                "select count(*) from staging.stg_recruitment__recruiter_feedback "
                "where candidate_id = ?",
                ("FB-NOID",),
                [(0,)],
            ),
        ),
    ),
    Case(
        id="feedback_all_columns_null",
        group="recruiter feedback",
        feedback=(dict.fromkeys(FEEDBACK_COLUMNS),),
        checks=(rejected("recruiter_feedback", None, ("missing_feedback_id", None)),),
    ),
    Case(
        id="feedback_reexported_with_padded_lower_case_id",
        group="recruiter feedback",
        candidates=(candidate("FB-DUP"),),
        feedback=(
            feedback("FB-DUP-1", "FB-DUP", "Good fit", given_at=at(days=-3)),
            feedback(" fb-dup-1\t", "FB-DUP", "Not a fit", given_at=at(days=-1)),
        ),
        checks=(
            staged_feedback("FB-DUP-1", disposition="good_fit"),
            rejected("recruiter_feedback", "FB-DUP-1", ("duplicate_feedback_id", "FB-DUP-1")),
        ),
    ),
    Case(
        # a float id column (pandas with missing values) writes 4410 as 4410.0
        id="feedback_id_written_as_a_float",
        group="recruiter feedback",
        candidates=(candidate("FB-FLOAT"),),
        feedback=(feedback("4410.0", "FB-FLOAT"),),
        checks=(staged_feedback("4410", candidate_id="FB-FLOAT"),),
    ),
    Case(
        id="feedback_ids_padded_lower_case_join",
        group="recruiter feedback",
        candidates=(candidate("FB-JOIN"),),
        feedback=(feedback("fb-join-1", f" fb-join{NBSP}", recruiter_id="\tr007 "),),
        checks=(
            staged_feedback("FB-JOIN-1", candidate_id="FB-JOIN", recruiter_id="R007"),
            rejected("recruiter_feedback", "FB-JOIN-1"),
        ),
    ),
    Case(
        id="feedback_without_recruiter_and_with_a_messy_reason",
        group="recruiter feedback",
        candidates=(candidate("FB-REASON"),),
        feedback=(
            feedback(
                "fb-reason-1",
                "FB-REASON",
                "Not a fit",
                recruiter_id="  ",
                reason=f"  Salary\texpectations{NBSP}above  the band ",
            ),
        ),
        checks=(
            staged_feedback(
                "FB-REASON-1",
                recruiter_id=None,
                disposition="not_a_fit",
                reason="Salary expectations above the band",
            ),
        ),
    ),
    Case(
        id="feedback_without_candidate_id",
        group="recruiter feedback",
        feedback=(feedback("fb-nocand", " "),),
        checks=(
            rejected("recruiter_feedback", "FB-NOCAND", ("missing_candidate_id", "FB-NOCAND")),
        ),
    ),
    Case(
        id="feedback_for_unknown_candidate",
        group="recruiter feedback",
        feedback=(feedback("fb-nobody", "fb-nobody-c"),),
        checks=(rejected("recruiter_feedback", "FB-NOBODY", ("unknown_candidate", "FB-NOBODY-C")),),
    ),
    Case(
        id="feedback_for_rejected_candidate",
        group="recruiter feedback",
        candidates=(candidate("FB-REJECTED", marketing_consent="perhaps"),),
        feedback=(feedback("fb-rejected", "FB-REJECTED"),),
        checks=(
            rejected("recruiter_feedback", "FB-REJECTED", ("candidate_rejected", "FB-REJECTED")),
            rejected("candidates", "FB-REJECTED", ("invalid_marketing_consent", "perhaps")),
        ),
    ),
    Case(
        id="feedback_for_an_older_version_of_the_candidate_id",
        group="recruiter feedback",
        candidates=(
            candidate("FB-VER", updated_at="2026-01-01 08:00:00"),
            candidate("fb-ver ", updated_at="2026-02-01 08:00:00"),
        ),
        feedback=(feedback("fb-ver-1", "FB-VER"),),
        checks=(staged_feedback("FB-VER-1", candidate_id="FB-VER"),),
    ),
    Case(
        id="feedback_a_few_hours_ahead",
        group="recruiter feedback",
        candidates=(candidate("FB-FUTURE"),),
        feedback=(feedback("fb-future", "FB-FUTURE", given_at=at(hours=3)),),
        checks=(
            not_staged_feedback("FB-FUTURE"),
            rejected("recruiter_feedback", "FB-FUTURE", ("given_in_future", at(hours=3))),
        ),
    ),
    Case(
        id="feedback_without_time",
        group="recruiter feedback",
        candidates=(candidate("FB-NOTIME"),),
        feedback=(feedback("fb-notime", "FB-NOTIME", given_at=f" {NBSP}"),),
        checks=(rejected("recruiter_feedback", "FB-NOTIME", ("missing_given_at", "FB-NOTIME")),),
    ),
    Case(
        id="feedback_time_day_first",
        group="recruiter feedback",
        candidates=(candidate("FB-DAYFIRST"),),
        feedback=(feedback("fb-dayfirst", "FB-DAYFIRST", given_at=" 27/11/2026 10:00"),),
        checks=(
            rejected("recruiter_feedback", "FB-DAYFIRST", ("invalid_given_at", "27/11/2026 10:00")),
        ),
    ),
    Case(
        id="feedback_times_with_offset_and_in_epoch_seconds",
        group="recruiter feedback",
        candidates=(candidate("FB-TIMES"),),
        feedback=(
            feedback("fb-times-1", "FB-TIMES", given_at="2026-03-01T12:00:00+02:00"),
            feedback("fb-times-2", "FB-TIMES", given_at="1772359200"),
            feedback("fb-times-3", "FB-TIMES", given_at="2026-03-01T10:00:00Z\r\n"),
        ),
        checks=(
            Check(
                "select feedback_id, given_at from staging.stg_recruitment__recruiter_feedback "
                "where candidate_id = ? order by feedback_id",
                ("FB-TIMES",),
                [
                    ("FB-TIMES-1", datetime(2026, 3, 1, 10, 0)),
                    ("FB-TIMES-2", datetime(2026, 3, 1, 10, 0)),
                    ("FB-TIMES-3", datetime(2026, 3, 1, 10, 0)),
                ],
            ),
        ),
    ),
    Case(
        # staging keeps the recruiter's verdict; scores read none of it
        id="not_a_fit_feedback_leaves_the_score_alone",
        group="recruiter feedback",
        candidates=(hot_candidate("FB-HOT"),),
        events=hot_events("FB-HOT"),
        feedback=(feedback("fb-hot-1", "FB-HOT", "Not a fit"),),
        checks=(staged_feedback("FB-HOT-1", disposition="not_a_fit"), on_worklist("FB-HOT")),
    ),
]

CASES: list[Case] = [
    *IDS,
    *CANDIDATE_ROWS,
    *BOOLEANS,
    *OPTIONAL_VALUES,
    *TEXT,
    *EVENTS,
    *TIMESTAMPS,
    *PLACEMENTS,
    *CONSENT,
    *FEEDBACK,
]
