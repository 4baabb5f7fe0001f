-- Warns (the build goes on) when a raw table has more than var max_rejected_row_share of its
-- rows rejected: usually a changed extract (a renamed column, a new date format), which
-- silently shrinks what is scored. data_quality.rejected_raw_rows says which rows and why.

{{ config(severity='warn') }}

select
    source_table,
    raw_rows,
    rejected_rows,
    cast(rejected_rows as {{ type_double() }}) / raw_rows as rejected_row_share
from {{ ref('raw_row_reconciliation') }}
where rejected_rows > raw_rows * {{ var('max_rejected_row_share') | float }}
