-- Every raw engagement event read so far, typed and normalised, with the reason found in the
-- row itself when it cannot be used (NULL when it can). Incremental: the raw log only grows,
-- so a run reads the days from the latest one loaded minus var late_event_lookback_days, and
-- the rows without a usable time (always reread: they have no day), and replaces those rows
-- (the pre-hook deletes them first). Within those days a re-sent, corrected or deleted raw
-- event shows as it is now; when the extract holds another number of older rows than were
-- loaded (a change older than the lookback), the run reloads every event. Reasons that
-- depend on when the run happens or on the candidates extract (a future time, an unknown or
-- rejected candidate) are judged at every run, in base_recruitment__engagement_events. The
-- events of an erased candidate are kept as anonymous rows (is_erased: a day, no ids, no
-- content), so they are counted without naming anyone.

-- On Spark (Parquet tables: no delete) partitioned by day: a run drops and overwrites the
-- days it reloads, and reads their raw rows from a table the pre-hook writes and the
-- post-hook drops (reads_engagement_events_raw_to_reload says why).
{{ config(
    materialized='incremental',
    incremental_strategy=('insert_overwrite' if target.type == 'spark' else 'append'),
    partition_by=partitioned_on_spark('occurred_on'),
    pre_hook=[
        "{{ erase_engagement_events_of_erased_candidates() }}",
        "{{ delete_engagement_events_to_reload() }}",
    ],
    post_hook="{{ drop_engagement_events_raw_to_reload() }}",
    on_schema_change='fail'
) }}

{%- do check_engagement_events_day_column() %}
{#- on Spark the pre-hook finds the window: the raw rows it wrote are those to load -#}
{%- set reads_raw_to_reload = reads_engagement_events_raw_to_reload() %}
{%- set reload_from = none if reads_raw_to_reload else engagement_events_reload_from() %}

with source as (

    {%- if reads_raw_to_reload %}
    select * from {{ engagement_events_raw_to_reload() }}
    {%- else %}
    select * from {{ source('recruitment', 'engagement_events') }}
    {%- endif %}

),

-- candidates whose personal data must go (an erasure request, now or ever: the erasure
-- ledger): of their rows only an anonymous trace is kept, so raw_row_reconciliation can count
-- them
erased_candidates as (

    select distinct erased.candidate_hash
    from ({{ erased_candidate_hashes() }}) as erased

),

typed as (

    select
        -- ids
        {{ clean_text('source.event_id') }} as event_id,
        {{ normalise_id('source.candidate_id') }} as candidate_id,
        {{ normalise_id('source.job_id') }} as job_id,

        -- strings
        {{ normalise_code('source.event_type') }} as event_type,
        {{ normalise_text('source.channel') }} as channel,

        -- timestamps (UTC), with the raw text to name a value that does not convert
        {{ trimmed_text('source.occurred_at') }} as occurred_at_text,
        {{ parse_utc_timestamp('source.occurred_at') }} as occurred_at

    from source

),

-- the raw time is kept only where a rejection names it: a time that does not convert, or one
-- after this run started (a time before it never becomes a future one). Writing it as text
-- for every event of the log cost more than typing the rest of the row.
typed_times as (

    select
        event_id,
        candidate_id,
        job_id,
        event_type,
        channel,
        case
            when occurred_at is null or occurred_at > {{ run_started_timestamp() }}
                then occurred_at_text
        end as occurred_at_raw,
        occurred_at,
        occurred_at_text is null as is_time_missing
    from typed

),

to_load as (

    select
        typed_times.*,
        erased_candidates.candidate_hash is not null as is_erased
    from typed_times
    left join erased_candidates
        on md5(typed_times.candidate_id) = erased_candidates.candidate_hash
    where
        {{ is_reloaded('typed_times.occurred_at', reload_from, dbt.type_timestamp()) }}
        or typed_times.occurred_at is null

),

{%- if is_incremental() %}

-- event ids of this load that an earlier run loaded: that copy happened before the reloaded
-- days, so it came first (the scan of the loaded ids is driven by the few ids of this load)
loaded_before as (

    select distinct loaded.event_id
    from {{ this }} as loaded
    inner join (select distinct event_id from to_load) as loading
        on loaded.event_id = loading.event_id

),
{%- endif %}

-- event ids more than one row of this load carries: only their rows need ranking (ranking
-- every row sorted the whole log with all its columns). Read through joins, not `not exists`
-- or `in`: Spark pushes such a subquery's anti- or semi-join below the reload window's filter,
-- and then shuffles the whole raw log by event id on every night.
repeated_ids as (

    select event_id
    from to_load
    where not is_erased and event_id is not null
    group by event_id
    having count(*) > 1

),

deduplicated as (

    select
        to_load.*,
        {%- if is_incremental() %}
        loaded_before.event_id is null
        {%- else %}
        true
        {%- endif %} as is_first_copy
    from to_load
    left join repeated_ids
        on to_load.event_id = repeated_ids.event_id
    {%- if is_incremental() %}
    left join loaded_before
        on to_load.event_id = loaded_before.event_id
    {%- endif %}
    where
        not to_load.is_erased
        and to_load.event_id is not null
        and repeated_ids.event_id is null

    union all

    select
        to_load.*,
        -- a re-sent event repeats its event_id: the first copy counts
        row_number() over (
            partition by to_load.event_id
            order by to_load.occurred_at nulls last, to_load.candidate_id, to_load.event_type
        ) = 1
        {%- if is_incremental() %}
        and loaded_before.event_id is null
        {%- endif %} as is_first_copy
    from to_load
    left join repeated_ids
        on to_load.event_id = repeated_ids.event_id
    {%- if is_incremental() %}
    left join loaded_before
        on to_load.event_id = loaded_before.event_id
    {%- endif %}
    -- rows without an id are ranked together, as the rows of one id (equality, not "is not
    -- distinct from", which PostgreSQL cannot hash: a nested loop over the whole log)
    where
        not to_load.is_erased
        and (
            to_load.event_id is null
            or repeated_ids.event_id is not null
        )

),

validated as (

    select
        event_id,
        candidate_id,
        job_id,
        event_type,
        channel,
        occurred_at_raw,
        occurred_at,
        is_first_copy,
        case
            when event_id is null then 'missing_event_id'
            when not is_first_copy then 'duplicate_event_id'
            when candidate_id is null then 'missing_candidate_id'
            when event_type is null then 'missing_event_type'
            when is_time_missing then 'missing_occurred_at'
            when occurred_at is null then 'invalid_occurred_at'
        end as row_rejection_reason,
        false as is_erased
    from deduplicated

),

-- the trace of an erased candidate's event: its day, nothing else
erased as (

    select
        cast(null as {{ dbt.type_string() }}) as event_id,
        cast(null as {{ dbt.type_string() }}) as candidate_id,
        cast(null as {{ dbt.type_string() }}) as job_id,
        cast(null as {{ dbt.type_string() }}) as event_type,
        cast(null as {{ dbt.type_string() }}) as channel,
        cast(null as {{ dbt.type_string() }}) as occurred_at_raw,
        cast(cast(occurred_at as date) as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(null as {{ dbt.type_boolean() }}) as is_first_copy,
        cast(null as {{ dbt.type_string() }}) as row_rejection_reason,
        true as is_erased
    from to_load
    where is_erased

),

loaded as (

    select * from validated
    union all
    select * from erased

)

select
    *,
    {{ run_started_timestamp() }} as loaded_at,
    -- the day a reload deletes by (on Spark the table's partition: last, as Spark keeps it)
    cast(occurred_at as date) as occurred_on
from loaded
