-- One row per day, 2015-01-01 to 2039-12-31: the calendar MetricFlow joins metrics to (the
-- time spine of the semantic layer, declared in _semantic__models.yml). Generated, not read
-- from anywhere: about 9,100 rows of dbt's date_spine, the same SQL on DuckDB and PostgreSQL.
-- The range covers any as-of date the scores, the history or the backtests can carry.

{{ config(materialized='table', schema='semantic') }}

with days as (

    {{ dbt.date_spine(
        datepart='day',
        start_date="cast('2015-01-01' as date)",
        end_date="cast('2040-01-01' as date)"
    ) }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
