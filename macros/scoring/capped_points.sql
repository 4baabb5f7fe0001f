{#-
    Points limited to [-cap, cap]; an empty cap leaves them as they are. Every criterion, fit or
    engagement, is capped by this one rule.
-#}
{% macro capped_points(points, cap) -%}
    case
        when {{ points }} > {{ cap }} then {{ cap }}
        when {{ points }} < -{{ cap }} then -{{ cap }}
        else {{ points }}
    end
{%- endmacro %}
