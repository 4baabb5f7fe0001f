{#- A regular-expression class of every kind of white space extracts carry: ASCII white space,
    vertical tab, non-breaking and narrow spaces, zero-width space, byte-order mark. Engines
    spell code points differently (RE2: \x{00A0}, Postgres: \u00A0). -#}
{% macro white_space_class() -%}
    {{ return(adapter.dispatch('white_space_class', 'candidate_scoring')()) }}
{%- endmacro %}

{% macro default__white_space_class() -%}
    [\s\x{000B}\x{00A0}\x{2007}\x{202F}\x{200B}\x{FEFF}]
{%- endmacro %}

{% macro postgres__white_space_class() -%}
    [\s\u000B\u00A0\u2007\u202F\u200B\uFEFF]
{%- endmacro %}
