{#- A configured column name, checked to be a plain lower-case SQL identifier before it is
    pasted into a query; anything else stops compilation naming the var and the value. -#}
{% macro checked_identifier(value, var_name) -%}
    {%- if modules.re.fullmatch('[a-z_][a-z0-9_]*', value | string) is none -%}
        {{ exceptions.raise_compiler_error(
            "var " ~ var_name ~ ": '" ~ value ~ "' is not a column name (lower case letters, "
            ~ "digits and _)"
        ) }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}
