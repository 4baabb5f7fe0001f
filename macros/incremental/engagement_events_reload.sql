{#-
    The reload window of base_recruitment__engagement_events_loaded: from the latest day of an
    event that was not in the future when loaded, minus the lookback. none (reload everything)
    on a full build, and when the extract holds another number of rows before that day than
    the model does: a raw event deleted, or one arrived, longer ago than the lookback.
    With writes_raw_to_reload (Spark's pre-hook), the raw rows the run loads are first written
    apart (write_engagement_events_raw_to_reload), and the raw rows before the window are
    counted as those of the extract less those written: the raw times are parsed once.
-#}
{% macro engagement_events_reload_from(writes_raw_to_reload=false) -%}
    {%- set reload_from = reload_from_day(
        "select cast(max(occurred_at) as date) from " ~ this ~ " where occurred_at <= loaded_at"
    ) -%}
    {%- if reload_from is not none -%}
        {%- set raw_events = source('recruitment', 'engagement_events') -%}
        {%- if writes_raw_to_reload -%}
            {%- do write_engagement_events_raw_to_reload(reload_from) -%}
            {%- set raw_rows_before = "(select count(*) from " ~ raw_events ~ ") - (select"
                ~ " count(*) from " ~ engagement_events_raw_to_reload() ~ ")" -%}
        {%- else -%}
            {%- set raw_rows_before = "(select count(*) from " ~ raw_events ~ " where "
                ~ parse_utc_timestamp('occurred_at') ~ " < cast('" ~ reload_from ~ "' as "
                ~ dbt.type_timestamp() ~ "))" -%}
        {%- endif -%}
        {%- set counts = run_query(
            "select " ~ raw_rows_before ~ ", (select count(*) from " ~ this
            ~ " where occurred_on < cast('" ~ reload_from ~ "' as date))"
        ).rows[0] -%}
        {%- if counts[0] != counts[1] -%}
            {{ log(
                "base_recruitment__engagement_events_loaded: the extract has " ~ counts[0]
                ~ " events before " ~ reload_from ~ ", " ~ counts[1] ~ " were loaded (a change"
                ~ " older than late_event_lookback_days): reloading every event",
                info=true
            ) }}
            {%- set reload_from = none -%}
        {%- endif -%}
    {%- endif -%}
    {%- if writes_raw_to_reload and reload_from is none -%}
        {%- do write_engagement_events_raw_to_reload(none) -%}
    {%- endif -%}
    {{ return(reload_from) }}
{%- endmacro %}

{#-
    Stops, naming the table, when base_recruitment__engagement_events_loaded has no
    occurred_on (loaded before the column existed): it cannot be reloaded by day. Called when
    the model compiles, before any hook reads the column.
-#}
{% macro check_engagement_events_day_column() -%}
    {%- if execute and is_incremental() and 'occurred_on' not in (
        adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list
    ) -%}
        {{ exceptions.raise_compiler_error(
            this ~ " has no column occurred_on (it was loaded before the event log had"
            ~ " one): run `dbt build --full-refresh` once"
        ) }}
    {%- endif -%}
{%- endmacro %}

{#-
    Pre-hooks of base_recruitment__engagement_events_loaded: the rows a run reloads (reloaded
    days, no usable time) go before the run appends them again, and the rows of a candidate
    with a new erasure request become anonymous (erase_engagement_events_of_erased_candidates).
    On Spark the reload window is found here only, and the raw rows it loads written apart.
-#}
{% macro delete_engagement_events_to_reload() -%}
    {%- if is_incremental() -%}
        {{ delete_days_from(
            this,
            'occurred_on',
            engagement_events_reload_from(
                writes_raw_to_reload=reads_engagement_events_raw_to_reload()
            )
        ) }}
    {%- endif -%}
{%- endmacro %}

{#-
    Whether an incremental run of base_recruitment__engagement_events_loaded reads the raw rows
    it loads from a table of their own (engagement_events_raw_to_reload), which its pre-hook
    writes, instead of from the raw log: on Spark. The model reads its raw rows in several
    places and Spark inlines every one, so each read parsed every raw time of the whole log to
    find the few days reloaded (at 1M candidates, most of a night); and the model and its
    hook each found the window, parsing them again. Elsewhere the database reads the log once.
-#}
{% macro reads_engagement_events_raw_to_reload() -%}
    {{ return(target.type == 'spark' and is_incremental()) }}
{%- endmacro %}

{#- The table of the raw rows a Spark run loads: beside the model, dropped after its run. -#}
{% macro engagement_events_raw_to_reload() -%}
    {{ return(this.incorporate(path={'identifier': this.identifier ~ '__raw_to_reload'})) }}
{%- endmacro %}

{#-
    Write engagement_events_raw_to_reload: the raw rows, as they are, whose time is from
    reload_from on or cannot be read (the model's reload window); every raw row when
    reload_from is none.
-#}
{% macro write_engagement_events_raw_to_reload(reload_from) -%}
    {%- if execute -%}
        {%- do run_query('drop table if exists ' ~ engagement_events_raw_to_reload()) -%}
        {%- do run_query(
            "create table " ~ engagement_events_raw_to_reload() ~ " as select * from "
            ~ source('recruitment', 'engagement_events') ~ " where coalesce("
            ~ is_reloaded(parse_utc_timestamp('occurred_at'), reload_from, dbt.type_timestamp())
            ~ ", true)"
        ) -%}
    {%- endif -%}
{%- endmacro %}

{#- Post-hook of base_recruitment__engagement_events_loaded: the raw rows loaded go. -#}
{% macro drop_engagement_events_raw_to_reload() -%}
    {%- if target.type == 'spark' -%}
        drop table if exists {{ engagement_events_raw_to_reload() }}
    {%- endif -%}
{%- endmacro %}

{#-
    What is left of an event of an erased candidate: the day it happened and that it was
    erased, nothing that names anyone. The row still counts (raw_row_reconciliation's
    erased_rows) and keeps its day, so the reload window and the row counts stay exact.
-#}
{% macro erase_engagement_events_of_erased_candidates() -%}
    {%- if is_incremental() -%}
        {{ update_rows_where(
            this,
            {
                'event_id': 'null',
                'candidate_id': 'null',
                'job_id': 'null',
                'event_type': 'null',
                'channel': 'null',
                'occurred_at_raw': 'null',
                'occurred_at': 'cast(cast(occurred_at as date) as ' ~ dbt.type_timestamp() ~ ')',
                'is_first_copy': 'null',
                'row_rejection_reason': 'null',
                'is_erased': 'true',
            },
            'candidate_id in (' ~ erased_candidate_ids() ~ ')',
            partition_by=partitioned_on_spark('occurred_on')
        ) }}
    {%- endif -%}
{%- endmacro %}

{#-
    The days int_engagement_event_days_loaded recounts: from its latest day minus the
    lookback, or from the earliest day of an event loaded since its last run, if earlier (the
    events were reloaded in full). none: count everything.
-#}
{% macro event_days_recount_from() -%}
    {%- set recount_from = reload_from_day("select max(occurred_on) from " ~ this) -%}
    {%- if recount_from is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set earliest_reloaded = run_query(
        "select cast(min(occurred_at) as date) from "
        ~ ref('base_recruitment__engagement_events_loaded')
        ~ " where loaded_at > (select max(counted_at) from " ~ this ~ ")"
    ).columns[0].values()[0] -%}
    {%- if earliest_reloaded is not none
        and earliest_reloaded.strftime('%Y-%m-%d') < recount_from -%}
        {{ return(earliest_reloaded.strftime('%Y-%m-%d')) }}
    {%- endif -%}
    {{ return(recount_from) }}
{%- endmacro %}

{#-
    Pre-hooks of int_engagement_event_days_loaded: the days recounted go (first, while the
    latest day counted is still there to read), then the rows of erased candidates.
-#}
{% macro delete_event_days_to_recount() -%}
    {%- if is_incremental() -%}
        {{ delete_days_from(this, 'occurred_on', event_days_recount_from()) }}
    {%- endif -%}
{%- endmacro %}
