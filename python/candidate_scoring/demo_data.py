"""Deterministic demo data for the candidate scoring project.

``generate_demo_data`` writes the three raw input tables of the dbt project
(``<schema>.candidates``, ``<schema>.engagement_events`` and ``<schema>.placements``)
into a DuckDB file. Everything is generated inside DuckDB over a row index (a temporary
table filled from ``range(n)``; scanning a table, unlike ``range``, runs on all threads),
so a million candidates and fifty million events fit in bounded memory.

Determinism: every pseudo-random number is a pure function of
``hash(hash(seed, row index, salt))`` (DuckDB's ``hash``), never of ``random()``; the
output therefore depends only on ``(seed, candidates, events, end_date)`` and not
on the thread count or on the physical row order (for a given DuckDB version and
platform maths library).

Candidate latent attributes (seniority, skills, company, intent, activity rank,
...) are pure functions of ``(seed, candidate index)``; the event generator
recomputes the ones it needs inline instead of joining the candidates table.

Placements follow a hidden model: a candidate's fit (seniority, experience,
in-demand skills, industry, company size) and recent intent (clean intent events
in the 90 days before ``end_date``, aggregated from the generated events) drive
the probability of a placement, and opted-out / do-not-contact candidates are
rarely placed. A good score must recover that signal through the dirt.

Clean timestamps lie in ``[end_date - 730 days, end_date]`` where ``end_date`` is
read as midnight at the start of that day; only deliberate dirt lies in the future.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

__all__ = ["GenerationSummary", "generate_demo_data"]

HISTORY_DAYS = 730
RECENT_INTENT_DAYS = 90
SECONDS_PER_DAY = 86_400
# Unknown-candidate dirt uses ids 'C9' + 7 digits (index >= 90,000,000).
MAX_CANDIDATES = 90_000_000
MAX_EVENTS = 9_999_999_999

# --- vocabularies -----------------------------------------------------------------

SENIORITY_LEVELS = ("intern", "junior", "mid", "senior", "lead", "executive")
SENIORITY_WEIGHTS = (0.03, 0.17, 0.33, 0.25, 0.14, 0.08)
# Inclusive years-of-experience range per seniority level.
YEARS_LOW = (0, 0, 2, 5, 8, 12)
YEARS_HIGH = (1, 3, 8, 15, 20, 30)
JUNIOR_WORDS = ("Junior", "Graduate", "Trainee")
LEAD_WORDS = ("Lead", "Principal", "Staff")
EXECUTIVE_WORDS = ("Head of", "Director of", "VP")
DEPARTMENTS = ("Engineering", "Data", "Product", "Sales", "Finance")

# Role -> skills typical for that role (every list holds at least six skills).
ROLE_SKILLS: dict[str, tuple[str, ...]] = {
    "Software Engineer": (
        "python",
        "java",
        "javascript",
        "typescript",
        "react",
        "aws",
        "kubernetes",
        "go",
        "sql",
    ),
    "Data Engineer": (
        "python",
        "sql",
        "spark",
        "dbt",
        "aws",
        "scala",
        "kubernetes",
        "terraform",
        "azure",
    ),
    "Data Analyst": (
        "sql",
        "excel",
        "tableau",
        "python",
        "dbt",
        "salesforce",
        "machine learning",
    ),
    "Data Scientist": (
        "python",
        "machine learning",
        "sql",
        "spark",
        "aws",
        "scala",
        "tableau",
    ),
    "DevOps Engineer": ("kubernetes", "terraform", "aws", "azure", "go", "python", "java"),
    "Product Manager": ("project management", "sql", "figma", "excel", "tableau", "salesforce"),
    "QA Engineer": ("python", "java", "javascript", "typescript", "sql", "react"),
    "UX Designer": ("figma", "javascript", "react", "project management", "excel", "typescript"),
    "Account Executive": (
        "salesforce",
        "excel",
        "project management",
        "tableau",
        "sql",
        "figma",
    ),
    "Recruiter": ("salesforce", "excel", "project management", "tableau", "figma", "sql"),
    "Accountant": ("excel", "sql", "salesforce", "tableau", "project management", "python"),
    "Registered Nurse": (
        "excel",
        "project management",
        "salesforce",
        "tableau",
        "sql",
        "python",
    ),
}
ROLES = tuple(ROLE_SKILLS)
IN_DEMAND_SKILLS = ("python", "sql", "aws", "kubernetes", "dbt", "spark", "machine learning")
SKILL_SEPARATORS = ("; ", ";", " ; ", ", ", ",", " ,", " , ")

INDUSTRIES = (
    "Software",
    "Financial Services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Telecommunications",
    "Public Sector",
    "Education",
    "Consulting",
    "Energy",
)
GOOD_INDUSTRIES = ("Software", "Financial Services", "Consulting", "Telecommunications")

# (name, industry, typical head count); each company has a fixed industry and size band.
COMPANIES: tuple[tuple[str, str, int], ...] = (
    ("Nimbus Labs", "Software", 120),
    ("Quanta Systems", "Software", 2_400),
    ("Bluefin Software", "Software", 45),
    ("Orbital Apps", "Software", 650),
    ("Pixelforge", "Software", 18),
    ("Helix Data", "Software", 1_100),
    ("Harbor Bank", "Financial Services", 35_000),
    ("Ledgerline Capital", "Financial Services", 900),
    ("Northgate Insurance", "Financial Services", 8_000),
    ("Crescent Payments", "Financial Services", 300),
    ("Meridian Health", "Healthcare", 22_000),
    ("CareBridge Clinics", "Healthcare", 1_500),
    ("Vitalis Labs", "Healthcare", 260),
    ("Urban Basket", "Retail", 12_000),
    ("Maple & Co", "Retail", 75),
    ("ShopSphere", "Retail", 3_000),
    ("Corner Goods", "Retail", 8),
    ("Summit Retail Group", "Retail", 25_000),
    ("Ironclad Industries", "Manufacturing", 5_200),
    ("Precision Parts", "Manufacturing", 420),
    ("Atlas Machinery", "Manufacturing", 60_000),
    ("Tandem Robotics", "Manufacturing", 150),
    ("Signalwave Telecom", "Telecommunications", 18_000),
    ("Fibrelink", "Telecommunications", 700),
    ("Cellnova", "Telecommunications", 90_000),
    ("Eastbrook City Council", "Public Sector", 4_500),
    ("National Records Office", "Public Sector", 15_000),
    ("Regional Transport Authority", "Public Sector", 2_600),
    ("Westfield University", "Education", 6_000),
    ("BrightPath Academy", "Education", 140),
    ("LearnLoop", "Education", 35),
    ("Sterling & Vale Consulting", "Consulting", 11_000),
    ("Northstar Advisory", "Consulting", 230),
    ("Kite Partners", "Consulting", 12),
    ("Cobalt Consulting Group", "Consulting", 1_800),
    ("Solo Studio", "Consulting", 3),
    ("Solaris Power", "Energy", 7_500),
    ("Greenfield Energy", "Energy", 380),
    ("Petrova Oil & Gas", "Energy", 40_000),
    ("Windward Renewables", "Energy", 95),
)

FIRST_NAMES = (
    "James",
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Sophie",
    "Lukas",
    "Mia",
    "Hugo",
    "Chloe",
    "Mateo",
    "Lucia",
    "Jan",
    "Zofia",
    "Sean",
    "Aoife",
    "Daan",
    "Julia",
    "Leon",
    "Hannah",
    "Oscar",
    "Amelia",
    "Pablo",
    "Elena",
    "Adam",
    "Maja",
    "Louis",
    "Ines",
    "Ethan",
    "Grace",
)
LAST_NAMES = (
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Muller",
    "Schmidt",
    "Fischer",
    "Jansen",
    "De Vries",
    "Bakker",
    "Martin",
    "Bernard",
    "Dubois",
    "Garcia",
    "Martinez",
    "Lopez",
    "Nowak",
    "Kowalski",
    "Wisniewski",
    "Murphy",
    "Kelly",
    "Walsh",
    "Johnson",
    "Williams",
    "Miller",
    "Davis",
    "Wilson",
    "Moore",
    "Clark",
    "Lewis",
)

COUNTRIES = ("GB", "DE", "NL", "FR", "US", "PL", "ES", "IE")
COUNTRY_WEIGHTS = (0.25, 0.15, 0.10, 0.10, 0.20, 0.08, 0.07, 0.05)
CITIES = (
    ("London", "Manchester", "Birmingham", "Edinburgh", "Bristol"),
    ("Berlin", "Munich", "Hamburg", "Frankfurt", "Cologne"),
    ("Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "The Hague"),
    ("Paris", "Lyon", "Toulouse", "Lille", "Nantes"),
    ("New York", "San Francisco", "Chicago", "Austin", "Boston"),
    ("Warsaw", "Krakow", "Wroclaw", "Gdansk", "Poznan"),
    ("Madrid", "Barcelona", "Valencia", "Seville", "Bilbao"),
    ("Dublin", "Cork", "Galway", "Limerick", "Waterford"),
)
SOURCE_CHANNELS = ("job_board", "linkedin", "referral", "career_site", "agency", "event")
SOURCE_CHANNEL_WEIGHTS = (0.30, 0.28, 0.10, 0.17, 0.10, 0.05)

# Event types (excluding the opt-out types) with their shares at low and high intent.
ENGAGEMENT_TYPES = (
    "career_site_visit",
    "job_offer_email_open",
    "job_offer_email_click",
    "job_offer_page_visit",
    "info_request",
    "report_download",
    "application_submitted",
)
LOW_INTENT_MIX = (30.0, 38.0, 12.0, 12.0, 2.5, 2.5, 1.5)
HIGH_INTENT_MIX = (14.0, 18.0, 8.0, 26.0, 11.0, 9.0, 13.0)
INTENT_EVENT_TYPES = (
    "job_offer_page_visit",
    "info_request",
    "report_download",
    "application_submitted",
)
OPT_OUT_TYPES = ("unsubscribe", "email_bounce")
EMAIL_EVENT_TYPES = ("job_offer_email_open", "job_offer_email_click", *OPT_OUT_TYPES)
JOB_EVENT_TYPES = (
    "job_offer_email_open",
    "job_offer_email_click",
    "job_offer_page_visit",
    "application_submitted",
)
UNKNOWN_EVENT_TYPES = ("sms_reply", "page_scroll", "chat_opened", "calendar_invite")

# Activity: ACTIVE_SHARE of candidates produce events. An event picks an activity rank
# r = active * ((s + (1 - s) u) ** k - s ** k) / (1 - s ** k): a shifted power law in
# which the top 20 % of active candidates produce ~55 % of the events and the most
# active one ~21 times the average (the shift s caps the head).
ACTIVE_SHARE = 0.8
ACTIVITY_EXPONENT = 4.0
ACTIVITY_SHIFT = 0.25
# Opt-outs: only opt-out-prone candidates unsubscribe or bounce, which keeps the
# population share of those events near 1.5 % without opting out every heavy user.
OPT_OUT_PRONE_SHARE = 0.12
OPT_OUT_EVENT_RATE = 0.13

# Hidden placement model: logit = INTERCEPT + FIT * fit + INTENT * ln(1 + recent intent)
# - OPT_OUT_PENALTY * (opted out or do not contact).
PLACEMENT_INTERCEPT = -6.2
PLACEMENT_FIT_WEIGHT = 3.5
PLACEMENT_INTENT_WEIGHT = 1.2
PLACEMENT_OPT_OUT_PENALTY = 3.5

INDEX_TABLE = "_demo_row_index"
SQL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
U53 = 9_007_199_254_740_992.0  # 2 ** 53


@dataclass(frozen=True)
class GenerationSummary:
    """What ``generate_demo_data`` wrote."""

    database_path: Path
    schema: str
    end_date: date
    row_counts: dict[str, int]  # raw table name -> rows written


# --- small SQL builders ---------------------------------------------------------------


def _lit(value: str) -> str:
    """Quote a Python string as a SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def _list(values: Sequence[str]) -> str:
    """Render a sequence of strings as a DuckDB list literal."""
    return "[" + ", ".join(_lit(v) for v in values) + "]"


