{#- Every match of a regular expression replaced: Spark's regexp_replace replaces all matches,
    DuckDB's and Postgres' only the first unless told 'g'. -#}
{% macro replace_all_matches(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('replace_all_matches', 'candidate_scoring')(
        expression, pattern, replacement
    )) }}
{%- endmacro %}

{% macro default__replace_all_matches(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__replace_all_matches(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}')
{%- endmacro %}
