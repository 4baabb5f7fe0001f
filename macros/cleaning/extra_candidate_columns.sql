{#-
    The candidate columns beyond the raw contract that feed a criterion (var
    extra_candidate_columns), checked: each has a plain column name and a type, text (the
    default: normalised like industry), number (parse_number: a band criterion can read it) or
    boolean (parse_boolean, matched as 'true' / 'false'). A bad entry stops compilation naming
    it.
-#}
{% macro extra_candidate_columns() -%}
    {%- set columns = [] -%}
    {%- for entry in var('extra_candidate_columns') -%}
        {%- set where = "var extra_candidate_columns, entry " ~ loop.index ~ " (" ~ entry ~ ")" -%}
        {%- if entry is not mapping or entry.name is not defined -%}
            {{ exceptions.raise_compiler_error(where ~ ": needs a name, e.g. {name: education_level}") }}
        {%- endif -%}
        {%- set type = entry.get('type', 'text') -%}
        {%- if type not in ['text', 'number', 'boolean'] -%}
            {{ exceptions.raise_compiler_error(where ~ ": type must be text, number or boolean") }}
        {%- endif -%}
        {%- do columns.append({
            'name': checked_identifier(entry.name, 'extra_candidate_columns'),
            'type': type,
        }) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
