{#-
    A yes/no value in the spellings extracts use: true, t, yes, y, 1 and false, f, no, n, 0, in
    any case and spacing, or a real boolean. NULL for empty text and for anything else: compare
    with the cleaned raw text to tell a missing value from one that does not convert.
-#}
{% macro parse_boolean(expression) -%}
    case
        when {{ normalise_text(expression) }} in ('true', 't', 'yes', 'y', '1') then true
        when {{ normalise_text(expression) }} in ('false', 'f', 'no', 'n', '0') then false
    end
{%- endmacro %}
