{#- A code such as an event type or a status in snake case: lower case, every run of other
    characters than letters and digits one underscore, none at the ends. ' Job-Offer  Page
    Visit' becomes 'job_offer_page_visit'. -#}
{% macro normalise_code(expression) -%}
    nullif({{ replace_all_matches(
        replace_all_matches(normalise_text(expression), '[^a-z0-9]+', '_'),
        '^_+|_+$',
        ''
    ) }}, '')
{%- endmacro %}
