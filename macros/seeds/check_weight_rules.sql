{#-
    The scoring rules of the weight seeds, checked before the run (check_seed_files, DuckDB)
    so that a mistake stops it naming the file, the line and the value, where the seed tests
    would only say "Got 1 result": a criterion that vars.scoring_criteria does not have, or of
    the wrong source; the same rule twice (a value in any case, a band, an event type); two
    bands of a criterion that overlap; a weight set of score_tiers.csv without a row in
    attribute_points.csv or event_points.csv. seeds: {name: {file, csv}}, csv a read_csv
    expression of the file with every column as text.
-#}
{% macro check_weight_rules(seeds) -%}
    {%- set attribute = seeds['attribute_points'] -%}
    {%- set event = seeds['event_points'] -%}
    {%- set tiers = seeds['score_tiers'] -%}
    {%- set sources = {} -%}
    {%- set names = {'attribute': [], 'event': []} -%}
    {%- for criterion in scoring_criteria() -%}
        {%- do sources.update({criterion.name: criterion.source}) -%}
        {%- do names[criterion.source].append(criterion.name) -%}
    {%- endfor -%}
    {%- for seed, source in [(attribute, 'attribute'), (event, 'event')] -%}
        {%- set rows = run_query(
            'select line, criterion from (select row_number() over () + 1 as line, criterion '
            ~ 'from ' ~ seed.csv ~ ') where criterion is not null order by line'
        ).rows -%}
        {%- for row in rows if sources.get(row[1]) != source -%}
            {{ exceptions.raise_compiler_error(
                seed.file ~ " line " ~ row[0] ~ ", column criterion: '" ~ row[1] ~ "' is "
                ~ ("not a criterion of vars.scoring_criteria" if row[1] not in sources
                    else "a criterion of source " ~ sources[row[1]] ~ ", not " ~ source)
                ~ " (" ~ source ~ " criteria: " ~ names[source] | join(', ') ~ ")"
            ) }}
        {%- endfor -%}
    {%- endfor -%}
    {%- set checks = [
        (attribute, "the same rule twice",
            "select min(line), max(line), weight_set || ', ' || criterion || ', '"
            ~ " || coalesce(lower(match_value), '[' || coalesce(band_min, '') || ', '"
            ~ " || coalesce(band_max, '') || ')')"
            ~ " from (select row_number() over () + 1 as line, * from " ~ attribute.csv ~ ")"
            ~ " group by weight_set, criterion, lower(match_value), band_min, band_max"
            ~ " having count(*) > 1"),
        (event, "the same event type twice",
            "select min(line), max(line), weight_set || ', ' || event_type"
            ~ " from (select row_number() over () + 1 as line, * from " ~ event.csv ~ ")"
            ~ " group by weight_set, event_type having count(*) > 1"),
        (attribute, "two bands that overlap",
            "with bands as (select row_number() over () + 1 as line, weight_set, criterion,"
            ~ " band_min, band_max, coalesce(try_cast(band_min as double), '-inf') as low,"
            ~ " coalesce(try_cast(band_max as double), 'inf') as high"
            ~ " from " ~ attribute.csv ~ ")"
            ~ " select a.line, b.line, a.weight_set || ', ' || a.criterion || ': ['"
            ~ " || coalesce(a.band_min, '') || ', ' || coalesce(a.band_max, '') || ') and ['"
            ~ " || coalesce(b.band_min, '') || ', ' || coalesce(b.band_max, '') || ')'"
            ~ " from bands as a inner join bands as b on a.weight_set = b.weight_set"
            ~ " and a.criterion = b.criterion and a.line < b.line"
            ~ " and a.low < b.high and b.low < a.high"
            ~ " where coalesce(a.band_min, a.band_max) is not null"
            ~ " and coalesce(b.band_min, b.band_max) is not null"),
    ] -%}
    {%- for seed, problem, sql in checks -%}
        {%- set found = run_query(sql ~ ' order by 1, 2 limit 1').rows -%}
        {%- for row in found -%}
            {{ exceptions.raise_compiler_error(
                seed.file ~ " lines " ~ row[0] ~ " and " ~ row[1] ~ ": " ~ problem ~ " ("
                ~ row[2] ~ ")"
            ) }}
        {%- endfor -%}
    {%- endfor -%}
    {%- for seed in [attribute, event] -%}
        {%- set missing = run_query(
            'select min(line), weight_set from (select row_number() over () + 1 as line, '
            ~ 'weight_set from ' ~ tiers.csv ~ ') where weight_set not in (select weight_set '
            ~ 'from ' ~ seed.csv ~ ' where weight_set is not null) group by weight_set '
            ~ 'order by 1 limit 1'
        ).rows -%}
        {%- for row in missing -%}
            {{ exceptions.raise_compiler_error(
                tiers.file ~ " line " ~ row[0] ~ ": weight set '" ~ row[1] ~ "' has no row in "
                ~ seed.file ~ ": it would score 0 on every criterion there"
            ) }}
        {%- endfor -%}
    {%- endfor -%}
{%- endmacro %}
