-- What the score history records of each live candidate: the tier and the total score in
-- whole points. Rounding keeps a point's worth of daily decay from making a new version;
-- the as-of date rides along to say when a change was first seen.
-- History only moves forward: a build as of a date before the latest one recorded (a what-if
-- on a past date) hands the snapshot its current rows back, so it records nothing.

{%- set history = adapter.get_relation(
    database=this.database, schema='history', identifier='candidate_score_history'
) if execute else none %}
{%- set latest_recorded = none %}
{%- if history is not none %}
    {%- set latest_recorded = run_query(
        'select cast(max(scored_as_of) as ' ~ dbt.type_string() ~ ') from ' ~ history
    ).columns[0].values()[0] %}
{%- endif %}
{%- set is_backdated = latest_recorded is not none
    and (as_of_date_text() | trim) < latest_recorded %}
{%- if is_backdated %}
    {{ log(
        'as_of_date ' ~ as_of_date_text() ~ ' is before the latest date of the score history ('
        ~ latest_recorded ~ '): the history records nothing in this build',
        info=true
    ) }}
{%- endif %}

with candidate_scores as (

    select * from {{ ref('candidate_scores') }}

),

{%- if is_backdated %}

-- the snapshot's current rows: no change to record
final as (

    select
        candidate_id,
        score_tier,
        tier_priority,
        total_score_points,
        weight_set,
        scored_as_of
    from {{ history }}
    where dbt_valid_to is null

)

{%- else %}

final as (

    select
        candidate_id,
        score_tier,
        tier_priority,
        cast(round(total_score, 0) as {{ dbt.type_int() }}) as total_score_points,
        weight_set,
        as_of_date as scored_as_of
    from candidate_scores

)

{%- endif %}

select * from final
