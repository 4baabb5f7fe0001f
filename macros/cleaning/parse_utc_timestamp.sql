{#-
    A point in time as extracts write it, as a UTC timestamp without time zone:
    - a timestamp column: as it is (taken as UTC);
    - a timestamp with time zone column: converted to UTC, whatever the machine's time zone;
    - ISO 8601 text without an offset ('2026-11-27 10:00', '2026-11-27'): taken as UTC;
    - ISO 8601 text with an offset or Z ('2026-11-27T10:00:00+02:00'): converted to UTC;
    - epoch seconds (9 or 10 digits) or milliseconds (12 or 13 digits), with or without
      decimals (a float column writes 1794387600.0).
    NULL for anything else ('27/11/2026 10:00' is ambiguous and does not convert). The typed
    cases come first: on a typed column the text branches never run (millions of events).
-#}
{% macro parse_utc_timestamp(expression) -%}
    {%- set text = trimmed_text(expression) -%}
    {%- set date = '[0-9]{4}-[0-9]{2}-[0-9]{2}' -%}
    {%- set time_of_day = '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?' -%}
    case
        {{ typed_timestamp_branches(expression) }}
        when {{ matches_pattern(text, '^' ~ date ~ '(' ~ time_of_day ~ ')?$') }}
            then {{ try_cast_or_null("replace(" ~ text ~ ", 'T', ' ')", dbt.type_timestamp()) }}
        when {{ matches_pattern(text, '^' ~ date ~ time_of_day ~ ' ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') }}
            then {{ utc_timestamp_from_text_with_offset(text) }}
        when {{ matches_pattern(text, '^[0-9]{12,13}([.][0-9]+)?$') }}
            then {{ timestamp_from_epoch_milliseconds(
                'cast(' ~ text ~ ' as ' ~ type_double() ~ ')'
            ) }}
        when {{ matches_pattern(text, '^[0-9]{9,10}([.][0-9]+)?$') }}
            then {{ timestamp_from_epoch_milliseconds(
                'cast(' ~ text ~ ' as ' ~ type_double() ~ ') * 1000'
            ) }}
    end
{%- endmacro %}
