-- Warns when the weight set in force fits few of the candidates it scores: for an attribute
-- criterion it weighs, less than var weight_set_coverage.min_matched_value_share of the live
-- candidates with a value match a value, band or list row of it (a list value counts once,
-- when any item matches; a '(no value)' row matches no value, so candidates without one do not
-- count). A set written for another extract (the default set on a new ATS) matches almost
-- nothing and builds green with everyone cold; warn_when_a_weight_row_matches_no_candidate
-- names rows nobody matches, not how few of the values the rows that do match cover.
-- One row per criterion below the share, with the share over every criterion the set weighs.
-- It reads the live long-form scores, a table of the live scenario only: no backtest date.

{{ config(severity='warn') }}

{%- set min_share = weight_set_coverage('min_matched_value_share') %}

{%- set low_coverage_sql %}
    with live_values as (

        select * from {{ ref('int_candidate_criteria_combined') }}
        where criterion_source = 'attribute' and criterion_value is not null

    ),

    -- a criterion weighed by a '(no value)' row alone scores missing values by design
    weighted_criteria as (

        select distinct
            weight_set,
            criterion
        from {{ ref('int_attribute_weights_selected') }}
        where match_value is distinct from '(no value)'

    ),

    criterion_coverage as (

        select
            weighted_criteria.weight_set,
            weighted_criteria.criterion,
            count(*) as candidates_with_value,
            sum(case when live_values.matched_rule is not null then 1 else 0 end)
                as candidates_matched
        from weighted_criteria
        inner join live_values
            on
                weighted_criteria.weight_set = live_values.weight_set
                and weighted_criteria.criterion = live_values.criterion
        group by weighted_criteria.weight_set, weighted_criteria.criterion

    ),

    shares as (

        select
            weight_set,
            criterion,
            candidates_with_value,
            candidates_matched,
            cast(candidates_matched as {{ type_double() }}) / candidates_with_value
                as matched_share,
            cast(sum(candidates_matched) over () as {{ type_double() }})
            / sum(candidates_with_value) over () as overall_matched_share
        from criterion_coverage

    )

    select
        weight_set,
        criterion,
        candidates_with_value,
        candidates_matched,
        matched_share,
        overall_matched_share,
        {{ min_share }} as min_matched_value_share
    from shares
    where matched_share < {{ min_share }}
    order by criterion
{%- endset %}

{#- when the test runs (not when a linter or `dbt compile` renders it), say which criteria -#}
{%- if execute and flags.WHICH in ('build', 'test') %}
    {%- set low = run_query(low_coverage_sql) %}
    {%- if low.rows | length > 0 %}
        {%- set criteria = [] %}
        {%- for row in low.rows %}
            {%- do criteria.append(
                row['criterion'] ~ ' ' ~ '%.1f%%' | format(row['matched_share'] * 100)
                ~ ' (' ~ row['candidates_matched'] ~ ' of ' ~ row['candidates_with_value'] ~ ')'
            ) %}
        {%- endfor %}
        {%- do exceptions.warn(
            "weight set " ~ low.rows[0]['weight_set'] ~ " matches less than "
            ~ '%.1f%%' | format(min_share * 100)
            ~ " (var weight_set_coverage.min_matched_value_share) of the candidates' values of "
            ~ criteria | join(', ') ~ "; "
            ~ '%.1f%%' | format(low.rows[0]['overall_matched_share'] * 100)
            ~ " of their values over every criterion it weighs: is it written for this extract?"
        ) %}
    {%- endif %}
{%- endif %}

{{ low_coverage_sql }}
