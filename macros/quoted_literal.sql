{#- A configured value as a SQL string literal, its quotes doubled: a var reaches SQL as a
    value, never as SQL. -#}
{% macro quoted_literal(value) -%}
    '{{ value | string | replace("'", "''") }}'
{%- endmacro %}
