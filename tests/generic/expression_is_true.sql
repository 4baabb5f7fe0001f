{#-
    dbt_utils.expression_is_true, same signature: fails on every row where the boolean SQL
    expression is false (NULL passes). On a column, the expression continues the column:
    `expression: ">= 0"` checks `<column> >= 0`.
-#}
{% test expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
{%- if column_name is none %}
where not ({{ expression }})
{%- else %}
where not ({{ column_name }} {{ expression }})
{%- endif %}

{% endtest %}
