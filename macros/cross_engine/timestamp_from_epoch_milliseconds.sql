{#- The UTC timestamp (without time zone) a number of milliseconds since 1970-01-01 stands for,
    rounded to the millisecond. -#}
{% macro timestamp_from_epoch_milliseconds(expression) -%}
    {{ return(adapter.dispatch('timestamp_from_epoch_milliseconds', 'candidate_scoring')(
        expression
    )) }}
{%- endmacro %}

{% macro default__timestamp_from_epoch_milliseconds(expression) -%}
    epoch_ms(cast(round({{ expression }}) as {{ dbt.type_bigint() }}))
{%- endmacro %}

{% macro postgres__timestamp_from_epoch_milliseconds(expression) -%}
    (to_timestamp(round({{ expression }}) / 1000) at time zone 'UTC')
{%- endmacro %}

{% macro spark__timestamp_from_epoch_milliseconds(expression) -%}
    timestamp_millis(cast(round({{ expression }}) as bigint))
{%- endmacro %}
