{#-
    Cast that yields NULL instead of failing on a value that does not convert, so staging can
    keep the raw row and name the bad value as its rejection reason.
-#}
{% macro safe_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('safe_cast', 'candidate_scoring')(expression, data_type)) }}
{%- endmacro %}

{#- Engines without a forgiving cast fail loudly on a bad value rather than guess. -#}
{% macro default__safe_cast(expression, data_type) -%}
    cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{% macro duckdb__safe_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{#- Spark runs with ANSI mode off under dbt-spark: a failed cast is already NULL. -#}
{% macro spark__safe_cast(expression, data_type) -%}
    cast({{ expression }} as {{ data_type }})
{%- endmacro %}