def _num_list(values: Sequence[float]) -> str:
    """Render a sequence of numbers as a DuckDB list literal."""
    return "[" + ", ".join(repr(v) for v in values) + "]"


def _at(list_sql: str, index_sql: str) -> str:
    """Element of a SQL list selected by a 0-based index expression."""
    return f"{list_sql}[({index_sql}) + 1]"


def _cumulative(weights: Sequence[float]) -> list[float]:
    """Normalised cumulative thresholds of ``weights`` (the last one is dropped)."""
    total = float(sum(weights))
    out, acc = [], 0.0
    for weight in weights[:-1]:
        acc += weight / total
        out.append(round(acc, 12))
    return out


def _weighted(u_sql: str, values_sql: Sequence[str], weights: Sequence[float]) -> str:
    """CASE expression picking ``values_sql[k]`` with probability ``weights[k]``."""
    whens = " ".join(
        f"WHEN {u_sql} < {t!r} THEN {v}"
        for t, v in zip(_cumulative(weights), values_sql, strict=False)
    )
    return f"CASE {whens} ELSE {values_sql[-1]} END"


def _interpolated(
    u_sql: str,
    x_sql: str,
    values_sql: Sequence[str],
    low: Sequence[float],
    high: Sequence[float],
) -> str:
    """Weighted CASE whose weights move linearly from ``low`` (x=0) to ``high`` (x=1)."""
    whens = " ".join(
        f"WHEN {u_sql} < (1 - {x_sql}) * {lo!r} + {x_sql} * {hi!r} THEN {v}"
        for lo, hi, v in zip(_cumulative(low), _cumulative(high), values_sql, strict=False)
    )
    return f"CASE {whens} ELSE {values_sql[-1]} END"


