{#-
    The first day an incremental run of the current model reloads: the latest day the model
    already holds (last_day_sql: a query on {{ this }} returning one date) minus var
    late_event_lookback_days. Read when the model compiles and again when its pre-hook renders,
    both before the hook deletes what is reloaded, so model and hook agree. none when the
    model is built in full (first run, --full-refresh) or holds no day yet: load everything.
-#}
{% macro reload_from_day(last_day_sql) -%}
    {%- if not execute or not is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set last_day = run_query(last_day_sql).columns[0].values()[0] -%}
    {%- if last_day is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set first_day = last_day - modules.datetime.timedelta(days=late_event_lookback_days()) -%}
    {{ return(first_day.strftime('%Y-%m-%d')) }}
{%- endmacro %}

{#- Whether a time or day lies in the reloaded days (every row when reload_from is none). -#}
{% macro is_reloaded(column, reload_from, type) -%}
    {%- if reload_from is none -%}
        true
    {%- else -%}
        {{ column }} >= cast('{{ reload_from }}' as {{ type }})
    {%- endif -%}
{%- endmacro %}
