{#-
    The reload window of base_recruitment__engagement_events_loaded: from the latest day of an
    event that was not in the future when loaded, minus the lookback (none: load everything).
-#}
{% macro engagement_events_reload_from() -%}
    {{ return(reload_from_day(
        "select cast(max(occurred_at) as date) from " ~ this ~ " where occurred_at <= loaded_at"
    )) }}
{%- endmacro %}

{#-
    Pre-hook of base_recruitment__engagement_events_loaded: the rows a run reloads (reloaded
    days, no usable time) and the rows of erased candidates go before the run appends.
-#}
{% macro delete_engagement_events_to_reload() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where
            {{ is_reloaded('occurred_at', engagement_events_reload_from(), dbt.type_timestamp()) }}
            or occurred_at is null
            or candidate_id in ({{ erased_candidate_ids() }})
    {%- endif -%}
{%- endmacro %}

{#- The days int_engagement_event_days_loaded recounts: from its latest day minus the lookback. -#}
{% macro event_days_recount_from() -%}
    {{ return(reload_from_day("select max(occurred_on) from " ~ this)) }}
{%- endmacro %}

{#- Pre-hook of int_engagement_event_days_loaded: the days recounted and erased candidates go. -#}
{% macro delete_event_days_to_recount() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where
            {{ is_reloaded('occurred_on', event_days_recount_from(), 'date') }}
            or candidate_id in ({{ erased_candidate_ids() }})
    {%- endif -%}
{%- endmacro %}
