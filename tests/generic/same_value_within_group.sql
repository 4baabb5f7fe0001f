{#- Fails on every group whose rows disagree on the column (NULL counts as a value). -#}
{% test same_value_within_group(model, group_by, column) %}

select
    {{ group_by | join(', ') }},
    count(distinct coalesce(cast({{ column }} as {{ dbt.type_string() }}), '<null>')) as distinct_values
from {{ model }}
group by {{ group_by | join(', ') }}
having count(distinct coalesce(cast({{ column }} as {{ dbt.type_string() }}), '<null>')) > 1

{% endtest %}
