{#- Any value as text without the white space at its ends (spaces, tabs, line breaks left by
    Windows files, non-breaking spaces); empty text becomes NULL. Cheaper than clean_text, for
    values that are parsed next (times) or shown as they came (raw values in a rejection). -#}
{% macro trimmed_text(expression) -%}
    {{ return(adapter.dispatch('trimmed_text', 'candidate_scoring')(expression)) }}
{%- endmacro %}

{% macro default__trimmed_text(expression) -%}
    nullif(btrim(
        cast({{ expression }} as {{ dbt.type_string() }}),
        ' ' || chr(9) || chr(10) || chr(11) || chr(13) || chr(160) || chr(65279)
    ), '')
{%- endmacro %}

{% macro duckdb__trimmed_text(expression) -%}
    nullif(trim(
        cast({{ expression }} as {{ dbt.type_string() }}),
        ' ' || chr(9) || chr(10) || chr(11) || chr(13) || chr(160) || chr(65279)
    ), '')
{%- endmacro %}

{% macro spark__trimmed_text(expression) -%}
    nullif(trim(
        both ' ' || chr(9) || chr(10) || chr(11) || chr(13) || chr(160) || chr(65279)
        from cast({{ expression }} as {{ dbt.type_string() }})
    ), '')
{%- endmacro %}