def _initcap(sql: str) -> str:
    """SQL capitalising each '_'-separated word ('job_offer' -> 'Job_Offer')."""
    return (
        f"array_to_string(list_transform(string_split({sql}, '_'), "
        f"lambda w: upper(w[1]) || w[2:]), '_')"
    )


@dataclass(frozen=True)
class _Rng:
    """SQL expressions for pseudo-random numbers derived from ``hash(seed, key, salt)``."""

    seed: int

    def mix(self, *parts: str) -> str:
        """UBIGINT ``hash(hash(seed, *parts))``.

        DuckDB combines the hashes of several arguments with a cheap XOR-like step, so
        ``hash(seed, i, 'a')`` and ``hash(seed, i, 'b')`` are strongly correlated; hashing
        the result once more decorrelates the streams of different salts.
        """
        return f"hash(hash({self.seed}::BIGINT, {', '.join(parts)}))"

    def hash(self, key: str, salt: str) -> str:
        """UBIGINT hash of (seed, key, salt); key is cast to BIGINT so types never matter."""
        return self.mix(f"({key})::BIGINT", _lit(salt))

    def u(self, key: str, salt: str) -> str:
        """Uniform DOUBLE in [0, 1) with 53 bits of resolution."""
        return f"(({self.hash(key, salt)} >> 11)::DOUBLE / {U53!r})"

    def below(self, key: str, salt: str, n: int | str) -> str:
        """Uniform BIGINT in [0, n)."""
        return f"({self.hash(key, salt)} % ({n}))::BIGINT"

    def normal(self, key: str, salt: str) -> str:
        """Standard normal DOUBLE (Box-Muller over two hashed uniforms)."""
        u1 = f"({self.u(key, salt + ':a')} + {0.5 / U53!r})"
        u2 = self.u(key, salt + ":b")
        return f"(sqrt(-2 * ln({u1})) * cos(2 * pi() * {u2}))"

    def forced(self, table: str, slot: int, n_rows: int) -> str:
        """Row index that always receives dirt kind ``slot`` (so small data has every kind)."""
        if n_rows <= 0:
            return "-1"
        return f"(({self.mix(_lit(table))} % {n_rows} + {slot}) % {n_rows})"

    def dirt(
        self,
        key: str,
        u: str,
        table: str,
        n_rows: int,
        kinds: Sequence[tuple[str, float, int | None]],
    ) -> str:
        """CASE naming the dirt kind of a row, or NULL for clean rows.

        ``u`` is a column holding a uniform draw of the row. ``kinds`` holds (name, rate,
        forced slot or None); rates are exclusive bands of ``u``, and a kind with a slot is
        also forced onto one row of the table (so small tables show every kind).
        """
        forced = [
            f"WHEN ({key}) = {self.forced(table, slot, n_rows)} THEN {_lit(name)}"
            for name, _, slot in kinds
            if slot is not None
        ]
        bands, acc = [], 0.0
        for name, rate, _ in kinds:
            acc += rate
            bands.append(f"WHEN {u} < {acc!r} THEN {_lit(name)}")
        return f"CASE {' '.join(forced + bands)} ELSE NULL END"


# --- row index ------------------------------------------------------------------------


def _candidate_extra_rows(n: int) -> tuple[int, int]:
    """Rows without candidate_id (~0.1 %) and exact duplicate rows (~1 %), at least one each."""
    return max(1, round(n * 0.001)), max(1, round(n * 0.01))


def _event_duplicates(events: int) -> int:
    """Re-sent (exact duplicate) events: ~1.5 %, at least one when there are events."""
    return max(1, round(events * 0.015)) if events else 0


def _create_row_index(con: duckdb.DuckDBPyConnection, candidates: int, events: int) -> None:
    """Temporary table ``j = 0..size-1`` large enough for every generated table."""
    size = max(
        candidates + sum(_candidate_extra_rows(candidates)), events + _event_duplicates(events)
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {INDEX_TABLE} AS SELECT range AS j FROM range({size})"
    )


# --- candidates -----------------------------------------------------------------------


def _seniority_sql(u_sql: str) -> str:
    """Seniority level 0..5 (intern..executive) from a uniform."""
    return _weighted(u_sql, [str(k) for k in range(len(SENIORITY_LEVELS))], SENIORITY_WEIGHTS)


def _title_sql(seniority: str, role: str, word: str, department: str) -> str:
    """Job title from seniority level, role index, title-word index and department index."""
    role_name = _at(_list(ROLES), role)
    return (
        f"CASE {seniority} "
        f"WHEN 0 THEN 'Intern ' || {role_name} "
        f"WHEN 1 THEN {_at(_list(JUNIOR_WORDS), word)} || ' ' || {role_name} "
        f"WHEN 2 THEN {role_name} "
        f"WHEN 3 THEN 'Senior ' || {role_name} "
        f"WHEN 4 THEN {_at(_list(LEAD_WORDS), word)} || ' ' || {role_name} "
        f"ELSE {_at(_list(EXECUTIVE_WORDS), word)} || ' ' || {_at(_list(DEPARTMENTS), department)} "
        f"END"
    )


