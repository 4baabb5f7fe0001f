{#- A number as text without a trailing '.0' when it is whole: 5 -> '5', 2.5 -> '2.5'. -#}
{% macro number_as_text(expression) -%}
    case
        when {{ expression }} = floor({{ expression }})
            then cast(cast({{ expression }} as {{ dbt.type_bigint() }}) as {{ dbt.type_string() }})
        else cast({{ expression }} as {{ dbt.type_string() }})
    end
{%- endmacro %}
