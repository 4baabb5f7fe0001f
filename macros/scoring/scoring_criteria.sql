{#-
    The scoring criteria from var('scoring_criteria') (dbt_project.yml), checked, each with the
    score component its family adds to (var('score_components')), optionally filtered by source
    ('attribute' or 'event'). Models loop over this list to build one <criterion>_points column
    per criterion, so adding a criterion is configuration, not SQL. A malformed entry stops
    compilation with a message that names it.
-#}
{% macro scoring_criteria(source=none) -%}
    {%- set component_of_family = {} -%}
    {%- for component in score_components() -%}
        {%- for family in component.families -%}
            {%- do component_of_family.update({family: component.name}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set criteria = [] -%}
    {%- set seen = [] -%}
    {%- for entry in var('scoring_criteria') -%}
        {%- set where = "var scoring_criteria, entry " ~ loop.index ~ " (" ~ entry ~ ")" -%}
        {%- if entry.name is not defined
            or modules.re.fullmatch('[a-z][a-z0-9_]*', entry.name | string) is none -%}
            {{ exceptions.raise_compiler_error(
                where ~ ": name must be snake_case, it becomes the column <name>_points"
            ) }}
        {%- endif -%}
        {%- if entry.name in seen -%}
            {{ exceptions.raise_compiler_error(where ~ ": criterion named twice") }}
        {%- endif -%}
        {%- do seen.append(entry.name) -%}
        {%- if entry.family not in component_of_family -%}
            {{ exceptions.raise_compiler_error(
                where ~ ": family must be one of "
                ~ component_of_family.keys() | list | join(', ')
                ~ " (the families of var score_components)"
            ) }}
        {%- endif -%}
        {%- if entry.source not in ['attribute', 'event'] -%}
            {{ exceptions.raise_compiler_error(where ~ ": source must be attribute or event") }}
        {%- endif -%}
        {%- if entry.source == 'attribute' -%}
            {%- if entry.column is not defined
                or modules.re.fullmatch('[a-z][a-z0-9_]*', entry.column | string) is none -%}
                {{ exceptions.raise_compiler_error(
                    where ~ ": an attribute criterion needs the candidate column it scores"
                ) }}
            {%- endif -%}
            {%- if entry.match not in ['value', 'band', 'list'] -%}
                {{ exceptions.raise_compiler_error(
                    where ~ ": match must be value, band or list"
                ) }}
            {%- endif -%}
        {%- endif -%}
        {%- if source is none or entry.source == source -%}
            {%- do criteria.append({
                'name': entry.name,
                'family': entry.family,
                'score_component': component_of_family[entry.family],
                'source': entry.source,
                'column': entry.column if entry.source == 'attribute' else none,
                'match': entry.match if entry.source == 'attribute' else none,
            }) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(criteria) }}
{%- endmacro %}