def _candidate_uniforms_sql(rng: _Rng, source_sql: str) -> str:
    """Layer 1 of the candidate latent model: hashed draws per candidate index ``i``."""
    span = HISTORY_DAYS * SECONDS_PER_DAY
    return f"""
        SELECT src.*,
            {_seniority_sql(rng.u("i", "seniority"))} AS seniority,
            {rng.below("i", "role", len(ROLES))} AS role,
            {rng.below("i", "title_word", 3)} AS title_word,
            {rng.below("i", "department", len(DEPARTMENTS))} AS department,
            {rng.u("i", "years")} AS u_years,
            1 + {rng.below("i", "skill_count", 6)} AS skill_count,
            {rng.below("i", "skill_start", 1_000_003)} AS skill_start,
            {rng.u("i", "skill_case")} < 0.15 AS skill_case,
            {rng.below("i", "skill_separator", len(SKILL_SEPARATORS))} AS skill_separator,
            {rng.below("i", "company", len(COMPANIES))} AS company,
            {rng.normal("i", "company_size")} AS z_size,
            {rng.normal("i", "company_revenue")} AS z_revenue,
            {
        _weighted(rng.u("i", "country"), [str(k) for k in range(len(COUNTRIES))], COUNTRY_WEIGHTS)
    } AS country_idx,
            {rng.below("i", "city", 5)} AS city_idx,
            {
        _weighted(
            rng.u("i", "source_channel"), [_lit(c) for c in SOURCE_CHANNELS], SOURCE_CHANNEL_WEIGHTS
        )
    } AS source_channel,
            {rng.u("i", "marketing_consent")} < 0.90 AS marketing_consent,
            {rng.u("i", "do_not_contact")} < 0.03 AS do_not_contact,
            floor({rng.u("i", "created")} * {span})::BIGINT AS created_off,
            {rng.u("i", "updated")} AS u_updated,
            {rng.below("i", "first_name", len(FIRST_NAMES))} AS first_name_idx,
            {rng.below("i", "last_name", len(LAST_NAMES))} AS last_name_idx
        FROM ({source_sql}) AS src
    """


def _candidate_latent_sql(rng: _Rng, source_sql: str, end_ts: str) -> str:
    """Clean latent candidate attributes for every ``i`` of ``source_sql``.

    Pure functions of (seed, i); used for the candidates table and the placement model.
    """
    role_skills = "[" + ", ".join(_list(ROLE_SKILLS[r]) for r in ROLES) + "]"
    skill_list = f"{role_skills}[role + 1]"
    sizes = _num_list([float(c[2]) for c in COMPANIES])
    return f"""
        SELECT l1.*,
            {_num_list(YEARS_LOW)}[seniority + 1]
                + floor(u_years * ({_num_list(YEARS_HIGH)}[seniority + 1]
                                   - {_num_list(YEARS_LOW)}[seniority + 1] + 1))::INTEGER
                AS years,
            list_slice({skill_list} || {skill_list}, skill_start % len({skill_list}) + 1,
                       skill_start % len({skill_list}) + skill_count) AS skill_list,
            {_at(_list([c[0] for c in COMPANIES]), "company")} AS company_name,
            {_at(_list([c[1] for c in COMPANIES]), "company")} AS industry,
            greatest(1, least(100000, round({sizes}[company + 1] * exp(0.35 * z_size))))::INTEGER
                AS company_size,
            {_at(_list(COUNTRIES), "country_idx")} AS country,
            {_cities_sql()}[country_idx + 1][city_idx + 1] AS city,
            {_at(_list(FIRST_NAMES), "first_name_idx")} AS first_name,
            {_at(_list(LAST_NAMES), "last_name_idx")} AS last_name,
            {end_ts} - to_seconds(created_off) AS created_at,
            floor(created_off * u_updated)::BIGINT AS updated_delta
        FROM ({_candidate_uniforms_sql(rng, source_sql)}) AS l1
    """


def _cities_sql() -> str:
    """Nested list literal of cities per country."""
    return "[" + ", ".join(_list(cities) for cities in CITIES) + "]"


def _fit_sql() -> str:
    """Hidden fit in [0, 1] from clean latent columns (see module docstring)."""
    seniority_score = _num_list([0.10, 0.35, 0.70, 1.0, 1.0, 0.35])
    in_demand = (
        f"len(list_filter(skill_list, lambda s: list_contains({_list(IN_DEMAND_SKILLS)}, s)))"
    )
    return f"""(
        0.30 * {seniority_score}[seniority + 1]
        + 0.20 * CASE WHEN years BETWEEN 5 AND 15 THEN 1.0
                      WHEN years BETWEEN 3 AND 20 THEN 0.6 ELSE 0.2 END
        + 0.25 * least({in_demand}, 4) / 4.0
        + 0.15 * CASE WHEN industry IN ({", ".join(_lit(x) for x in GOOD_INDUSTRIES)})
                      THEN 1.0 ELSE 0.3 END
        + 0.10 * CASE WHEN company_size BETWEEN 50 AND 5000 THEN 1.0 ELSE 0.4 END
    )"""


def _years_raw_sql(rng: _Rng) -> str:
    """years_experience as exported text, with whitespace and dirt (column ``years_kind``)."""
    y = "years::VARCHAR"
    pad = _at(f"[' ' || {y}, {y} || ' ', ' ' || {y} || ' ']", rng.below("i", "years_pad", 3))
    return f"""CASE years_kind
            WHEN 'null' THEN NULL
            WHEN 'na' THEN {_at(_list(("n/a", "unknown")), rng.below("i", "years_na", 2))}
            WHEN 'negative' THEN '-' || (1 + {rng.below("i", "years_negative", 5)})::VARCHAR
            WHEN 'padded' THEN {pad}
            ELSE {y} END"""


def _skills_raw_sql(rng: _Rng) -> str:
    """skills as exported text: separators with random spacing, random case for ~15 %."""
    case_variant = f"{rng.mix('i::BIGINT', 'k::BIGINT', _lit('skill_case_variant'))} % 3"
    element = (
        f"CASE WHEN NOT skill_case THEN s WHEN {case_variant} = 0 THEN upper(s) "
        f"WHEN {case_variant} = 1 THEN upper(s[1]) || s[2:] ELSE s END"
    )
    # array_to_string needs a constant separator: join with chr(1), then substitute.
    return (
        f"replace(array_to_string(list_transform(skill_list, lambda s, k: {element}), chr(1)), "
        f"chr(1), {_list(SKILL_SEPARATORS)}[skill_separator + 1])"
    )


