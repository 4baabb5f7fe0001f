{#- The candidate ids with an erasure request (every request that names a candidate), as a
    subquery: staging drops their rows and the score history deletes theirs. -#}
{% macro erased_candidate_ids() -%}
    select candidate_id from {{ ref('base_recruitment__erasure_requests') }}
    where rejection_reason is null
{%- endmacro %}
