{#-
    The `when ... then` branches of parse_utc_timestamp for a column that already is a
    timestamp: DuckDB resolves typeof() when it plans the query, so on a typed column only that
    branch runs and the text parsing costs nothing. Other engines read every column through its
    text, which is correct, only slower.
-#}
{% macro typed_timestamp_branches(expression) -%}
    {{ return(adapter.dispatch('typed_timestamp_branches', 'candidate_scoring')(expression)) }}
{%- endmacro %}

{% macro default__typed_timestamp_branches(expression) -%}
{%- endmacro %}

{% macro duckdb__typed_timestamp_branches(expression) -%}
        when typeof({{ expression }}) = 'TIMESTAMP' then cast({{ expression }} as timestamp)
        when typeof({{ expression }}) = 'TIMESTAMP WITH TIME ZONE'
            then timezone('UTC', cast({{ expression }} as timestamptz))
{%- endmacro %}
