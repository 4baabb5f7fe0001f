{#- Text such as '2026-11-27T10:00:00+02:00' or '...Z' as the UTC timestamp (without time zone)
    it stands for, whatever the session's time zone; NULL where it is not a real time. -#}
{% macro utc_timestamp_from_text_with_offset(expression) -%}
    {{ return(adapter.dispatch('utc_timestamp_from_text_with_offset', 'candidate_scoring')(
        expression
    )) }}
{%- endmacro %}

{% macro default__utc_timestamp_from_text_with_offset(expression) -%}
    {#- DuckDB reads '10:00:00+02:00' but not '10:00:00 +02:00': drop a space before the zone -#}
    timezone('UTC', {{ try_cast_or_null(
        "replace(replace(replace(" ~ expression ~ ", ' +', '+'), ' -', '-'), ' Z', 'Z')",
        'timestamptz'
    ) }})
{%- endmacro %}

{% macro postgres__utc_timestamp_from_text_with_offset(expression) -%}
    (cast({{ expression }} as timestamptz) at time zone 'UTC')
{%- endmacro %}

{% macro spark__utc_timestamp_from_text_with_offset(expression) -%}
    to_utc_timestamp(try_cast({{ expression }} as timestamp), 'UTC')
{%- endmacro %}
