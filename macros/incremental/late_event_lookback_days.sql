{#-
    How many days before the latest day already loaded an incremental run reloads (var
    late_event_lookback_days): an event that reaches the extract up to this many days after it
    happened is still counted, and a re-sent or deleted event in those days is corrected.
    Checked here, so a bad value stops the run naming the var.
-#}
{% macro late_event_lookback_days() -%}
    {%- set days = var('late_event_lookback_days', 3) -%}
    {%- if days is not number or days < 0 or days != days | int -%}
        {{ exceptions.raise_compiler_error(
            "var late_event_lookback_days must be a whole number of days, 0 or more, got '"
            ~ days ~ "'"
        ) }}
    {%- endif -%}
    {{ return(days | int) }}
{%- endmacro %}
