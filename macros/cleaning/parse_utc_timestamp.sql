{#-
    A point in time as extracts write it, as a UTC timestamp without time zone:
    - ISO 8601 with an offset or Z ('2026-11-27T10:00:00+02:00'): converted to UTC;
    - ISO 8601 without one ('2026-11-27 10:00', '2026-11-27'): taken as UTC already;
    - a timestamp with time zone column: read through its text, which carries the offset, so
      the machine's time zone never shifts it;
    - epoch seconds (9 or 10 digits) or milliseconds (12 or 13 digits).
    NULL for anything else ('27/11/2026 10:00' is ambiguous and does not convert).
-#}
{% macro parse_utc_timestamp(expression) -%}
    {%- set text = clean_text(expression) -%}
    {%- set date_and_time = '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?' -%}
    case
        when {{ matches_pattern(text, '^' ~ date_and_time ~ ' ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') }}
            then {{ utc_timestamp_from_text_with_offset(text) }}
        when {{ matches_pattern(text, '^' ~ date_and_time ~ '$') }}
            then {{ try_cast_or_null("replace(" ~ text ~ ", 'T', ' ')", dbt.type_timestamp()) }}
        when {{ matches_pattern(text, '^[0-9]{12,13}$') }}
            then {{ timestamp_from_epoch_milliseconds(text) }}
        when {{ matches_pattern(text, '^[0-9]{9,10}$') }}
            then {{ timestamp_from_epoch_milliseconds(text ~ ' || \'000\'') }}
    end
{%- endmacro %}
