"""The raw candidates table: current rows with dirt, rows without id, duplicates and older
versions (a candidate re-exported before a promotion)."""

from __future__ import annotations

from candidate_scoring.demo_data.dirt import Dirt, dirt_kind
from candidate_scoring.demo_data.latent import latent_sql, title_sql
from candidate_scoring.demo_data.rng import Rng
from candidate_scoring.demo_data.row_index import (
    INDEX_TABLE,
    candidate_extra_rows,
    candidate_indexes,
)
from candidate_scoring.demo_data.sql import at, code, lit, str_list
from candidate_scoring.demo_data.timeline import SECONDS_PER_DAY
from candidate_scoring.demo_data.vocabulary import SKILL_SEPARATORS

TABLE = "candidates"
# Dirt per exported column; the slots spread the forced rows over the table.
YEARS_DIRT = (
    Dirt("null", 0.03, 0),
    Dirt("na", 0.005, 1),
    Dirt("negative", 0.002, 2),
    Dirt("padded", 0.06, 3),
)
SKILLS_DIRT = (Dirt("null", 0.02, 4),)
SIZE_DIRT = (Dirt("null", 0.03, 5),)
INDUSTRY_DIRT = (Dirt("null", 0.03, 6), Dirt("messy", 0.15, 7))
REVENUE_DIRT = (Dirt("null", 0.05, 8),)
# Every version of a candidate has the same address: names plus the candidate index.
EMAIL = (
    "lower(replace(first_name || '.' || last_name, ' ', '')) || '.' || i::varchar || '@example.com'"
)


def _years_raw_sql(rng: Rng) -> str:
    """years_experience as exported text, with whitespace and dirt (column ``years_kind``)."""
    y = "years::varchar"
    pad = at(f"[' ' || {y}, {y} || ' ', ' ' || {y} || ' ']", rng.below("i", "years_pad", 3))
    return f"""case years_kind
            when 'null' then null
            when 'na' then {at(str_list(("n/a", "unknown")), rng.below("i", "years_na", 2))}
            when 'negative' then '-' || (1 + {rng.below("i", "years_negative", 5)})::varchar
            when 'padded' then {pad}
            else {y} end"""


def _skills_raw_sql(rng: Rng) -> str:
    """skills as exported text: separators with random spacing, random case for ~15 %.

    The lambda walks the positions k of skill_list because each skill's case is drawn from
    (i, k).
    """
    case_variant = f"{rng.mix('i::bigint', 'k::bigint', lit('skill_case_variant'))} % 3"
    skill = "skill_list[k]"
    element = (
        f"case when not skill_case then {skill} when {case_variant} = 0 then upper({skill}) "
        f"when {case_variant} = 1 then upper({skill}[1]) || {skill}[2:] else {skill} end"
    )
    # array_to_string needs a constant separator: join with chr(1), then substitute.
    return (
        f"replace(array_to_string(list_transform(range(1, len(skill_list) + 1), "
        f"lambda k: {element}), chr(1)), "
        f"chr(1), {str_list(SKILL_SEPARATORS)}[skill_separator + 1])"
    )


def _industry_raw_sql() -> str:
    """Industry with inconsistent case and spacing (column ``industry_variant``, 0..4)."""
    return """case
            when industry_variant = 0 then upper(industry)
            when industry_variant = 1 then lower(industry)
            when industry_variant = 2 then '  ' || industry
            when industry_variant = 3 then industry || ' '
            when contains(industry, ' ') then replace(industry, ' ', '  ')
            else ' ' || industry || ' ' end"""