def _industry_raw_sql(rng: _Rng) -> str:
    """Industry with inconsistent case and spacing for the 'messy' rows."""
    variant = rng.below("i", "industry_variant", 5)
    return f"""CASE {variant}
            WHEN 0 THEN upper(industry)
            WHEN 1 THEN lower(industry)
            WHEN 2 THEN '  ' || industry
            WHEN 3 THEN industry || ' '
            ELSE CASE WHEN contains(industry, ' ') THEN replace(industry, ' ', '  ')
                      ELSE ' ' || industry || ' ' END END"""


def _candidate_rows_sql(rng: _Rng, n: int, n_null: int, n_dup: int, end_ts: str) -> str:
    """Current candidate rows, ``n_null`` extra rows without id and ``n_dup`` exact copies."""
    rows = n + n_null
    source = f"""
        SELECT CASE WHEN j < {rows} THEN j ELSE {rng.below("j", "candidate_duplicate", n)} END
            AS i
        FROM {INDEX_TABLE} WHERE j < {rows + n_dup}
    """
    table = "candidates"
    years_kind = rng.dirt(
        "i",
        "u_years_dirt",
        table,
        rows,
        [
            ("null", 0.03, 0),
            ("na", 0.005, 1),
            ("negative", 0.002, 2),
            ("padded", 0.06, 3),
        ],
    )
    skills_kind = rng.dirt("i", "u_skills_dirt", table, rows, [("null", 0.02, 4)])
    size_kind = rng.dirt("i", "u_size_dirt", table, rows, [("null", 0.03, 5)])
    industry_kind = rng.dirt(
        "i",
        "u_industry_dirt",
        table,
        rows,
        [
            ("null", 0.03, 6),
            ("messy", 0.15, 7),
        ],
    )
    revenue_kind = rng.dirt("i", "u_revenue_dirt", table, rows, [("null", 0.05, 8)])
    dirt_draws = ", ".join(
        f"{rng.u('i', name)} AS u_{name}"
        for name in ("years_dirt", "skills_dirt", "size_dirt", "industry_dirt", "revenue_dirt")
    )
    return f"""
        SELECT
            CASE WHEN i < {n} THEN 'C' || lpad(i::VARCHAR, 8, '0') END AS candidate_id,
            lower(replace(first_name || '.' || last_name, ' ', '')) || '.' || i::VARCHAR
                || '@example.com' AS email,
            first_name || ' ' || last_name AS full_name,
            {_title_sql("seniority", "role", "title_word", "department")} AS job_title,
            {_years_raw_sql(rng)} AS years_experience,
            CASE WHEN skills_kind IS NULL THEN {_skills_raw_sql(rng)} END AS skills,
            company_name AS current_company,
            CASE WHEN size_kind IS NULL THEN company_size END AS company_size,
            CASE industry_kind WHEN 'null' THEN NULL WHEN 'messy' THEN {_industry_raw_sql(rng)}
                ELSE industry END AS industry,
            CASE WHEN revenue_kind IS NULL
                 THEN round(company_size * 150000.0 * exp(0.5 * z_revenue)) END
                AS company_revenue,
            country, city, source_channel, marketing_consent, do_not_contact,
            created_at,
            created_at + to_seconds(updated_delta) AS updated_at
        FROM (
            SELECT *,
                {years_kind} AS years_kind, {skills_kind} AS skills_kind,
                {size_kind} AS size_kind, {industry_kind} AS industry_kind,
                {revenue_kind} AS revenue_kind
            FROM (SELECT *, {dirt_draws} FROM ({_candidate_latent_sql(rng, source, end_ts)}))
        ) AS latent
    """


def _older_version_sql(rng: _Rng, n: int, end_ts: str) -> str:
    """Older versions (before a promotion) for ~3 % of candidates: earlier updated_at."""
    source = f"SELECT j AS i FROM {INDEX_TABLE} WHERE j < {n}"
    old_years = f"(years - 1 - floor({rng.u('i', 'old_years')} * least(3, years - 1)))::INTEGER"
    old_word = rng.below("i", "old_title_word", 3)
    return f"""
        SELECT
            'C' || lpad(i::VARCHAR, 8, '0') AS candidate_id,
            lower(replace(first_name || '.' || last_name, ' ', '')) || '.' || i::VARCHAR
                || '@example.com' AS email,
            first_name || ' ' || last_name AS full_name,
            {_title_sql("seniority - 1", "role", old_word, "department")} AS job_title,
            {old_years}::VARCHAR AS years_experience,
            array_to_string(skill_list, ', ') AS skills,
            company_name AS current_company,
            company_size,
            industry,
            round(company_size * 150000.0 * exp(0.5 * z_revenue)) AS company_revenue,
            country, city, source_channel, marketing_consent, do_not_contact,
            created_at,
            created_at + to_seconds(floor(updated_delta * 0.5 * {rng.u("i", "old_updated")})
                                    ::BIGINT) AS updated_at
        FROM ({_candidate_latent_sql(rng, source, end_ts)}) AS latent
        WHERE seniority >= 2 AND updated_delta >= {SECONDS_PER_DAY}
          AND {rng.u("i", "older_version")} < 0.0375
    """


def _create_candidates(
    con: duckdb.DuckDBPyConnection, rng: _Rng, schema: str, n: int, end_ts: str
) -> None:
    """Create ``<schema>.candidates``."""
    n_null, n_dup = _candidate_extra_rows(n)
    con.execute(f"""
        CREATE OR REPLACE TABLE "{schema}".candidates AS
        SELECT candidate_id::VARCHAR AS candidate_id, email::VARCHAR AS email,
               full_name::VARCHAR AS full_name, job_title::VARCHAR AS job_title,
               years_experience::VARCHAR AS years_experience, skills::VARCHAR AS skills,
               current_company::VARCHAR AS current_company, company_size::INTEGER AS company_size,
               industry::VARCHAR AS industry, company_revenue::DOUBLE AS company_revenue,
               country::VARCHAR AS country, city::VARCHAR AS city,
               source_channel::VARCHAR AS source_channel,
               marketing_consent::BOOLEAN AS marketing_consent,
               do_not_contact::BOOLEAN AS do_not_contact,
               created_at::TIMESTAMP AS created_at, updated_at::TIMESTAMP AS updated_at
        FROM (
            {_candidate_rows_sql(rng, n, n_null, n_dup, end_ts)}
            UNION ALL
            {_older_version_sql(rng, n, end_ts)}
        )
    """)


