{#- Every match of a regular expression replaced: Spark's regexp_replace replaces all matches,
    DuckDB's and Postgres' only the first unless told 'g'. A group in the replacement is written
    \1; Spark (Java) writes it $1, and reads a backslash in a string literal as an escape. -#}
{% macro replace_all_matches(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('replace_all_matches', 'candidate_scoring')(
        expression, pattern, replacement
    )) }}
{%- endmacro %}

{% macro default__replace_all_matches(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__replace_all_matches(expression, pattern, replacement) -%}
    regexp_replace(
        {{ expression }},
        '{{ pattern | replace('\\', '\\\\') }}',
        '{{ modules.re.sub('\\\\([0-9])', '$\\1', replacement) }}'
    )
{%- endmacro %}