def _current_rows_sql(rng: Rng, n: int, n_null: int, n_dup: int, end_ts: str) -> str:
    """Current candidate rows, ``n_null`` extra rows without id and ``n_dup`` exact copies."""
    rows = n + n_null
    source = f"""
        select case when j < {rows} then j else {rng.below("j", "candidate_duplicate", n)} end
            as i
        from {INDEX_TABLE}
        where j < {rows + n_dup}"""
    years_kind = dirt_kind(rng, "i", "u_years_dirt", TABLE, rows, YEARS_DIRT)
    skills_kind = dirt_kind(rng, "i", "u_skills_dirt", TABLE, rows, SKILLS_DIRT)
    size_kind = dirt_kind(rng, "i", "u_size_dirt", TABLE, rows, SIZE_DIRT)
    industry_kind = dirt_kind(rng, "i", "u_industry_dirt", TABLE, rows, INDUSTRY_DIRT)
    revenue_kind = dirt_kind(rng, "i", "u_revenue_dirt", TABLE, rows, REVENUE_DIRT)
    dirt_draws = ",\n".join(
        f"{rng.u('i', name)} as u_{name}"
        for name in ("years_dirt", "skills_dirt", "size_dirt", "industry_dirt", "revenue_dirt")
    )
    return f"""
        select
            case when i < {n} then {code("C", "i", 8)} end as candidate_id,
            {EMAIL} as email,
            first_name || ' ' || last_name as full_name,
            {title_sql("seniority", "role_idx", "title_word", "department")} as job_title,
            {_years_raw_sql(rng)} as years_experience,
            case when skills_kind is null then {_skills_raw_sql(rng)} end as skills,
            company_name as current_company,
            case when size_kind is null then company_size end as company_size,
            case industry_kind when 'null' then null when 'messy' then {_industry_raw_sql()}
                else industry end as industry,
            case when revenue_kind is null
                then round(company_size * 150000.0 * exp(0.5 * z_revenue)) end
                as company_revenue,
            country,
            city,
            source_channel,
            marketing_consent,
            do_not_contact,
            created_at,
            created_at + to_seconds(updated_delta) as updated_at
        from (
            select
                *,
                {years_kind} as years_kind,
                {skills_kind} as skills_kind,
                {size_kind} as size_kind,
                {industry_kind} as industry_kind,
                {revenue_kind} as revenue_kind,
                {rng.below("i", "industry_variant", 5)} as industry_variant
            from (
                select
                    *,
                    {dirt_draws}
                from ({latent_sql(rng, source, end_ts)}) as latent
            ) as drawn
        ) as dirty"""


def _older_versions_sql(rng: Rng, n: int, end_ts: str) -> str:
    """Older versions (before a promotion) for ~3 % of candidates: earlier updated_at."""
    old_years = f"(years - 1 - floor({rng.u('i', 'old_years')} * least(3, years - 1)))::integer"
    old_word = rng.below("i", "old_title_word", 3)
    old_updated = f"floor(updated_delta * 0.5 * {rng.u('i', 'old_updated')})::bigint"
    return f"""
        select
            {code("C", "i", 8)} as candidate_id,
            {EMAIL} as email,
            first_name || ' ' || last_name as full_name,
            {title_sql("seniority - 1", "role_idx", old_word, "department")} as job_title,
            {old_years}::varchar as years_experience,
            array_to_string(skill_list, ', ') as skills,
            company_name as current_company,
            company_size,
            industry,
            round(company_size * 150000.0 * exp(0.5 * z_revenue)) as company_revenue,
            country,
            city,
            source_channel,
            marketing_consent,
            do_not_contact,
            created_at,
            created_at + to_seconds({old_updated}) as updated_at
        from ({latent_sql(rng, candidate_indexes(n), end_ts)}) as latent
        where
            seniority >= 2 and updated_delta >= {SECONDS_PER_DAY}
            and {rng.u("i", "older_version")} < 0.0375"""


def create_candidates(rng: Rng, schema: str, n: int, end_ts: str) -> str:
    """Statement creating ``<schema>.candidates`` with the raw contract's column types."""
    n_null, n_dup = candidate_extra_rows(n)
    return f"""
        create or replace table "{schema}".candidates as
        with current_rows as ({_current_rows_sql(rng, n, n_null, n_dup, end_ts)}
        ),

        older_versions as ({_older_versions_sql(rng, n, end_ts)}
        ),

        versions as (
            select * from current_rows
            union all
            select * from older_versions
        )

        select
            candidate_id::varchar as candidate_id,
            email::varchar as email,
            full_name::varchar as full_name,
            job_title::varchar as job_title,
            years_experience::varchar as years_experience,
            skills::varchar as skills,
            current_company::varchar as current_company,
            company_size::integer as company_size,
            industry::varchar as industry,
            company_revenue::double as company_revenue,
            country::varchar as country,
            city::varchar as city,
            source_channel::varchar as source_channel,
            marketing_consent::boolean as marketing_consent,
            do_not_contact::boolean as do_not_contact,
            created_at::timestamp as created_at,
            updated_at::timestamp as updated_at
        from versions"""
