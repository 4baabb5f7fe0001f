-- Candidate versions with the attributes scoring needs that the extract does not hold as such:
-- the seniority derived from the job title. Every usable version, so a backtest date scores the
-- version then in force (int_candidate_versions_in_force).

with candidates as (

    select * from {{ ref('stg_recruitment__candidate_versions') }}

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
        title_keyword_matches.keyword as seniority_keyword
    from candidates
    left join title_keyword_matches
        on
            candidates.candidate_id = title_keyword_matches.candidate_id
            and candidates.version_rank = title_keyword_matches.version_rank
            and title_keyword_matches.match_rank = 1

)

select * from enriched
