-- Warns when more than var max_share_without_consent_value of the candidates have no marketing
-- consent value at all. No value is no consent, so they are all disqualified: usually the
-- extract lost the column or renamed it, rather than that many people never answered.

{{ config(severity='warn') }}

with candidates as (

    select * from {{ ref('stg_recruitment__candidates') }}

),

shares as (

    select
        count(*) as candidate_count,
        sum(case when has_marketing_consent is null then 1 else 0 end)
            as candidates_without_consent_value
    from candidates

)

select * from shares
where
    candidates_without_consent_value
    > candidate_count * {{ var('max_share_without_consent_value') | float }}
