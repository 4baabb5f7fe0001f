{#-
    Points are stored as decimal(12, 2): each criterion is rounded once, so a total is the exact
    sum of the columns it is made of, on every engine.
-#}
{% macro as_points(expression) -%}
    cast({{ expression }} as decimal(12, 2))
{%- endmacro %}
