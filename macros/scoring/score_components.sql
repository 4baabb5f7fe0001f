{#-
    The score components from var('score_components') (dbt_project.yml), checked: each has a
    snake_case name, which becomes the column <name>_score, and the criterion families that add
    to it; no family belongs to two components. A malformed entry stops compilation naming it.
-#}
{% macro score_components() -%}
    {%- set components = [] -%}
    {%- set seen_families = [] -%}
    {%- for entry in var('score_components') -%}
        {%- set where = "var score_components, entry " ~ loop.index ~ " (" ~ entry ~ ")" -%}
        {%- if entry.name is not defined
            or modules.re.fullmatch('[a-z][a-z0-9_]*', entry.name | string) is none -%}
            {{ exceptions.raise_compiler_error(
                where ~ ": name must be snake_case, it becomes the column <name>_score"
            ) }}
        {%- endif -%}
        {%- if entry.families is not defined or entry.families is string
            or entry.families | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                where ~ ": families must list the criterion families that add to it"
            ) }}
        {%- endif -%}
        {%- for family in entry.families -%}
            {%- if family in seen_families -%}
                {{ exceptions.raise_compiler_error(
                    where ~ ": family " ~ family ~ " already adds to another component"
                ) }}
            {%- endif -%}
            {%- do seen_families.append(family) -%}
        {%- endfor -%}
        {%- do components.append({'name': entry.name, 'families': entry.families}) -%}
    {%- endfor -%}
    {{ return(components) }}
{%- endmacro %}
