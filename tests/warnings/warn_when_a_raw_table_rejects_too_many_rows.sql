-- Warns (the build goes on) when a raw table has more than var max_rejected_row_share of its
-- rows rejected: usually a changed extract (a renamed column, a new date format), which
-- silently shrinks what is scored. Older versions of a candidate are history, not faults, and
-- do not count (an extract of every version would warn on every build).
-- data_quality.rejected_raw_rows says which rows and why.

{{ config(severity='warn') }}

with reconciliation as (

    select * from {{ ref('raw_row_reconciliation') }}

),

superseded_versions as (

    select
        source_table,
        count(*) as superseded_rows
    from {{ ref('rejected_raw_rows') }}
    where rejection_reason = 'superseded_by_newer_version'
    group by source_table

),

shares as (

    select
        reconciliation.source_table,
        reconciliation.raw_rows - coalesce(superseded_versions.superseded_rows, 0)
            as current_rows,
        reconciliation.rejected_rows - coalesce(superseded_versions.superseded_rows, 0)
            as rejected_rows
    from reconciliation
    left join superseded_versions
        on reconciliation.source_table = superseded_versions.source_table

)

select
    source_table,
    current_rows,
    rejected_rows,
    cast(rejected_rows as {{ type_double() }}) / current_rows as rejected_row_share
from shares
where rejected_rows > current_rows * {{ var('max_rejected_row_share') | float }}
