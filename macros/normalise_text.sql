{#-
    Lower case, trimmed, inner runs of spaces folded to one space: 'Financial  Services '
    and 'FINANCIAL SERVICES' both become 'financial services'. Empty text becomes NULL.
-#}
{% macro normalise_text(expression) -%}
    nullif(trim(lower({{ replace_all_matches(expression, ' +', ' ') }})), '')
{%- endmacro %}

{#- regexp_replace replaces every match on Spark, only the first elsewhere unless told 'g'. -#}
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
