{#- The candidate ids with a current erasure request (every request that names a candidate), as
    a subquery: the hooks that erase rows already kept (the loaded events, the score history)
    compare ids with it on the night of the request. The base models read
    erased_candidate_hashes, which adds every candidate the erasure ledger recorded. -#}
{% macro erased_candidate_ids() -%}
    select candidate_id from {{ ref('base_recruitment__erasure_requests') }}
    where rejection_reason is null
{%- endmacro %}

{#-
    Pre-hook of an incremental model that keeps candidate rows: the rows of candidates with an
    erasure request go (on Spark a rewrite of the partitions holding them, partition_by).
-#}
{% macro delete_rows_of_erased_candidates(partition_by=none) -%}
    {%- if is_incremental() -%}
        {{ delete_rows_where(
            this, 'candidate_id in (' ~ erased_candidate_ids() ~ ')', partition_by=partition_by
        ) }}
    {%- endif -%}
{%- endmacro %}
