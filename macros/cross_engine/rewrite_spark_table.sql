{#-
    Replace every row of a Spark table with the rows of a query that may read the table itself.
    dbt-spark's Parquet tables (local PySpark's only format here) take no delete, update or
    merge, and Spark cannot overwrite a table from a query that reads it: the query is written
    to a copy, whose rows then overwrite the table, which keeps its name, format and grants.
    The query's columns are the table's, in its order. Runs its statements when called; the
    overwrite is statement `statement_name` (a materialization's is 'main'). With
    partition_column, the query holds the new rows of `partitions` (values of that column)
    only, and only those partitions are replaced (dynamic partition overwrite).
-#}
{% macro rewrite_spark_table(
    relation, select_sql, statement_name='rewrite_spark_table', partition_column=none,
    partitions=none
) -%}
    {%- if execute -%}
        {%- set copy = relation.incorporate(path={'identifier': relation.identifier ~ '__rewritten'}) -%}
        {%- do run_query('drop table if exists ' ~ copy) -%}
        {%- do run_query('create table ' ~ copy ~ ' as ' ~ select_sql) -%}
        {%- if partition_column is none -%}
            {%- call statement(statement_name) -%}
                insert overwrite table {{ relation }} select * from {{ copy }}
            {%- endcall -%}
        {%- else -%}
            {#- the partitions the copy holds are replaced, the rest of `partitions` dropped -#}
            {%- do run_query('set spark.sql.sources.partitionOverwriteMode = DYNAMIC') -%}
            {%- call statement(statement_name) -%}
                insert overwrite table {{ relation }} partition ({{ partition_column }})
                select * from {{ copy }}
            {%- endcall -%}
            {%- set kept = spark_partitions_where(copy, partition_column, 'true') -%}
            {%- do drop_spark_partitions(
                relation, partition_column, partitions | reject('in', kept) | list
            ) -%}
        {%- endif -%}
        {%- do run_query('drop table ' ~ copy) -%}
    {%- endif -%}
{%- endmacro %}

{#-
    rewrite_spark_table for the partitions of a table partitioned by one column
    (partition_column) that hold a row meeting is_met: select_sql (the new rows of the whole
    table, a query that may read it) is kept for those partitions only. Nothing runs when no
    row meets is_met.
-#}
{% macro rewrite_spark_partitions(relation, partition_column, is_met, select_sql) -%}
    {%- if execute -%}
        {%- set partitions = spark_partitions_where(relation, partition_column, is_met) -%}
        {%- if partitions -%}
            {%- do rewrite_spark_table(
                relation,
                'select * from (' ~ select_sql ~ ') as new_rows where '
                ~ spark_partition_condition(partition_column, partitions),
                partition_column=partition_column,
                partitions=partitions
            ) -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The values (dates or none) of partition_column in the rows of relation meeting condition. -#}
{% macro spark_partitions_where(relation, partition_column, condition) -%}
    {{ return(run_query(
        'select distinct ' ~ partition_column ~ ' from ' ~ relation ~ ' where ' ~ condition
    ).columns[0].values() | list) }}
{%- endmacro %}

{% macro spark_partition_condition(partition_column, partitions) -%}
    {%- set values = [] -%}
    {%- for value in partitions if value is not none -%}
        {%- do values.append(spark_partition_literal(value)) -%}
    {%- endfor -%}
    {%- set conditions = [] -%}
    {%- if values -%}
        {%- do conditions.append(partition_column ~ ' in (' ~ values | join(', ') ~ ')') -%}
    {%- endif -%}
    {%- if none in partitions -%}
        {%- do conditions.append(partition_column ~ ' is null') -%}
    {%- endif -%}
    {{ return('(' ~ conditions | join(' or ') ~ ')') }}
{%- endmacro %}

{#- Drop partitions of a table partitioned by one column, by their values (none: NULL). -#}
{% macro drop_spark_partitions(relation, partition_column, partitions) -%}
    {%- if partitions -%}
        {%- set specs = [] -%}
        {%- for value in partitions -%}
            {%- do specs.append(
                'partition (' ~ partition_column ~ ' = ' ~ spark_partition_literal(value) ~ ')'
            ) -%}
        {%- endfor -%}
        {%- do run_query(
            'alter table ' ~ relation ~ ' drop if exists ' ~ specs | join(', ')
        ) -%}
    {%- endif -%}
{%- endmacro %}

{#- A partition value as SQL: the partition columns are dates or booleans. -#}
{% macro spark_partition_literal(value) -%}
    {%- if value is none -%}
        {{ return('null') }}
    {%- elif value is sameas true or value is sameas false -%}
        {{ return(value | string | lower) }}
    {%- else -%}
        {{ return("date '" ~ value ~ "'") }}
    {%- endif -%}
{%- endmacro %}
