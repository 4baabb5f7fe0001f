{#- Fails on every row where the boolean SQL expression is false (NULL passes). -#}
{% test expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not ({{ expression }})

{% endtest %}
