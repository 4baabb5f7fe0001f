{#-
    dbt's snapshot on dbt-spark's Parquet tables. dbt-spark's own snapshot merges the changes
    into its table, which takes Delta, Iceberg or Hudi: jars that local PySpark (and a cluster
    without them) does not have. This one records the same versions as dbt's merge, from the
    same change rows (dbt's snapshot_staging_table): current versions that changed or vanished
    are closed, new versions added, and the table is rewritten with the result
    (rewrite_spark_table). The price: each build rewrites the history instead of merging the
    changes. dbt-databricks (adapter type databricks) has its own snapshot, which dbt chooses
    over this one there (untested here).
-#}
{% materialization snapshot, adapter='spark' %}

    {%- set columns = config.get('snapshot_table_column_names') or get_snapshot_table_column_names() -%}
    {%- set target_relation_exists, target_relation = get_or_create_relation(
        database=none,
        schema=model.schema,
        identifier=model.get('alias', model.get('name')),
        type='table'
    ) -%}
    {%- if not target_relation.is_table -%}
        {%- do exceptions.relation_wrong_type(target_relation, 'table') -%}
    {%- endif -%}
    {%- if not adapter.check_schema_exists(none, model.schema) -%}
        {%- do create_schema(target_relation) -%}
    {%- endif -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- set strategy = strategy_dispatch(config.get('strategy'))(
        model, 'snapshotted_data', 'source_data', model['config'], target_relation_exists
    ) -%}

    {%- if not target_relation_exists -%}

        {%- call statement('main') -%}
            {{ create_table_as(
                False, target_relation, build_snapshot_table(strategy, model['compiled_code'])
            ) }}
        {%- endcall -%}

    {%- else -%}

        {{ adapter.assert_valid_snapshot_target_given_strategy(target_relation, columns, strategy) }}

        {#- the changes, as dbt computes them for its merge: rows to insert, and current
            versions to close (dbt_change_type update or delete, with their dbt_valid_to) -#}
        {#- a view, not a temporary one: `describe` gives its columns -#}
        {%- set changes = api.Relation.create(
            schema=model.schema, identifier=target_relation.identifier ~ '__dbt_changes', type='view'
        ) -%}
        {%- call statement('build_snapshot_staging_relation') -%}
            {{ create_view_as(changes, snapshot_staging_table(strategy, sql, target_relation)) }}
        {%- endcall -%}

        {#- the change rows' own columns are not the history's -#}
        {%- set change_columns = [] -%}
        {%- for column in adapter.get_columns_in_relation(changes) -%}
            {%- set name = column.name | lower -%}
            {%- if name != 'dbt_change_type' and not name.startswith('dbt_unique_key') -%}
                {%- do change_columns.append(column) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set changed_names = change_columns | map(attribute='name') | map('lower') | list -%}
        {%- set history_names = adapter.get_columns_in_relation(target_relation)
            | map(attribute='name') | map('lower') | list -%}
        {#- a column the source gained is added to the history (dbt's merge does the same) -#}
        {%- set missing_columns = [] -%}
        {%- for column in change_columns if column.name | lower not in history_names -%}
            {%- do missing_columns.append(column) -%}
        {%- endfor -%}
        {%- do create_columns(target_relation, missing_columns) -%}
        {%- set history_columns = adapter.get_columns_in_relation(target_relation) -%}

        {%- set dbt_valid_to_current = config.get('dbt_valid_to_current') -%}
        {%- set rewritten_history -%}
            with closing as (

                select
                    {{ columns.dbt_scd_id }} as closed_scd_id,
                    min({{ columns.dbt_valid_to }}) as closed_at
                from {{ changes }}
                where dbt_change_type in ('update', 'delete')
                group by {{ columns.dbt_scd_id }}

            )

            -- every version recorded, a current one closed when it changed or vanished
            select
                {%- for column in history_columns %}
                {%- set name = adapter.quote(column.name) %}
                {%- if column.name | lower == columns.dbt_valid_to | lower %}
                case
                    when closing.closed_scd_id is not null
                        and (
                            history.{{ name }} is null
                            {%- if dbt_valid_to_current %}
                            or history.{{ name }} = {{ dbt_valid_to_current }}
                            {%- endif %}
                        )
                        then closing.closed_at
                    else history.{{ name }}
                end as {{ name }}
                {%- else %}
                history.{{ name }}
                {%- endif %}
                {{- ',' if not loop.last }}
                {%- endfor %}
            from {{ target_relation }} as history
            left join closing
                on history.{{ columns.dbt_scd_id }} = closing.closed_scd_id

            union all

            -- the new versions (a column the source no longer has stays empty)
            select
                {%- for column in history_columns %}
                {%- set name = adapter.quote(column.name) %}
                {%- if column.name | lower in changed_names %}
                changes.{{ name }}
                {%- else %}
                cast(null as {{ column.data_type }}) as {{ name }}
                {%- endif %}
                {{- ',' if not loop.last }}
                {%- endfor %}
            from {{ changes }} as changes
            left anti join {{ target_relation }} as history
                on changes.{{ columns.dbt_scd_id }} = history.{{ columns.dbt_scd_id }}
            where changes.dbt_change_type = 'insert'
        {%- endset -%}

        {%- do rewrite_spark_table(target_relation, rewritten_history, statement_name='main') -%}
        {%- do adapter.drop_relation(changes) -%}

    {%- endif -%}

    {%- do apply_grants(
        target_relation, config.get('grants'),
        should_revoke(target_relation_exists, full_refresh_mode=False)
    ) -%}
    {%- do persist_docs(target_relation, model) -%}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}

{% endmaterialization %}
