{#- An identifier as every table must spell it to join: clean_text in upper case, so ' c123 ',
    'C123' and an integer 123 in another extract all become the same key. -#}
{% macro normalise_id(expression) -%}
    upper({{ clean_text(expression) }})
{%- endmacro %}