# --- engagement events ------------------------------------------------------------------


def _activity_permutation(n: int, seed: int) -> tuple[int, int]:
    """Multiplier and offset of the bijection rank -> candidate index ``(a*r + b) % n``."""
    a = int(n * 0.6180339887) + 1 + seed % 997
    while math.gcd(a, n) != 1:
        a += 1
    return a, seed % n


def _event_draws_sql(rng: _Rng, n: int, events: int, n_dup: int) -> str:
    """Per-event draws: candidate (via activity rank) and the candidate's latent intent."""
    active = max(1, math.ceil(n * ACTIVE_SHARE))
    a, b = _activity_permutation(n, rng.seed)
    k, s = ACTIVITY_EXPONENT, ACTIVITY_SHIFT
    shifted = f"pow({s!r} + {1 - s!r} * {rng.u('e', 'who')}, {k!r})"
    rank = f"least({active - 1}, floor({active} * ({shifted} - {s**k!r}) / {1 - s**k!r}))::BIGINT"
    e_draws = ", ".join(
        f"{rng.u('e', name)} AS u_{name}"
        for name in (
            "event_type",
            "opt_out",
            "occurred",
            "channel",
            "type_dirt",
            "candidate_dirt",
            "time_dirt",
        )
    )
    return f"""
        SELECT e, ci, {e_draws},
            {rng.u("ci", "intent")} AS intent,
            {rng.u("ci", "opt_out_prone")} < {OPT_OUT_PRONE_SHARE!r} AS opt_out_prone,
            floor({rng.u("ci", "created")} * {HISTORY_DAYS * SECONDS_PER_DAY})::BIGINT
                AS created_off
        FROM (
            SELECT e, ({a} * {rank} + {b}) % {n} AS ci
            FROM (
                SELECT CASE WHEN j < {events} THEN j
                            ELSE {rng.below("j", "event_duplicate", max(events, 1))} END AS e
                FROM {INDEX_TABLE} WHERE j < {events + n_dup}
            )
        )
    """


def _event_type_sql(rng: _Rng) -> str:
    """Clean event type: opt-outs for opt-out-prone candidates, else an intent-shifted mix."""
    x = "(intent * intent)"
    mix = _interpolated(
        "u_event_type",
        x,
        [_lit(t) for t in ENGAGEMENT_TYPES],
        LOW_INTENT_MIX,
        HIGH_INTENT_MIX,
    )
    u_opt = "u_opt_out"
    rate = f"({OPT_OUT_EVENT_RATE!r} * (1 - 0.4 * {x}))"
    return f"""CASE
            WHEN opt_out_prone AND {u_opt} < {rate} * 0.47 THEN 'unsubscribe'
            WHEN opt_out_prone AND {u_opt} < {rate} THEN 'email_bounce'
            ELSE {mix} END"""


