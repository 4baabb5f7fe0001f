{#-
    The weight set in force (var weight_set) as a SQL string literal. Only the models that
    select the rows of the weight seeds and tiers in force call it, so the choice is made once.
    The name is checked, never pasted into SQL as it comes: a quote cannot change a query.
-#}
{% macro weight_set_in_force() -%}
    {%- set weight_set = var('weight_set') | string | trim -%}
    {%- if modules.re.fullmatch('[A-Za-z0-9_][A-Za-z0-9_.-]*', weight_set) is none -%}
        {{ exceptions.raise_compiler_error(
            "var weight_set must be a weight set name (letters, digits, _ . -), got '"
            ~ weight_set ~ "'"
        ) }}
    {%- endif -%}
    '{{ weight_set }}'
{%- endmacro %}
