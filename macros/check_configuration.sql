{#-
    Runs before every dbt command that executes SQL (on-run-start): the vars that are not
    checked where they are used are checked here, so a bad value stops the run naming the var
    instead of reaching SQL: the raw source location must be plain names, the warning
    thresholds (weight_set_coverage's too) shares between 0 and 1.
-#}
{% macro check_configuration() -%}
    {%- for name in ['raw_database', 'raw_schema'] -%}
        {%- set value = var(name) -%}
        {%- if value is not none
            and modules.re.fullmatch('[A-Za-z0-9_][A-Za-z0-9_$-]*', value | string) is none -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ name ~ " must be a plain database or schema name (letters, digits, "
                ~ "_ $ -), got '" ~ value ~ "'"
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {%- for name in ['max_rejected_row_share', 'max_share_without_consent_value'] -%}
        {%- set value = var(name) -%}
        {%- if value is not number or value < 0 or value > 1 -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ name ~ " must be a share between 0 and 1, got '" ~ value ~ "'"
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {%- for name in ['min_matched_value_share', 'max_share_in_one_tier'] -%}
        {%- do weight_set_coverage(name) -%}
    {%- endfor -%}
    {%- for hash in var('lifted_erasures') or [] -%}
        {%- if modules.re.fullmatch('[0-9a-f]{32}', hash | string) is none -%}
            {{ exceptions.raise_compiler_error(
                "var lifted_erasures: '" ~ hash ~ "' is not an md5 hash (32 lower-case hex "
                ~ "digits, select md5('<ID>') on the id as staging writes it)"
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {%- if var('run_backtest') not in [true, false] -%}
        {{ exceptions.raise_compiler_error(
            "var run_backtest must be true or false, got '" ~ var('run_backtest') ~ "'"
        ) }}
    {%- endif -%}
    {#- without the backtest grid, a backtest model would be rebuilt empty -#}
    {%- if not var('run_backtest') -%}
        {%- for unique_id in selected_resources
            if unique_id.startswith('model.') and 'backtest' in graph.nodes[unique_id].tags -%}
            {{ exceptions.raise_compiler_error(
                "var run_backtest is false but " ~ graph.nodes[unique_id].name ~ " (tag backtest)"
                ~ " is selected: it would be rebuilt without the backtest grid. Add"
                ~ " --exclude tag:backtest"
            ) }}
        {%- endfor -%}
    {%- endif -%}
    {%- if var('allow_future_as_of_date') not in [true, false] -%}
        {{ exceptions.raise_compiler_error(
            "var allow_future_as_of_date must be true or false, got '"
            ~ var('allow_future_as_of_date') ~ "'"
        ) }}
    {%- endif -%}
{%- endmacro %}
