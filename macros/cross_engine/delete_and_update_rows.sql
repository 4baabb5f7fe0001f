{#-
    Delete or update the rows of a table that meet a condition (the incremental models' and the
    score history's hooks). A statement on engines that have one; on Spark, whose Parquet
    tables have neither, a rewrite of the table (rewrite_spark_table) that has run when the
    macro returns, so the hook gets no SQL, and only when a row meets the condition: most runs
    change nothing. A row whose condition is NULL is kept as it is, as a statement keeps it.
-#}
{% macro delete_rows_where(relation, condition) -%}
    {{ return(adapter.dispatch('delete_rows_where', 'candidate_scoring')(relation, condition)) }}
{%- endmacro %}

{% macro default__delete_rows_where(relation, condition) -%}
    delete from {{ relation }} where {{ condition }}
{%- endmacro %}

{% macro spark__delete_rows_where(relation, condition) -%}
    {%- set is_met = 'coalesce(' ~ condition ~ ', false)' -%}
    {%- if execute and spark_rows_meet(relation, is_met) -%}
        {%- do rewrite_spark_table(
            relation, 'select * from ' ~ relation ~ ' where not ' ~ is_met
        ) -%}
    {%- endif -%}
{%- endmacro %}

{#- assignments: column name to the SQL expression of its new value (of the row's old values) -#}
{% macro update_rows_where(relation, assignments, condition) -%}
    {{ return(adapter.dispatch('update_rows_where', 'candidate_scoring')(
        relation, assignments, condition
    )) }}
{%- endmacro %}

{% macro default__update_rows_where(relation, assignments, condition) -%}
    update {{ relation }}
    set
    {%- for column, value in assignments.items() %}
        {{ column }} = {{ value }}{{ ',' if not loop.last }}
    {%- endfor %}
    where {{ condition }}
{%- endmacro %}

{% macro spark__update_rows_where(relation, assignments, condition) -%}
    {%- set is_met = 'coalesce(' ~ condition ~ ', false)' -%}
    {%- if execute and spark_rows_meet(relation, is_met) -%}
        {%- set columns = [] -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do columns.append(
                'case when is_updated then ' ~ assignments[column.name] ~ ' else '
                ~ column.name ~ ' end as ' ~ column.name
                if column.name in assignments else column.name
            ) -%}
        {%- endfor -%}
        {#- the condition once per row, not once per column -#}
        {%- do rewrite_spark_table(
            relation,
            'select ' ~ columns | join(', ') ~ ' from (select *, ' ~ is_met
            ~ ' as is_updated from ' ~ relation ~ ') as rows_to_update'
        ) -%}
    {%- endif -%}
{%- endmacro %}

{% macro spark_rows_meet(relation, is_met) -%}
    {{ return(
        run_query('select count(*) from ' ~ relation ~ ' where ' ~ is_met).columns[0].values()[0] > 0
    ) }}
{%- endmacro %}
