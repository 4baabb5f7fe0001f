{#-
    One threshold of var weight_set_coverage (the warnings on how well the weight set in force
    fits the candidates: min_matched_value_share, max_share_in_one_tier), checked: a share
    between 0 and 1, or the run stops naming it. The warning tests read it here, so a bad value
    is named when they are parsed too, before check_configuration runs.
-#}
{% macro weight_set_coverage(name) -%}
    {%- set settings = var('weight_set_coverage') -%}
    {%- if settings is not mapping -%}
        {{ exceptions.raise_compiler_error(
            "var weight_set_coverage must be a mapping of min_matched_value_share and"
            ~ " max_share_in_one_tier, got '" ~ settings ~ "'"
        ) }}
    {%- endif -%}
    {%- set value = settings.get(name) -%}
    {%- if value is not number or value is boolean or value < 0 or value > 1 -%}
        {{ exceptions.raise_compiler_error(
            "var weight_set_coverage." ~ name ~ " must be a share between 0 and 1, got '"
            ~ value ~ "'"
        ) }}
    {%- endif -%}
    {{ return(value | float) }}
{%- endmacro %}
