{#-
    Replace every row of a Spark table with the rows of a query that may read the table itself.
    dbt-spark's Parquet tables (local PySpark's only format here) take no delete, update or
    merge, and Spark cannot overwrite a table from a query that reads it: the query is written
    to a copy, whose rows then overwrite the table, which keeps its name, format and grants.
    The query's columns are the table's, in its order. Runs its statements when called; the
    overwrite is statement `statement_name` (a materialization's is 'main').
-#}
{% macro rewrite_spark_table(relation, select_sql, statement_name='rewrite_spark_table') -%}
    {%- if execute -%}
        {%- set copy = relation.incorporate(path={'identifier': relation.identifier ~ '__rewritten'}) -%}
        {%- do run_query('drop table if exists ' ~ copy) -%}
        {%- do run_query('create table ' ~ copy ~ ' as ' ~ select_sql) -%}
        {%- call statement(statement_name) -%}
            insert overwrite table {{ relation }} select * from {{ copy }}
        {%- endcall -%}
        {%- do run_query('drop table ' ~ copy) -%}
    {%- endif -%}
{%- endmacro %}
