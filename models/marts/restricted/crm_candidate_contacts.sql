-- Restricted: the names and email addresses the CRM sync needs to match candidates, and
-- nothing else. Only candidates who may be contacted; never published to BI tools nor
-- written to an export file. Access: the crm_sync group (models/marts/restricted/).

with candidates as (

    select * from {{ ref('stg_recruitment__candidates') }}

),

candidate_scores as (

    select * from {{ ref('candidate_scores') }}

),

final as (

    select
        candidates.candidate_id,
        candidates.full_name,
        candidates.email,
        candidate_scores.as_of_date as scored_as_of
    from candidates
    inner join candidate_scores
        on candidates.candidate_id = candidate_scores.candidate_id
    where not candidate_scores.is_disqualified

)

select * from final
