{#- 'entered' when the candidate had no tier before, 'up' when the new tier comes first for
    recruiters (a lower priority number in seeds/score_tiers.csv), 'down' otherwise. -#}
{% macro tier_change_direction(previous_tier, previous_priority, priority) -%}
    case
        when {{ previous_tier }} is null then 'entered'
        when {{ priority }} < {{ previous_priority }} then 'up'
        else 'down'
    end
{%- endmacro %}
