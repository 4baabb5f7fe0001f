-- Warns when one tier of the weight set in force holds more than var
-- weight_set_coverage.max_share_in_one_tier of the live candidates who are not disqualified:
-- its bounds do not separate them (every candidate cold, or every one on the worklist), so the
-- tiers tell recruiters nothing. Disqualification is consent, not weights: the disqualified
-- tier is left out, and so are its candidates from the share.

{{ config(severity='warn') }}

{%- set max_share = weight_set_coverage('max_share_in_one_tier') %}

{%- set crowded_tier_sql %}
    with live_tiers as (

        select * from {{ ref('int_candidate_tiers_assigned') }}
        where is_live and not is_disqualified

    ),

    tier_counts as (

        select
            weight_set,
            score_tier,
            count(*) as candidates
        from live_tiers
        group by weight_set, score_tier

    ),

    shares as (

        select
            weight_set,
            score_tier,
            candidates,
            sum(candidates) over (partition by weight_set) as candidates_not_disqualified,
            cast(candidates as {{ type_double() }})
            / sum(candidates) over (partition by weight_set) as tier_share
        from tier_counts

    )

    select
        weight_set,
        score_tier,
        candidates,
        candidates_not_disqualified,
        tier_share,
        {{ max_share }} as max_share_in_one_tier
    from shares
    where tier_share > {{ max_share }}
{%- endset %}

{#- when the test runs (not when a linter or `dbt compile` renders it), say which tier -#}
{%- if execute and flags.WHICH in ('build', 'test') %}
    {%- for row in run_query(crowded_tier_sql).rows %}
        {%- do exceptions.warn(
            "weight set " ~ row['weight_set'] ~ " puts "
            ~ '%.1f%%' | format(row['tier_share'] * 100) ~ " of the candidates not disqualified ("
            ~ row['candidates'] ~ " of " ~ row['candidates_not_disqualified'] ~ ") in tier "
            ~ row['score_tier'] ~ ", more than " ~ '%.1f%%' | format(max_share * 100)
            ~ " (var weight_set_coverage.max_share_in_one_tier): its tier bounds do not"
            ~ " separate them"
        ) %}
    {%- endfor %}
{%- endif %}

{{ crowded_tier_sql }}
