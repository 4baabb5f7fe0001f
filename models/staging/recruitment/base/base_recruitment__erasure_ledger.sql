-- Every candidate ever erased, as a one-way hash of the id (md5 of the id as staging
-- normalises it), kept from build to build: an erasure extract that no longer carries a
-- request, and an ATS that sends the person again, do not bring them back. Incremental and
-- never rebuilt, not even by --full-refresh; an erasure is lifted only by listing its hash in
-- var lifted_erasures (erased_candidate_hashes), a reviewed change. No id, name or time of
-- the request is kept: the hash and when the ledger first recorded it.

{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    on_schema_change='fail'
) }}

with requests as (

    select distinct md5(candidate_id) as candidate_hash
    from {{ ref('base_recruitment__erasure_requests') }}
    where rejection_reason is null

),

new_entries as (

    select
        requests.candidate_hash,
        {{ run_started_timestamp() }} as recorded_at
    from requests
    {%- if is_incremental() %}
    where requests.candidate_hash not in (select candidate_hash from {{ this }})
    {%- endif %}

)

select * from new_entries
