{#-
    The date scores are computed for, as a SQL date literal. Events up to the end of this day
    count; later ones are ignored, which is what lets a past date be scored without leakage.
    Set it with --vars '{as_of_date: 2026-06-30}'; by default it is the day the run started
    (UTC), the same value for every model of one run. A date after the run date would decay
    everyone towards cold: it is refused unless var allow_future_as_of_date is true.
-#}
{% macro as_of_date() -%}
    cast('{{ as_of_date_text() }}' as date)
{%- endmacro %}

{#- The as-of date as text, YYYY-MM-DD, checked: for Jinja that compares dates. -#}
{% macro as_of_date_text() -%}
    {%- set run_date = run_started_at.strftime('%Y-%m-%d') -%}
    {%- set configured = var('as_of_date', none) -%}
    {%- if configured is none or configured | string | trim == '' -%}
        {%- set as_of = run_date -%}
    {%- else -%}
        {%- set as_of = configured | string | trim -%}
        {%- set parts = modules.re.fullmatch('([0-9]{4})-([0-9]{2})-([0-9]{2})', as_of) -%}
        {%- set year = parts.group(1) | int if parts else 0 -%}
        {%- set month = parts.group(2) | int if parts else 0 -%}
        {%- set leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) -%}
        {%- set month_days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] -%}
        {%- if parts is none or month < 1 or month > 12
            or (parts.group(3) | int) < 1 or (parts.group(3) | int) > month_days[month - 1] -%}
            {{ exceptions.raise_compiler_error(
                "var as_of_date must be a date written YYYY-MM-DD, got '" ~ as_of ~ "'"
            ) }}
        {%- endif -%}
        {%- if as_of > run_date and not var('allow_future_as_of_date', false) -%}
            {{ exceptions.raise_compiler_error(
                "var as_of_date " ~ as_of ~ " is after the run date " ~ run_date
                ~ ": every score would decay as if that day had come. Set var"
                ~ " allow_future_as_of_date: true to score a future date anyway."
            ) }}
        {%- endif -%}
    {%- endif -%}
    {{ as_of }}
{%- endmacro %}
