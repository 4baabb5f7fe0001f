{#-
    Runs before every dbt command that loads or reads seeds (on-run-start): reads each of the
    project's seed CSV files as text and stops the run with a message naming the file, the line
    and the problem, before dbt's own loader fails on it with a message that names neither:
    - an empty file, one that starts with a byte-order mark, or a header that lacks a column
      the seed's column_types declare, or has one they do not (a renamed or misspelt column);
    - a line with more or fewer fields than the header (a stray comma), or a file that does
      not end with a line break (cut short);
    - a value that is not of its column's type ('eight' points, 'yes' as a number);
    - a weight set in force (var weight_set) that score_tiers.csv does not have;
    - a cell that is the text None (restore_empty_seed_cells would empty it on Spark).
    Only DuckDB reads files from SQL; on other engines dbt seed and the seed tests report.
-#}
{% macro check_seed_files() -%}
    {{ return(adapter.dispatch('check_seed_files', 'candidate_scoring')()) }}
{%- endmacro %}

{% macro default__check_seed_files() -%}
{%- endmacro %}

{% macro duckdb__check_seed_files() -%}
    {%- if execute -%}
    {%- set weight_seeds = {} -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'seed' and node.package_name == project_name -%}
        {%- set file = node.original_file_path -%}
        {%- set path = quoted_literal(node.root_path ~ '/' ~ file) -%}
        {%- set column_types = node.config.column_types -%}
        {%- set content = run_query(
            'select content from read_text(' ~ path ~ ')'
        ).columns[0].values()[0] -%}
        {%- if content is none or content | trim == '' -%}
            {{ exceptions.raise_compiler_error(
                file ~ " is empty: it needs at least its header line, "
                ~ column_types.keys() | join(',')
            ) }}
        {%- endif -%}
        {#- Excel's 'CSV UTF-8' starts the file with a byte-order mark: invisible, it would
            stick to the first column's name and be reported as a misspelt header -#}
        {%- if content.startswith('\ufeff') -%}
            {{ exceptions.raise_compiler_error(
                file ~ " starts with a UTF-8 byte-order mark (an invisible character some "
                ~ "editors write first, Excel's 'CSV UTF-8' among them): save the file as "
                ~ "UTF-8 without a byte-order mark"
            ) }}
        {%- endif -%}
        {%- if not content.endswith('\n') -%}
            {{ exceptions.raise_compiler_error(
                file ~ " does not end with a line break: the file may have been cut short. "
                ~ "Check its last line (" ~ content.splitlines()[-1][:60] ~ ") and end it "
                ~ "with a line break."
            ) }}
        {%- endif -%}
        {%- set header = [] -%}
        {%- for name in content.strip().splitlines()[0].split(',') -%}
            {%- do header.append(name | trim | replace('"', '')) -%}
        {%- endfor -%}
        {%- set missing = column_types.keys() | reject('in', header) | list -%}
        {%- set unexpected = header | reject('in', column_types.keys()) | list -%}
        {%- if missing or unexpected -%}
            {{ exceptions.raise_compiler_error(
                file ~ " line 1 (the header): "
                ~ ("missing column(s) " ~ missing | join(', ') ~ "; " if missing else "")
                ~ ("unknown column(s) " ~ unexpected | join(', ') ~ "; " if unexpected else "")
                ~ "expected " ~ column_types.keys() | join(',')
            ) }}
        {%- endif -%}
        {%- set columns = [] -%}
        {%- for name in header -%}
            {%- do columns.append(quoted_literal(name) ~ ": 'varchar'") -%}
        {%- endfor -%}
        {%- set csv -%}
            read_csv({{ path }}, header = true, auto_detect = false, quote = '"',
                escape = '"', columns = { {{ columns | join(', ') }} },
                ignore_errors = true, store_rejects = true,
                rejects_table = 'seed_check_rejects_{{ loop.index }}',
                rejects_scan = 'seed_check_scans_{{ loop.index }}')
        {%- endset -%}
        {%- set row_count = run_query('select count(*) from ' ~ csv).columns[0].values()[0] -%}
        {%- if node.name in ('attribute_points', 'event_points', 'score_tiers') -%}
            {%- do weight_seeds.update({node.name: {'file': file, 'csv': csv}}) -%}
            {#- a header alone builds, and every score of the file's kind is 0 -#}
            {%- if row_count == 0 -%}
                {{ exceptions.raise_compiler_error(
                    file ~ " has its header and no row: every weight set would score 0 there"
                ) }}
            {%- endif -%}
        {%- endif -%}
        {%- set rejects = run_query(
            'select line, min(error_message) from seed_check_rejects_' ~ loop.index
            ~ ' group by line order by line limit 3'
        ) -%}
        {%- if rejects.rows | length > 0 -%}
            {%- set lines = [] -%}
            {%- for row in rejects.rows -%}
                {%- do lines.append(file ~ " line " ~ row[0] ~ ": " ~ row[1]) -%}
            {%- endfor -%}
            {{ exceptions.raise_compiler_error(
                "a line of the seed does not fit its header:\n" ~ lines | join('\n')
            ) }}
        {%- endif -%}
        {#- the weight set in force must have tiers: a misspelt name would otherwise rebuild
            part of the models with no weights and leave the rest of the last run in place -#}
        {%- if node.name == 'score_tiers' -%}
            {%- set weight_sets = run_query(
                'select distinct weight_set from ' ~ csv ~ ' where weight_set is not null '
                ~ 'order by 1'
            ).columns[0].values() -%}
            {%- if var('weight_set') | string not in weight_sets -%}
                {{ exceptions.raise_compiler_error(
                    "var weight_set '" ~ var('weight_set') ~ "' has no tiers in " ~ file
                    ~ " (weight sets there: " ~ weight_sets | join(', ') ~ ")"
                ) }}
            {%- endif -%}
        {%- endif -%}
        {%- for name, data_type in column_types.items()
            if data_type | lower not in ('varchar', 'string', 'text') -%}
            {%- set bad_values = run_query(
                'select line, value from (select row_number() over () + 1 as line, '
                ~ adapter.quote(name) ~ ' as value from ' ~ csv ~ ') '
                ~ 'where value is not null and try_cast(value as ' ~ data_type ~ ') is null '
                ~ 'order by line limit 3'
            ) -%}
            {%- for row in bad_values.rows -%}
                {{ exceptions.raise_compiler_error(
                    file ~ " line " ~ row[0] ~ ", column " ~ name ~ ": '" ~ row[1]
                    ~ "' is not a " ~ data_type
                ) }}
            {%- endfor -%}
        {%- endfor -%}
        {#- Spark loads an empty cell as 'None' and restore_empty_seed_cells empties it again:
            a real 'None' would be lost there, so no engine accepts it -#}
        {%- for name in header -%}
            {%- set none_cells = run_query(
                'select line from (select row_number() over () + 1 as line, '
                ~ adapter.quote(name) ~ ' as value from ' ~ csv ~ ') '
                ~ "where value = 'None' order by line limit 1"
            ) -%}
            {%- for row in none_cells.rows -%}
                {{ exceptions.raise_compiler_error(
                    file ~ " line " ~ row[0] ~ ", column " ~ name ~ ": 'None' is not a value "
                    ~ "a seed may hold (leave the cell empty for no value)"
                ) }}
            {%- endfor -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if weight_seeds | length == 3 -%}
        {{ check_weight_rules(weight_seeds) }}
    {%- endif -%}
    {%- endif -%}
{%- endmacro %}
