{#- An identifier as every table must spell it to join: clean_text in upper case, and a whole
    number written as a decimal ('6.0', what a float column or pandas makes of 6) without its
    zero decimals, so ' c123 ', 'C123', an integer 123, a float 123.0 and the text '123.00'
    from other extracts all become the same key. Leading zeros are kept: '007' is not '7'. -#}
{% macro normalise_id(expression) -%}
    {{ replace_all_matches('upper(' ~ clean_text(expression) ~ ')', '^([0-9]+)[.]0+$', '\\1') }}
{%- endmacro %}
