{#- An 8-byte float. dbt.type_float() is 4-byte on DuckDB and Spark; Postgres spells it out. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'candidate_scoring')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double
{%- endmacro %}

{% macro postgres__type_double() -%}
    double precision
{%- endmacro %}
