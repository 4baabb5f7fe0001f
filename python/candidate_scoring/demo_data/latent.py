"""The hidden attributes of a candidate, pure functions of (seed, candidate index ``i``).

The candidates table, the event generator and the placement model all read the same
attributes: each recomputes them from ``i`` instead of joining, which keeps every
statement independent of the others' row order.
"""

from __future__ import annotations

from candidate_scoring.demo_data.rng import Rng
from candidate_scoring.demo_data.sql import at, lit, num_list, str_list, weighted
from candidate_scoring.demo_data.timeline import HISTORY_DAYS, SECONDS_PER_DAY
from candidate_scoring.demo_data.vocabulary import (
    CITIES,
    COMPANIES,
    COUNTRIES,
    COUNTRY_WEIGHTS,
    DEPARTMENTS,
    EXECUTIVE_WORDS,
    FIRST_NAMES,
    HIRED_SKILLS,
    HIRING_INDUSTRIES,
    JUNIOR_WORDS,
    LAST_NAMES,
    LEAD_WORDS,
    ROLE_SKILLS,
    ROLES,
    SENIORITY_LEVELS,
    SENIORITY_WEIGHTS,
    SKILL_SEPARATORS,
    SOURCE_CHANNEL_WEIGHTS,
    SOURCE_CHANNELS,
    YEARS_HIGH,
    YEARS_LOW,
)


def _indexes(values: tuple[object, ...]) -> list[str]:
    """SQL literals 0..len-1, the values a weighted index draw picks from."""
    return [str(k) for k in range(len(values))]


def title_sql(seniority: str, role: str, word: str, department: str) -> str:
    """Job title from seniority level, role index, title-word index and department index."""
    role_name = at(str_list(ROLES), role)
    return (
        f"case {seniority} "
        f"when 0 then 'Intern ' || {role_name} "
        f"when 1 then {at(str_list(JUNIOR_WORDS), word)} || ' ' || {role_name} "
        f"when 2 then {role_name} "
        f"when 3 then 'Senior ' || {role_name} "
        f"when 4 then {at(str_list(LEAD_WORDS), word)} || ' ' || {role_name} "
        f"else {at(str_list(EXECUTIVE_WORDS), word)} || ' ' "
        f"|| {at(str_list(DEPARTMENTS), department)} "
        f"end"
    )


def _uniforms_sql(rng: Rng, source_sql: str) -> str:
    """Layer 1: hashed draws per candidate index ``i`` of ``source_sql``."""
    span = HISTORY_DAYS * SECONDS_PER_DAY
    seniority = weighted(rng.u("i", "seniority"), _indexes(SENIORITY_LEVELS), SENIORITY_WEIGHTS)
    country = weighted(rng.u("i", "country"), _indexes(COUNTRIES), COUNTRY_WEIGHTS)
    channel = weighted(
        rng.u("i", "source_channel"), [lit(c) for c in SOURCE_CHANNELS], SOURCE_CHANNEL_WEIGHTS
    )
    return f"""
        select
            *,
            {seniority} as seniority,
            {rng.below("i", "role", len(ROLES))} as role_idx,
            {rng.below("i", "title_word", 3)} as title_word,
            {rng.below("i", "department", len(DEPARTMENTS))} as department,
            {rng.u("i", "years")} as u_years,
            1 + {rng.below("i", "skill_count", 6)} as skill_count,
            {rng.below("i", "skill_start", 1_000_003)} as skill_start,
            {rng.u("i", "skill_case")} < 0.15 as skill_case,
            {rng.below("i", "skill_separator", len(SKILL_SEPARATORS))} as skill_separator,
            {rng.below("i", "company", len(COMPANIES))} as company,
            {rng.normal("i", "company_size")} as z_size,
            {rng.normal("i", "company_revenue")} as z_revenue,
            {country} as country_idx,
            {rng.below("i", "city", 5)} as city_idx,
            {channel} as source_channel,
            {rng.u("i", "marketing_consent")} < 0.90 as marketing_consent,
            {rng.u("i", "do_not_contact")} < 0.03 as do_not_contact,
            floor({rng.u("i", "created")} * {span})::bigint as created_off,
            {rng.u("i", "updated")} as u_updated,
            {rng.below("i", "first_name", len(FIRST_NAMES))} as first_name_idx,
            {rng.below("i", "last_name", len(LAST_NAMES))} as last_name_idx
        from ({source_sql}) as candidate_indexes"""


def latent_sql(rng: Rng, source_sql: str, end_ts: str) -> str:
    """Layer 2: clean attributes (years, skills, company, place, names, times) for every ``i``."""
    role_skills = "[" + ", ".join(str_list(ROLE_SKILLS[r]) for r in ROLES) + "]"
    skill_list = f"{role_skills}[role_idx + 1]"
    sizes = num_list([float(c[2]) for c in COMPANIES])
    cities = "[" + ", ".join(str_list(c) for c in CITIES) + "]"
    low, high = num_list(YEARS_LOW), num_list(YEARS_HIGH)
    return f"""
        select
            *,
            {low}[seniority + 1]
            + floor(u_years * ({high}[seniority + 1] - {low}[seniority + 1] + 1))::integer
                as years,
            list_slice(
                {skill_list} || {skill_list},
                skill_start % len({skill_list}) + 1,
                skill_start % len({skill_list}) + skill_count
            ) as skill_list,
            {at(str_list([c[0] for c in COMPANIES]), "company")} as company_name,
            {at(str_list([c[1] for c in COMPANIES]), "company")} as industry,
            greatest(1, least(100000, round({sizes}[company + 1] * exp(0.35 * z_size))))::integer
                as company_size,
            {at(str_list(COUNTRIES), "country_idx")} as country,
            {cities}[country_idx + 1][city_idx + 1] as city,
            {at(str_list(FIRST_NAMES), "first_name_idx")} as first_name,
            {at(str_list(LAST_NAMES), "last_name_idx")} as last_name,
            {end_ts} - to_seconds(created_off) as created_at,
            floor(created_off * u_updated)::bigint as updated_delta
        from ({_uniforms_sql(rng, source_sql)}) as uniforms"""


def fit_sql() -> str:
    """Hidden fit in [0, 1] from clean latent columns: what the placement model rewards.

    It differs from the hand-set default weights where a recruiter's guess plausibly would:
    mid-level and senior people are placed, leads less and executives hardly (the default
    rates leads as seniors); two to eight years of experience count most; the skills and
    industries that matter are the clients' (HIRED_SKILLS, HIRING_INDUSTRIES), not the
    default's; company size and revenue do not matter at all.
    """
    seniority_score = num_list([0.05, 0.55, 0.95, 1.0, 0.55, 0.05])
    hired_skills = (
        f"len(list_filter(skill_list, lambda s: list_contains({str_list(HIRED_SKILLS)}, s)))"
    )
    hiring_industries = ", ".join(lit(x) for x in HIRING_INDUSTRIES)
    return f"""(
        0.30 * {seniority_score}[seniority + 1]
        + 0.15 * case when years between 2 and 8 then 1.0
                      when years between 9 and 12 then 0.6 else 0.2 end
        + 0.30 * least({hired_skills}, 2) / 2.0
        + 0.25 * case when industry in ({hiring_industries}) then 1.0 else 0.2 end
    )"""
