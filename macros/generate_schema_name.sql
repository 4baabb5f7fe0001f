{#-
    Use a model's custom schema name as it is (staging, intermediate, scoring, ...), so BI tools
    query stable names such as scoring.candidate_scores. Models without one go to the target's
    schema.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
