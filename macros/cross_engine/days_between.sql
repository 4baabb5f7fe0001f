{#-
    Whole days from start_date to end_date (both dates): 0 on the same day, positive when
    end_date is later. DuckDB and Postgres subtract dates to an integer; Spark has datediff.
-#}
{% macro days_between(start_date, end_date) -%}
    {{ return(adapter.dispatch('days_between', 'candidate_scoring')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__days_between(start_date, end_date) -%}
    ({{ end_date }} - {{ start_date }})
{%- endmacro %}

{% macro spark__days_between(start_date, end_date) -%}
    datediff({{ end_date }}, {{ start_date }})
{%- endmacro %}
