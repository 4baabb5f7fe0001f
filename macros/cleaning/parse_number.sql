{#-
    A number written as extracts write them: digits with an optional sign, decimal point and
    exponent ('1200', '-3.5', '1e6'), or with commas between groups of three digits
    ('1,200,000.50'). NULL for anything else, NaN and infinity included: a comma is never a
    decimal separator, so '12,5' does not convert rather than becoming 125.
-#}
{% macro parse_number(expression) -%}
    {%- set text = clean_text(expression) -%}
    case
        when {{ matches_pattern(text, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$') }}
            then {{ try_cast_or_null(text, type_double()) }}
        when {{ matches_pattern(text, '^[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$') }}
            then {{ try_cast_or_null("replace(" ~ text ~ ", ',', '')", type_double()) }}
    end
{%- endmacro %}
