{#-
    How the fit chain is maintained (int_candidates_enriched, then
    int_candidate_attributes_unpivoted, _matched and _scored; the fit_points doc). Fit points
    depend on a candidate's versions and on the fit configuration only, never on the date, so a
    night writes again only the candidates whose versions changed. int_candidates_enriched finds
    them by comparing every column of the candidate's versions with what it holds; each model
    after it redoes the candidates its parent wrote since its own last run (enriched_at).
-#}

{#-
    The fit configuration, as an md5: what the fit points depend on besides the candidates (the
    seniority keywords, var default_seniority, the attribute criteria, var
    extra_candidate_columns and every weight set's attribute rows). Empty when compiled without
    a warehouse (the SQL linter) or in a unit test (whose inputs are no relations).
-#}
{% macro fit_configuration() -%}
    {%- if not execute or model.resource_type == 'unit_test' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set weights = ref('int_attribute_weights_configured') -%}
    {%- set keywords = ref('job_title_seniority_keywords') -%}
    {%- if load_relation(weights) is none or load_relation(keywords) is none -%}
        {{ return('') }}
    {%- endif -%}
    {%- set described = [] -%}
    {%- for relation in [weights, keywords] -%}
        {%- for row in run_query('select * from ' ~ relation).rows -%}
            {%- do described.append(relation.identifier ~ ':' ~ row | map('string') | join(',')) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(local_md5(
        described | sort | join(';')
        ~ ';' ~ tojson(scoring_criteria(source='attribute'))
        ~ ';' ~ tojson(var('extra_candidate_columns'))
        ~ ';' ~ var('default_seniority')
    )) }}
{%- endmacro %}

{#-
    Whether int_candidates_enriched enriches every version again (a full build, an empty
    table, another fit configuration) or only those of the candidates whose versions changed.
    Returns {recompute, reason, configuration}. Read when the model compiles and again when its
    pre-hook renders, both before the hook deletes anything.
-#}
{% macro fit_plan() -%}
    {%- set plan = {
        'recompute': true, 'reason': 'built in full', 'configuration': fit_configuration()
    } -%}
    {%- if not execute or not is_incremental() -%}
        {{ return(plan) }}
    {%- endif -%}
    {%- set kept = run_query(
        'select count(distinct fit_configuration), max(fit_configuration) from ' ~ this
    ).rows[0] -%}
    {%- if kept[0] == 0 -%}
        {%- do plan.update({'reason': 'nothing enriched yet'}) -%}
    {%- elif kept[0] != 1 or kept[1] != plan.configuration -%}
        {%- do plan.update({'reason': 'the fit configuration changed'}) -%}
    {%- else -%}
        {%- do plan.update({
            'recompute': false,
            'reason': 'enriching the candidates whose versions changed'
        }) -%}
    {%- endif -%}
    {{ return(plan) }}
{%- endmacro %}

{#-
    Pre-hook of int_candidates_enriched: every row when it recomputes; otherwise every row of a
    candidate with a version that is new, gone, or differs in any column from the one kept
    (the columns of stg_recruitment__candidate_versions; a set difference, so NULLs compare
    equal). The model then enriches every candidate it does not hold.
-#}
{% macro delete_fit_versions_changed() -%}
    {%- if is_incremental() -%}
        {%- if fit_plan().recompute -%}
            {{ delete_rows_where(this, 'true') }}
        {%- else -%}
            {%- set versions = ref('stg_recruitment__candidate_versions') -%}
            {%- set columns = [] -%}
            {%- for column in adapter.get_columns_in_relation(versions) -%}
                {%- do columns.append(adapter.quote(column.name)) -%}
            {%- endfor -%}
            {%- set listed = columns | join(', ') -%}
            {{ delete_rows_where(
                this,
                'candidate_id in ('
                ~ 'select candidate_id from (select ' ~ listed ~ ' from ' ~ versions
                ~ ' except select ' ~ listed ~ ' from ' ~ this ~ ') as new_or_changed'
                ~ ' union select candidate_id from (select ' ~ listed ~ ' from ' ~ this
                ~ ' except select ' ~ listed ~ ' from ' ~ versions ~ ') as gone_or_changed)'
            ) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#-
    The latest enriched_at an incremental fit model holds, as a timestamp literal: the rows its
    parent wrote after it are the candidates to redo. NULL when it holds none (all are). Read
    before the pre-hook deletes anything.
-#}
{% macro fit_rows_enriched_through() -%}
    {%- set latest = run_query(
        'select cast(max(enriched_at) as ' ~ dbt.type_string() ~ ') from ' ~ this
    ).columns[0].values()[0] -%}
    {{ return(
        "cast('" ~ latest ~ "' as " ~ dbt.type_timestamp() ~ ")"
        if latest is not none else 'cast(null as ' ~ dbt.type_timestamp() ~ ')'
    ) }}
{%- endmacro %}

{#-
    The condition on the parent's rows that a run of an incremental fit model reads: those
    written since its last run (every row when it holds none).
-#}
{% macro fit_rows_to_redo() -%}
    {%- if is_incremental() -%}
        {%- set through = fit_rows_enriched_through() -%}
        (enriched_at > {{ through }} or {{ through }} is null)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#-
    Pre-hook of the fit models after int_candidates_enriched: the rows of the candidates the
    parent wrote since this model's last run, and of candidates the parent no longer holds.
    Correlated exists, not `in` / `not in`: under an `or`, Spark keeps `not in`'s NULL
    semantics with a nested-loop join, every kept row against every parent row (at 1M
    candidates the night's hook ran for over 12 minutes; with exists, hash joins, 6 s).
-#}
{% macro delete_fit_rows_to_redo(parent) -%}
    {%- if is_incremental() -%}
        {%- set kept_candidate = this.identifier ~ '.candidate_id' -%}
        {{ delete_rows_where(
            this,
            'exists (select 1 from ' ~ parent ~ ' as parent where parent.candidate_id = '
            ~ kept_candidate ~ ' and ' ~ fit_rows_to_redo() ~ ') or not exists (select 1 from '
            ~ parent ~ ' as parent where parent.candidate_id = ' ~ kept_candidate ~ ')'
        ) }}
    {%- endif -%}
{%- endmacro %}

{#-
    Pre-hook of int_candidate_fit_criteria_combined: the rows of every candidate that is no
    longer in force with the version, the weight set in force and the fit points it was
    written with (enriched_at: written again since, e.g. for a corrected version or another
    fit configuration), or no longer scored. The model then writes every candidate in force it
    does not hold. A candidate never enriched (no enriched_at) is written again every run.
-#}
{% macro delete_fit_criteria_to_redo() -%}
    {%- if is_incremental() -%}
        {%- set kept = this.identifier -%}
        {{ delete_rows_where(
            this,
            'not exists (select 1 from ' ~ ref('int_candidate_versions_in_force') ~ ' as versions'
            ~ ' inner join ' ~ ref('int_scoring_scenarios') ~ ' as scenarios'
            ~ ' on versions.as_of_date = scenarios.as_of_date and scenarios.is_live'
            ~ ' inner join ' ~ ref('int_candidates_enriched') ~ ' as enriched'
            ~ ' on versions.candidate_id = enriched.candidate_id'
            ~ ' and versions.version_rank = enriched.version_rank'
            ~ ' where versions.candidate_id = ' ~ kept ~ '.candidate_id'
            ~ ' and versions.version_rank = ' ~ kept ~ '.version_rank'
            ~ ' and scenarios.weight_set = ' ~ kept ~ '.weight_set'
            ~ ' and enriched.enriched_at = ' ~ kept ~ '.enriched_at)'
        ) }}
    {%- endif -%}
{%- endmacro %}
