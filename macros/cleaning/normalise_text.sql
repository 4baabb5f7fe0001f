{#- clean_text in lower case: 'Financial  Services ' and 'FINANCIAL SERVICES' both become
    'financial services'. For values that are matched against seeds. -#}
{% macro normalise_text(expression) -%}
    lower({{ clean_text(expression) }})
{%- endmacro %}
