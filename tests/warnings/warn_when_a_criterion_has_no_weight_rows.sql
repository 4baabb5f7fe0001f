-- Warns when the weight set in force has no weight row for a configured criterion: a set may
-- leave a criterion out, and then it scores 0 for everyone there, which is worth saying out
-- loud. The warning names the criteria, not only how many there are.

{{ config(severity='warn') }}

{%- set missing_criteria_sql %}
    with criteria as (

        select * from {{ ref('int_scoring_criteria_configured') }}

    ),

    weighted_criteria as (

        select criterion from {{ ref('int_attribute_weights_selected') }}
        union
        select criterion from {{ ref('int_event_weights_selected') }}

    )

    select criteria.criterion as missing_criterion
    from criteria
    left join weighted_criteria
        on criteria.criterion = weighted_criteria.criterion
    where weighted_criteria.criterion is null
{%- endset %}

{#- when the test runs (not when a linter or `dbt compile` renders it), say which criteria -#}
{%- if execute and flags.WHICH in ('build', 'test') %}
    {%- set missing = run_query(missing_criteria_sql).columns[0].values() %}
    {%- if missing | length > 0 %}
        {%- do exceptions.warn(
            "weight set " ~ var('weight_set') ~ " has no weight rows for criteria "
            ~ missing | join(', ') ~ ": they score 0 for every candidate"
        ) %}
    {%- endif %}
{%- endif %}

{{ missing_criteria_sql }}
