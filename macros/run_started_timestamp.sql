{#-
    The moment the dbt run started (UTC), as a SQL timestamp literal: "now" for every model of
    one run, so staging and scoring agree on which events lie in the future.
-#}
{% macro run_started_timestamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
