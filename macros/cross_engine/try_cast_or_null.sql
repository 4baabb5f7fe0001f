{#-
    A cast that gives NULL where the value does not convert. Staging only calls it on text that
    a pattern has already checked, so engines without a forgiving cast (Postgres) still get
    well-formed input; this catches what a pattern cannot, such as 30 February.
-#}
{% macro try_cast_or_null(expression, data_type) -%}
    {{ return(adapter.dispatch('try_cast_or_null', 'candidate_scoring')(expression, data_type)) }}
{%- endmacro %}

{% macro default__try_cast_or_null(expression, data_type) -%}
    cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{% macro duckdb__try_cast_or_null(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{% macro spark__try_cast_or_null(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
