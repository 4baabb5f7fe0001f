{#- The UTC timestamp (without time zone) a count of milliseconds since 1970-01-01 stands for. -#}
{% macro timestamp_from_epoch_milliseconds(expression) -%}
    {{ return(adapter.dispatch('timestamp_from_epoch_milliseconds', 'candidate_scoring')(
        expression
    )) }}
{%- endmacro %}

{% macro default__timestamp_from_epoch_milliseconds(expression) -%}
    epoch_ms(cast({{ expression }} as {{ dbt.type_bigint() }}))
{%- endmacro %}

{% macro postgres__timestamp_from_epoch_milliseconds(expression) -%}
    (to_timestamp(cast({{ expression }} as double precision) / 1000) at time zone 'UTC')
{%- endmacro %}

{% macro spark__timestamp_from_epoch_milliseconds(expression) -%}
    timestamp_millis(cast({{ expression }} as bigint))
{%- endmacro %}
