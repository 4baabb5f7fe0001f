{#-
    How the incremental event models are materialized: incremental, except on dbt-spark, whose
    Parquet tables (the local PySpark default) cannot delete or update rows, which the reload
    and erasure pre-hooks do; there they are rebuilt in full each run, with the same result.
    (On Databricks, dbt-databricks writes Delta tables and the models stay incremental.)
-#}
{% macro engagement_materialization() -%}
    {{ return(adapter.dispatch('engagement_materialization', 'candidate_scoring')()) }}
{%- endmacro %}

{% macro default__engagement_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__engagement_materialization() -%}
    {{ return('table') }}
{%- endmacro %}
