{#- A number as text without a trailing '.0' when it is whole: 5 -> '5', 2.5 -> '2.5'. -#}
{% macro number_as_text(expression) -%}
    case
        -- whole numbers that fit a bigint; larger ones keep the engine's own notation
        when abs({{ expression }}) < 1e15 and {{ expression }} = floor({{ expression }})
            then cast(cast({{ expression }} as {{ dbt.type_bigint() }}) as {{ dbt.type_string() }})
        else cast({{ expression }} as {{ dbt.type_string() }})
    end
{%- endmacro %}
