{#- The one-way hashes (md5 of the normalised id) of the candidates whose rows staging drops,
    as a subquery with the column candidate_hash: every current erasure request, and every
    candidate the erasure ledger ever recorded, but those whose hash var lifted_erasures lists
    (a request still in the extract is not lifted). The base models compare
    md5(candidate_id) with it, so an id the ledger holds is never needed in clear. -#}
{% macro erased_candidate_hashes() -%}
    {%- set lifted = var('lifted_erasures') or [] -%}
    select md5(candidate_id) as candidate_hash
    from {{ ref('base_recruitment__erasure_requests') }}
    where rejection_reason is null
    union
    select candidate_hash from {{ ref('base_recruitment__erasure_ledger') }}
    {%- if lifted %}
    where candidate_hash not in ({% for hash in lifted %}'{{ hash }}'{{ ', ' if not loop.last }}{% endfor %})
    {%- endif %}
{%- endmacro %}
