{#- Any value as text with the spaces at its ends removed; empty text becomes NULL. Cheaper
    than clean_text, for values that are parsed next (times) or shown as they came (raw values
    named in a rejection). -#}
{% macro trimmed_text(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}
