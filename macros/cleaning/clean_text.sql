{#-
    Text as a person reads it: any run of white space (spaces, tabs, line breaks, the
    non-breaking spaces spreadsheets leave behind, zero-width spaces and byte-order marks)
    becomes one space, the ends are trimmed, and empty text becomes NULL. Case is kept. Works
    on a column of any type.
-#}
{% macro clean_text(expression) -%}
    nullif(trim({{ replace_all_matches(
        'cast(' ~ expression ~ ' as ' ~ dbt.type_string() ~ ')',
        white_space_class() | trim ~ '+',
        ' '
    ) }}), '')
{%- endmacro %}
