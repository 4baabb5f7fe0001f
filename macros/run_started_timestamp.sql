{#-
    The moment the dbt run started (UTC), as a SQL timestamp literal: "now" for every model of
    one run, so staging and scoring agree on which events lie in the future. To the second,
    unless to_the_microsecond: a mark of the run that wrote a row, which two runs started in
    the same second must not share.
-#}
{% macro run_started_timestamp(to_the_microsecond=false) -%}
    {%- set written = '%Y-%m-%d %H:%M:%S' ~ ('.%f' if to_the_microsecond else '') -%}
    cast('{{ run_started_at.strftime(written) }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
