{#-
    A day's events of a type as counted for points: at most the weight row's daily limit (an
    empty limit counts them all). Both ways of decaying (the day counts, the maintained sums)
    count a day by this one rule.
-#}
{% macro counted_events(event_count, max_events_per_day) -%}
    case
        when
            {{ max_events_per_day }} is null
            or {{ event_count }} <= {{ max_events_per_day }}
            then {{ event_count }}
        else {{ max_events_per_day }}
    end
{%- endmacro %}
