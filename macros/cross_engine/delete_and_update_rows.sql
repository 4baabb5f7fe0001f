{#-
    Delete or update the rows of a table that meet a condition (the incremental models' and the
    score history's hooks). A statement on engines that have one; on Spark, whose Parquet
    tables have neither, a rewrite (rewrite_spark_table) that has run when the macro returns,
    so the hook gets no SQL, and only when a row meets the condition: most runs change
    nothing. The rewrite takes the whole table, or, for a table partitioned by one column
    (partition_by), only the partitions holding a row that meets the condition. A row whose
    condition is NULL is kept as it is, as a statement keeps it.
-#}
{% macro delete_rows_where(relation, condition, partition_by=none) -%}
    {{ return(adapter.dispatch('delete_rows_where', 'candidate_scoring')(
        relation, condition, partition_by
    )) }}
{%- endmacro %}

{% macro default__delete_rows_where(relation, condition, partition_by=none) -%}
    delete from {{ relation }} where {{ condition }}
{%- endmacro %}

{% macro spark__delete_rows_where(relation, condition, partition_by=none) -%}
    {%- set is_met = 'coalesce(' ~ condition ~ ', false)' -%}
    {%- if execute and partition_by is not none -%}
        {%- do rewrite_spark_partitions(
            relation, partition_by, is_met, 'select * from ' ~ relation ~ ' where not ' ~ is_met
        ) -%}
    {%- elif execute and spark_rows_meet(relation, is_met) -%}
        {%- do rewrite_spark_table(
            relation, 'select * from ' ~ relation ~ ' where not ' ~ is_met
        ) -%}
    {%- endif -%}
{%- endmacro %}

{#- assignments: column name to the SQL expression of its new value (of the row's old values) -#}
{% macro update_rows_where(relation, assignments, condition, partition_by=none) -%}
    {{ return(adapter.dispatch('update_rows_where', 'candidate_scoring')(
        relation, assignments, condition, partition_by
    )) }}
{%- endmacro %}

{% macro default__update_rows_where(relation, assignments, condition, partition_by=none) -%}
    update {{ relation }}
    set
    {%- for column, value in assignments.items() %}
        {{ column }} = {{ value }}{{ ',' if not loop.last }}
    {%- endfor %}
    where {{ condition }}
{%- endmacro %}

{% macro spark__update_rows_where(relation, assignments, condition, partition_by=none) -%}
    {%- set is_met = 'coalesce(' ~ condition ~ ', false)' -%}
    {%- if execute and (partition_by is not none or spark_rows_meet(relation, is_met)) -%}
        {%- set columns = [] -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do columns.append(
                'case when is_updated then ' ~ assignments[column.name] ~ ' else '
                ~ column.name ~ ' end as ' ~ column.name
                if column.name in assignments else column.name
            ) -%}
        {%- endfor -%}
        {#- the condition once per row, not once per column -#}
        {%- set updated_sql = 'select ' ~ columns | join(', ') ~ ' from (select *, ' ~ is_met
            ~ ' as is_updated from ' ~ relation ~ ') as rows_to_update' -%}
        {%- if partition_by is not none -%}
            {%- do rewrite_spark_partitions(relation, partition_by, is_met, updated_sql) -%}
        {%- else -%}
            {%- do rewrite_spark_table(relation, updated_sql) -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{% macro spark_rows_meet(relation, is_met) -%}
    {{ return(
        run_query('select count(*) from ' ~ relation ~ ' where ' ~ is_met).columns[0].values()[0] > 0
    ) }}
{%- endmacro %}

{#-
    Delete the rows of a table whose partition column meets a condition on that column alone.
    On Spark, where such a table is partitioned by the column (partitioned_on_spark), the
    partitions are dropped: no other partition's files are rewritten.
-#}
{% macro delete_partitions_where(relation, partition_column, condition) -%}
    {{ return(adapter.dispatch('delete_partitions_where', 'candidate_scoring')(
        relation, partition_column, condition
    )) }}
{%- endmacro %}

{% macro default__delete_partitions_where(relation, partition_column, condition) -%}
    {{ delete_rows_where(relation, condition) }}
{%- endmacro %}

{% macro spark__delete_partitions_where(relation, partition_column, condition) -%}
    {%- if execute -%}
        {%- do drop_spark_partitions(
            relation,
            partition_column,
            spark_partitions_where(relation, partition_column, condition)
        ) -%}
    {%- endif -%}
{%- endmacro %}

{#- The rows whose day (day_column) is from_day or later, or NULL: every row when from_day is none. -#}
{% macro delete_days_from(relation, day_column, from_day) -%}
    {{ return(delete_partitions_where(
        relation,
        day_column,
        is_reloaded(day_column, from_day, 'date') ~ ' or ' ~ day_column ~ ' is null'
    )) }}
{%- endmacro %}

{#-
    The partition column of an incremental table on Spark, none elsewhere: Parquet tables take
    no delete, so the tables whose runs replace a few partitions' rows (days, unsettled sums)
    are partitioned there, and a run drops and writes those partitions only.
-#}
{% macro partitioned_on_spark(column) -%}
    {{ return(column if target.type == 'spark' else none) }}
{%- endmacro %}
