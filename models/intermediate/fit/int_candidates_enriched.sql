-- Candidate versions with the attributes scoring needs that the extract does not hold as such:
-- the seniority derived from the job title. Every usable version, so a backtest date scores the
-- version then in force (int_candidate_versions_in_force). Maintained: a run enriches again only
-- the candidates whose versions changed, or everyone when the fit configuration did
-- (macros/incremental/fit_versions_changed.sql); the fit models after it follow.

{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_fit_versions_changed() }}",
    on_schema_change='sync_all_columns'
) }}

-- the plan reads the weights:
-- depends_on: {{ ref('int_attribute_weights_configured') }}

{%- set plan = fit_plan() %}
{%- if execute and model.unique_id in selected_resources %}
{{- log('int_candidates_enriched: ' ~ plan.reason, info=true) }}
{%- endif %}

with candidates as (

    select * from {{ ref('stg_recruitment__candidate_versions') }}
    {%- if is_incremental() %}
    -- the pre-hook removed the candidates to enrich again: what is left is up to date
    where candidate_id not in (select kept.candidate_id from {{ this }} as kept)
    {%- endif %}

),

seniority_keywords as (

    select * from {{ ref('job_title_seniority_keywords') }}

),

-- every keyword found as whole words in the title; the lowest precedence wins
title_keyword_matches as (

    select
        candidates.candidate_id,
        candidates.version_rank,
        seniority_keywords.keyword,
        seniority_keywords.seniority,
        row_number() over (
            partition by candidates.candidate_id, candidates.version_rank
            order by seniority_keywords.precedence, seniority_keywords.keyword
        ) as match_rank
    from candidates
    inner join seniority_keywords
        on
            ' ' || candidates.job_title || ' '
            like '% ' || seniority_keywords.keyword || ' %'

),

enriched as (

    select
        candidates.*,
        case
            when candidates.job_title is null then 'unknown'
            else coalesce(
                title_keyword_matches.seniority, {{ quoted_literal(var('default_seniority')) }}
            )
        end as seniority,
        title_keyword_matches.keyword as seniority_keyword,
        {{ run_started_timestamp(to_the_microsecond=true) }} as enriched_at,
        '{{ plan.configuration }}' as fit_configuration
    from candidates
    left join title_keyword_matches
        on
            candidates.candidate_id = title_keyword_matches.candidate_id
            and candidates.version_rank = title_keyword_matches.version_rank
            and title_keyword_matches.match_rank = 1

)

select * from enriched