def _clean_events_sql(rng: _Rng, n: int, events: int, n_dup: int) -> str:
    """Clean events: type, time offset before end (skewed recent for high intent), job."""
    offset = "floor(created_off * pow(u_occurred, 1 + 4 * intent * intent))"
    n_jobs = min(999_999, max(200, n // 2))
    job = f"{rng.mix('ci::BIGINT', rng.below('e', 'job_slot', 4), _lit('job'))} % {n_jobs}"
    return f"""
        SELECT e, ci, event_type, offset_s, u_type_dirt, u_candidate_dirt, u_time_dirt,
            CASE WHEN event_type IN ({", ".join(_lit(t) for t in JOB_EVENT_TYPES)})
                 THEN 'J' || lpad(({job})::VARCHAR, 6, '0') END AS job_id,
            CASE WHEN event_type IN ({", ".join(_lit(t) for t in EMAIL_EVENT_TYPES)})
                 THEN 'email'
                 WHEN u_channel < 0.7 THEN 'web' ELSE 'mobile_app' END AS channel
        FROM (
            SELECT *, {_event_type_sql(rng)} AS event_type, {offset}::BIGINT AS offset_s
            FROM ({_event_draws_sql(rng, n, events, n_dup)})
        )
    """


def _event_type_dirt_sql(rng: _Rng, kind: str) -> str:
    """event_type with unknown values and inconsistent case / spacing."""
    unknown = _at(_list(UNKNOWN_EVENT_TYPES), rng.below("e", "unknown_type", 4))
    variant = rng.below("e", "type_case_variant", 5)
    return f"""CASE {kind}
            WHEN 'unknown' THEN {unknown}
            WHEN 'case' THEN CASE {variant}
                WHEN 0 THEN upper(event_type)
                WHEN 1 THEN ' ' || {_initcap("event_type")}
                WHEN 2 THEN event_type || ' '
                WHEN 3 THEN '  ' || upper(event_type)
                ELSE {_initcap("event_type")} || ' ' END
            ELSE event_type END"""


def _create_events(
    con: duckdb.DuckDBPyConnection, rng: _Rng, schema: str, n: int, events: int, end_ts: str
) -> None:
    """Create ``<schema>.engagement_events`` (``events`` clean rows plus ~1.5 % re-sends)."""
    n_dup = _event_duplicates(events)
    table = "engagement_events"
    type_kind = rng.dirt(
        "e",
        "u_type_dirt",
        table,
        events,
        [
            ("unknown", 0.003, 0),
            ("case", 0.05, 1),
        ],
    )
    candidate_kind = rng.dirt(
        "e",
        "u_candidate_dirt",
        table,
        events,
        [
            ("unknown", 0.003, 2),
            ("null", 0.0005, 3),
        ],
    )
    time_kind = rng.dirt(
        "e",
        "u_time_dirt",
        table,
        events,
        [
            ("future", 0.001, 4),
            ("null", 0.0005, 5),
        ],
    )
    unknown_candidate = (
        f"'C9' || lpad({rng.below('e', 'unknown_candidate', 10_000_000)}::VARCHAR, 7, '0')"
    )
    future = (
        f"{end_ts} + to_seconds({SECONDS_PER_DAY} + "
        f"floor({rng.u('e', 'future')} * {364 * SECONDS_PER_DAY})::BIGINT)"
    )
    con.execute(f"""
        CREATE OR REPLACE TABLE "{schema}".engagement_events AS
        SELECT
            ('E' || lpad(e::VARCHAR, 10, '0'))::VARCHAR AS event_id,
            (CASE candidate_kind WHEN 'unknown' THEN {unknown_candidate}
                 WHEN 'null' THEN NULL
                 ELSE 'C' || lpad(ci::VARCHAR, 8, '0') END)::VARCHAR AS candidate_id,
            ({_event_type_dirt_sql(rng, "type_kind")})::VARCHAR AS event_type,
            (CASE time_kind WHEN 'future' THEN {future} WHEN 'null' THEN NULL
                 ELSE {end_ts} - to_seconds(offset_s) END)::TIMESTAMP AS occurred_at,
            (CASE WHEN type_kind IS DISTINCT FROM 'unknown' THEN job_id END)::VARCHAR
                AS job_id,
            channel::VARCHAR AS channel
        FROM (
            SELECT *, {type_kind} AS type_kind, {candidate_kind} AS candidate_kind,
                {time_kind} AS time_kind
            FROM ({_clean_events_sql(rng, n, events, n_dup)})
        )
    """)


# --- placements ----------------------------------------------------------------------------


def _event_features_sql(schema: str, end_ts: str) -> str:
    """Per-candidate facts aggregated from the generated (dirty) events, cleaned."""
    intent_types = ", ".join(_lit(t) for t in INTENT_EVENT_TYPES)
    opt_out_types = ", ".join(_lit(t) for t in OPT_OUT_TYPES)
    day = "INTERVAL 1 DAY"
    return f"""
        SELECT candidate_id,
            count(DISTINCT event_id) FILTER (
                WHERE t IN ({intent_types})
                  AND occurred_at >= {end_ts} - {RECENT_INTENT_DAYS} * {day}) AS recent_intent,
            count(*) FILTER (WHERE t IN ({opt_out_types})) > 0 AS opted_out,
            max({{'at': occurred_at, 'job': job_id}})
                FILTER (WHERE t = 'application_submitted') AS last_application,
            max({{'at': occurred_at, 'job': job_id}}) FILTER (
                WHERE t = 'application_submitted'
                  AND occurred_at BETWEEN {end_ts} - 180 * {day} AND {end_ts} - 14 * {day})
                AS placeable_application
        FROM (
            SELECT candidate_id, event_id, job_id, occurred_at,
                   lower(trim(event_type)) AS t
            FROM "{schema}".engagement_events
            WHERE candidate_id IS NOT NULL AND occurred_at IS NOT NULL
              AND occurred_at <= {end_ts}
        )
        GROUP BY candidate_id
    """


def _scored_candidates_sql(rng: _Rng, schema: str, n: int, end_ts: str) -> str:
    """Every candidate with fit, recent intent, placement probability and outcome draw."""
    source = f"SELECT j AS i FROM {INDEX_TABLE} WHERE j < {n}"
    logit = (
        f"{PLACEMENT_INTERCEPT!r} + {PLACEMENT_FIT_WEIGHT!r} * fit"
        f" + {PLACEMENT_INTENT_WEIGHT!r} * ln(1 + recent_intent)"
        f" - {PLACEMENT_OPT_OUT_PENALTY!r} * (opted_out OR do_not_contact)::INTEGER"
    )
    return f"""
        SELECT *, {rng.u("i", "placed")} < 1 / (1 + exp(-({logit}))) AS placed
        FROM (
            SELECT latent.i, latent.candidate_id, latent.do_not_contact, {_fit_sql()} AS fit,
                coalesce(ev.recent_intent, 0) AS recent_intent,
                coalesce(ev.opted_out, false) AS opted_out,
                ev.last_application, ev.placeable_application
            FROM (
                SELECT *, 'C' || lpad(i::VARCHAR, 8, '0') AS candidate_id
                FROM ({_candidate_latent_sql(rng, source, end_ts)})
            ) AS latent
            LEFT JOIN ({_event_features_sql(schema, end_ts)}) AS ev USING (candidate_id)
        )
    """


def _clean_placements_sql(rng: _Rng, schema: str, n: int, end_ts: str) -> str:
    """One row per placed candidate and per most non-placed applicants."""
    day = SECONDS_PER_DAY
    synthetic_applied = (
        f"{end_ts} - to_seconds(floor((14 + 166 * {rng.u('i', 'applied')}) * {day})::BIGINT)"
    )
    synthetic_job = f"'J' || lpad({rng.below('i', 'placement_job', 999_999)}::VARCHAR, 6, '0')"
    placed_gap = (
        f"to_seconds(floor(14 * {day} + {rng.u('i', 'placed_gap')} * (least(60 * {day}, "
        f"epoch({end_ts}) - epoch(applied_at)) - 14 * {day}))::BIGINT)"
    )
    age_days = f"date_diff('day', last_application.at, {end_ts})"
    u_status = rng.u("i", "status")
    recent_status = _weighted(
        u_status, ["'in_process'", "'offered'", "'withdrawn'"], [0.75, 0.15, 0.10]
    )
    old_status = _weighted(
        u_status,
        ["'rejected'", "'withdrawn'", "'offered'", "'in_process'"],
        [0.65, 0.25, 0.04, 0.06],
    )
    return f"""
        WITH scored AS ({_scored_candidates_sql(rng, schema, n, end_ts)}),
        placed AS (
            SELECT i, candidate_id, job_id, applied_at, applied_at + {placed_gap} AS placed_at,
                   'placed' AS status
            FROM (
                SELECT i, candidate_id,
                    coalesce(placeable_application.job, {synthetic_job}) AS job_id,
                    coalesce(placeable_application.at, {synthetic_applied}) AS applied_at
                FROM scored WHERE placed
            )
        )
        SELECT * FROM placed
        UNION ALL
        SELECT i, candidate_id,
            coalesce(last_application.job, {synthetic_job}) AS job_id,
            last_application.at AS applied_at, NULL::TIMESTAMP AS placed_at,
            CASE WHEN {age_days} <= 21 THEN {recent_status} ELSE {old_status} END AS status
        FROM scored
        WHERE NOT placed AND last_application IS NOT NULL
          AND {rng.u("i", "application_row")} < 0.85
    """


def _create_placements(
    con: duckdb.DuckDBPyConnection, rng: _Rng, schema: str, n: int, end_ts: str
) -> None:
    """Create ``<schema>.placements`` with its dirt (exact counts, at least one of each)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _placements_clean AS "
        f"{_clean_placements_sql(rng, schema, n, end_ts)}"
    )
    rows = con.execute("SELECT count(*) FROM _placements_clean").fetchone()[0]

    def k(rate: float) -> int:
        """Number of rows receiving a dirt kind (at least one)."""
        return max(1, round(rows * rate))

    def ranked(salt: str, partition: str = "NULL") -> str:
        """Deterministic random rank of a row within ``partition``."""
        return f"row_number() OVER (PARTITION BY {partition} ORDER BY {rng.hash('i', salt)}, i)"

    status_variant = rng.below("i", "status_case_variant", 4)
    messy_status = f"""CASE {status_variant}
        WHEN 0 THEN upper(status[1]) || status[2:] || ' '
        WHEN 1 THEN upper(status)
        WHEN 2 THEN ' ' || status
        ELSE upper(status) || ' ' END"""
    before = (
        f"applied_at - to_seconds(floor((1 + 29 * {rng.u('i', 'before')}) * {SECONDS_PER_DAY})"
        "::BIGINT)"
    )
    unknown_candidate = (
        f"'C9' || lpad({rng.below('i', 'unknown_candidate', 10_000_000)}::VARCHAR, 7, '0')"
    )
    con.execute(f"""
        CREATE OR REPLACE TABLE "{schema}".placements AS
        WITH ranked AS (
            SELECT *,
                {ranked("ghosted", "status = 'placed'")} AS r_ghosted,
                {ranked("placed_before", "status = 'placed'")} AS r_before,
                {ranked("status_case")} AS r_case,
                {ranked("unknown_candidate")} AS r_unknown,
                {ranked("duplicate")} AS r_duplicate
            FROM _placements_clean
        ),
        dirty AS (
            SELECT i, r_unknown, r_duplicate, candidate_id, job_id, applied_at,
                CASE WHEN status = 'placed' AND r_before <= {k(0.003)} THEN {before}
                     ELSE placed_at END AS placed_at,
                CASE WHEN status <> 'placed' AND r_ghosted <= {k(0.003)} THEN 'ghosted'
                     WHEN r_case <= {k(0.005)} THEN {messy_status}
                     ELSE status END AS status
            FROM ranked
        ),
        with_unknown AS (
            SELECT i, r_duplicate, candidate_id, job_id, applied_at, placed_at, status FROM dirty
            UNION ALL
            SELECT -1 - i, NULL, {unknown_candidate}, job_id, applied_at, placed_at, status
            FROM dirty WHERE r_unknown <= {k(0.005)}
        )
        SELECT candidate_id::VARCHAR AS candidate_id, job_id::VARCHAR AS job_id,
               applied_at::TIMESTAMP AS applied_at, placed_at::TIMESTAMP AS placed_at,
               status::VARCHAR AS status
        FROM with_unknown
        UNION ALL
        SELECT candidate_id, job_id, applied_at, placed_at, status
        FROM with_unknown WHERE r_duplicate <= {k(0.01)}
    """)
    con.execute("DROP TABLE _placements_clean")


# --- entry point ------------------------------------------------------------------------------


def _validate(candidates: int, events: int, seed: int, schema: str, threads: int | None) -> None:
    """Raise ValueError for arguments the generator cannot honour."""
    if isinstance(candidates, bool) or not isinstance(candidates, int) or candidates < 1:
        raise ValueError(f"candidates must be an integer >= 1, got {candidates!r}")
    if candidates > MAX_CANDIDATES:
        raise ValueError(f"candidates must be <= {MAX_CANDIDATES:,}, got {candidates:,}")
    if isinstance(events, bool) or not isinstance(events, int) or events < 0:
        raise ValueError(f"events must be an integer >= 0, got {events!r}")
    if events > MAX_EVENTS:
        raise ValueError(f"events must be <= {MAX_EVENTS:,}, got {events:,}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not -(2**63) <= seed < 2**63:
        raise ValueError(f"seed must be a 64-bit signed integer, got {seed!r}")
    if not SQL_NAME.match(schema):
        raise ValueError(f"schema must be a plain SQL identifier, got {schema!r}")
    if threads is not None and (isinstance(threads, bool) or threads < 1):
        raise ValueError(f"threads must be an integer >= 1 or None, got {threads!r}")


def _connect(path: Path, memory_limit: str, threads: int | None) -> duckdb.DuckDBPyConnection:
    """Open the database with bounded memory and a spill directory next to the file."""
    config: dict[str, str | int | bool] = {
        "memory_limit": memory_limit,
        "preserve_insertion_order": False,
        "temp_directory": str(path.with_name(path.name + ".tmp")),
    }
    if threads is not None:
        config["threads"] = threads
    con = duckdb.connect(str(path), config=config)
    con.execute("SET enable_progress_bar = false")
    return con


def generate_demo_data(
    database_path: str | Path,
    *,
    candidates: int = 5_000,
    events: int = 100_000,
    seed: int = 42,
    end_date: date | None = None,
    schema: str = "raw",
    memory_limit: str = "4GB",
    threads: int | None = None,
) -> GenerationSummary:
    """Write deterministic demo raw tables into the DuckDB file at ``database_path``.

    Creates ``schema`` if missing and replaces ``candidates``, ``engagement_events`` and
    ``placements``. ``events`` is the number of clean events; dirt adds ~1.5 % re-sent
    duplicates. Data spans the 730 days before ``end_date`` (default: today, UTC).
    """
    _validate(candidates, events, seed, schema, threads)
    if isinstance(end_date, datetime):
        end_date = end_date.date()
    end = end_date or datetime.now(UTC).date()
    end_ts = f"TIMESTAMP '{end.isoformat()} 00:00:00'"
    path = Path(database_path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir = path.with_name(path.name + ".tmp")
    tmp_existed = tmp_dir.exists()
    rng = _Rng(seed)
    con = _connect(path, memory_limit, threads)
    try:
        con.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        _create_row_index(con, candidates, events)
        _create_candidates(con, rng, schema, candidates, end_ts)
        _create_events(con, rng, schema, candidates, events, end_ts)
        _create_placements(con, rng, schema, candidates, end_ts)
        con.execute(f"DROP TABLE {INDEX_TABLE}")
        counts = {
            table: con.execute(f'SELECT count(*) FROM "{schema}".{table}').fetchone()[0]
            for table in ("candidates", "engagement_events", "placements")
        }
    finally:
        con.close()
    if not tmp_existed and tmp_dir.is_dir() and not any(tmp_dir.iterdir()):
        tmp_dir.rmdir()
    return GenerationSummary(database_path=path, schema=schema, end_date=end, row_counts=counts)
