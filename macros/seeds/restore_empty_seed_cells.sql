{#-
    After a seed loads (post-hook): dbt-spark's session connection writes an empty cell of a
    text column as the text 'None' (dbt-spark issue 901), so on Spark the seed is rewritten with
    those cells empty again. check_seed_files (on DuckDB, which the tests run) refuses 'None' as
    a cell of any seed file, so the rewrite cannot blank a real value. Other engines load empty
    cells as NULL: nothing to do.
-#}
{% macro restore_empty_seed_cells() -%}
    {{ return(adapter.dispatch('restore_empty_seed_cells', 'candidate_scoring')()) }}
{%- endmacro %}

{% macro default__restore_empty_seed_cells() -%}
{%- endmacro %}

{% macro spark__restore_empty_seed_cells() -%}
    {%- if execute -%}
        {%- set columns = [] -%}
        {%- for column in adapter.get_columns_in_relation(this) -%}
            {%- set name = adapter.quote(column.name) -%}
            {%- do columns.append(
                "nullif(" ~ name ~ ", 'None') as " ~ name if column.data_type == 'string'
                else name
            ) -%}
        {%- endfor -%}
        {%- do rewrite_spark_table(
            this, 'select ' ~ columns | join(', ') ~ ' from ' ~ this
        ) -%}
    {%- endif -%}
{%- endmacro %}
