-- Engagement maintained night after night instead of decayed again from every day counted.
-- Decay is exponential, so a day's counted events weigh 2 ** ((day - anchor) / half-life)
-- against a fixed anchor date, and on any later date the sum of those weights times
-- 2 ** ((anchor - date) / half-life) is what decaying each day to that date gives.
-- Per weight set, candidate and event type, the days that can no longer change (before the
-- latest day counted minus var late_event_lookback_days: settled) are kept as such sums: a
-- night appends one row per key for the days settled since the last run, and writes the days
-- not settled yet and the recruiter feedback (a whole extract, which may change any day) one
-- row per day, replacing the previous run's. int_candidate_event_types_decayed reads this for
-- every scored date on or after the last settled day. When the sums must be made again (a
-- full build, another weight configuration, a full reload of the events, the rebase once the
-- anchor is var engagement_decay_rebase_after_days behind) the run sums every day from a new
-- anchor: macros/incremental/engagement_decay_sums.sql. Every candidate is kept whatever their
-- state, which can change after a day is settled; the reader keeps the usable ones.

-- On Spark (Parquet tables: no delete) partitioned by is_settled: a night drops the rows not
-- settled, a partition of their own, and appends.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    partition_by=partitioned_on_spark('is_settled'),
    pre_hook=[
        "{{ delete_engagement_decay_rows_to_redo() }}",
        "{{ delete_rows_of_erased_candidates(partitioned_on_spark('is_settled')) }}",
    ],
    on_schema_change='fail'
) }}

-- the plan and the pre-hook read these:
-- depends_on: {{ ref('base_recruitment__erasure_requests') }}
-- depends_on: {{ ref('int_engagement_event_days_loaded') }}

{%- set plan = engagement_decay_plan() %}
{%- set anchored_on = "cast('" ~ plan.anchor ~ "' as date)"
    if plan.anchor else 'cast(null as date)' %}
{%- set settled_before = "cast('" ~ plan.settle_before ~ "' as date)"
    if plan.settle_before else 'cast(null as date)' %}
{%- if execute and model.unique_id in selected_resources %}
{{- log('int_engagement_decay_sums: ' ~ plan.reason, info=true) }}
{%- endif %}

with event_days as (

    select * from {{ ref('int_engagement_days_counted') }}
    {%- if plan.settle_from is not none %}
    where
        occurred_on >= cast('{{ plan.settle_from }}' as date)
        or event_type like 'recruiter_%'
    {%- endif %}

),

weights as (

    select * from {{ ref('int_event_weights_configured') }}

),

counted as (

    select
        weights.weight_set,
        event_days.candidate_id,
        event_days.event_type,
        event_days.occurred_on,
        weights.half_life_days,
        event_days.event_count,
        {{ counted_events('event_days.event_count', 'weights.max_events_per_day') }}
            as counted_event_count,
        event_days.last_event_at,
        -- settled: summed below; the recruiter feedback never is (the extract may change)
        event_days.event_type not like 'recruiter_%'
        and event_days.occurred_on < {{ settled_before }} as is_settled
    from event_days
    -- event types a weight set does not score earn nothing under it
    inner join weights
        on event_days.event_type = weights.event_type
    {%- if plan.settle_before is none %}
    -- no day counted yet: nothing to keep
    where false
    {%- endif %}

),

scaled as (

    select
        *,
        case
            when half_life_days is null then counted_event_count
            else counted_event_count * exp(
                ln(2)
                * cast({{ days_between(anchored_on, 'occurred_on') }} as {{ type_double() }})
                / half_life_days
            )
        end as scaled_event_count
    from counted

),

settled_days_summed as (

    select
        weight_set,
        candidate_id,
        event_type,
        cast(null as date) as occurred_on,
        true as is_settled,
        cast(sum(event_count) as {{ dbt.type_bigint() }}) as event_count,
        cast(sum(counted_event_count) as {{ dbt.type_bigint() }}) as counted_event_count,
        sum(scaled_event_count) as scaled_event_count,
        max(last_event_at) as last_event_at
    from scaled
    where is_settled
    group by weight_set, candidate_id, event_type

),

days_not_settled as (

    select
        weight_set,
        candidate_id,
        event_type,
        occurred_on,
        false as is_settled,
        cast(event_count as {{ dbt.type_bigint() }}) as event_count,
        cast(counted_event_count as {{ dbt.type_bigint() }}) as counted_event_count,
        scaled_event_count,
        last_event_at
    from scaled
    where not is_settled

),

kept as (

    select * from settled_days_summed
    union all
    select * from days_not_settled

)

select
    *,
    {{ anchored_on }} as anchored_on,
    {{ settled_before }} as settled_before,
    '{{ plan.configuration }}' as decay_configuration,
    {{ run_started_timestamp() }} as summed_at
from kept
