{#-
    dbt_utils.unique_combination_of_columns, same signature: fails on every combination of the
    columns that occurs more than once. quote_columns quotes the column names for the engine.
-#}
{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=false) %}

{%- set columns = [] %}
{%- for column in combination_of_columns %}
    {%- do columns.append(adapter.quote(column) if quote_columns else column) %}
{%- endfor %}

select
    {{ columns | join(', ') }},
    count(*) as occurrences
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
