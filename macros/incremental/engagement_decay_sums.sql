{#-
    How int_engagement_decay_sums is maintained (see the model). Its settled days are those
    before the latest day counted minus var late_event_lookback_days: the days
    int_engagement_event_days_loaded will never recount, unless it reloads every event. A run
    either adds the days settled since the last run, anchored as before, or sums every settled
    day again from scratch, anchored on the new frontier ("recompute"), when:
      - the model is built in full (first run, --full-refresh) or holds nothing yet;
      - the half-lives, daily limits or event types of a weight set, or the opt-out spellings
        (var opt_out_event_types), are not those the sums were made with;
      - a day before the frontier was counted again (the event log was reloaded in full), or
        the frontier moved back (the latest days lost their events);
      - the anchor lies more than var engagement_decay_rebase_after_days behind the settled
        days, or the latest day so many half-lives after it that 2 ** (days / half-life) would
        near a double's range: the rebase.
    Returns {recompute, reason, anchor, settle_from, settle_before, configuration}; dates as
    'YYYY-MM-DD' (settle_before none: no day counted yet, nothing to sum). Read when the model
    compiles and again when its pre-hook renders, both before the hook deletes anything.
-#}
{% macro engagement_decay_plan() -%}
    {%- set plan = {
        'recompute': true, 'reason': 'built in full', 'anchor': none, 'settle_from': none,
        'settle_before': none, 'configuration': ''
    } -%}
    {#- (a relation not built yet: compiled without a warehouse, as the SQL linter does) -#}
    {%- if not execute
        or load_relation(ref('int_engagement_event_days_loaded')) is none
        or load_relation(ref('int_event_weights_configured')) is none -%}
        {{ return(plan) }}
    {%- endif -%}
    {%- set weights = run_query(
        "select weight_set, event_type, half_life_days, max_events_per_day from "
        ~ ref('int_event_weights_configured') ~ " order by weight_set, event_type"
    ) -%}
    {%- set half_lives = [] -%}
    {%- for row in weights.rows if row[2] is not none -%}
        {%- do half_lives.append(row[2] | float) -%}
    {%- endfor -%}
    {%- set described = [] -%}
    {%- for row in weights.rows -%}
        {%- do described.append(row | map('string') | join(',')) -%}
    {%- endfor -%}
    {%- do plan.update({'configuration': local_md5(
        described | join(';') ~ ';' ~ tojson(var('opt_out_event_types'))
    )}) -%}
    {%- set latest_day = run_query(
        "select max(occurred_on) from " ~ ref('int_engagement_event_days_loaded')
    ).columns[0].values()[0] -%}
    {%- if latest_day is none -%}
        {%- do plan.update({'reason': 'no day counted yet'}) -%}
        {{ return(plan) }}
    {%- endif -%}
    {%- set settle_before = latest_day - modules.datetime.timedelta(days=late_event_lookback_days()) -%}
    {%- do plan.update({
        'anchor': settle_before.strftime('%Y-%m-%d'),
        'settle_before': settle_before.strftime('%Y-%m-%d'),
    }) -%}
    {%- if not is_incremental() -%}
        {{ return(plan) }}
    {%- endif -%}
    {%- set kept = run_query(
        "select max(settled_before), max(anchored_on), max(decay_configuration), "
        ~ "count(distinct decay_configuration), "
        ~ "(select count(*) from " ~ ref('int_engagement_event_days_loaded') ~ " as days "
        ~ "where days.counted_at > (select max(summed_at) from " ~ this ~ ") "
        ~ "and days.occurred_on < (select max(settled_before) from " ~ this ~ ")) "
        ~ "from " ~ this
    ).rows[0] -%}
    {%- set settled_before, anchor = kept[0], kept[1] -%}
    {%- set rebase_after_days = engagement_decay_rebase_after_days() -%}
    {#- 2 ** 500 leaves a sum of many days far from a double's limit, 2 ** 1024 -#}
    {%- set most_days_ahead = (500 * half_lives | min) | int if half_lives else none -%}
    {%- if settled_before is none -%}
        {%- do plan.update({'reason': 'nothing summed yet'}) -%}
    {%- elif kept[3] != 1 or kept[2] != plan.configuration -%}
        {%- do plan.update({'reason': 'the event weights or opt-out spellings changed'}) -%}
    {%- elif settle_before < settled_before -%}
        {%- do plan.update({'reason': 'the latest day counted moved back'}) -%}
    {%- elif kept[4] > 0 -%}
        {%- do plan.update({
            'reason': 'days before ' ~ settled_before.strftime('%Y-%m-%d') ~ ' were counted again'
        }) -%}
    {%- elif (settle_before - anchor).days > rebase_after_days -%}
        {%- do plan.update({
            'reason': 'rebased: the anchor ' ~ anchor.strftime('%Y-%m-%d') ~ ' is '
            ~ (settle_before - anchor).days ~ ' days behind the settled days, over '
            ~ rebase_after_days
        }) -%}
    {%- elif most_days_ahead is not none and (latest_day - anchor).days > most_days_ahead -%}
        {%- do plan.update({
            'reason': 'rebased: the latest day is ' ~ (latest_day - anchor).days ~ ' days after'
            ~ ' the anchor, over 500 of the shortest half-life'
        }) -%}
    {%- else -%}
        {%- do plan.update({
            'recompute': false,
            'reason': 'adding the days from ' ~ settled_before.strftime('%Y-%m-%d'),
            'anchor': anchor.strftime('%Y-%m-%d'),
            'settle_from': settled_before.strftime('%Y-%m-%d'),
        }) -%}
    {%- endif -%}
    {{ return(plan) }}
{%- endmacro %}

{#-
    Pre-hooks of int_engagement_decay_sums: what the run writes again goes first. Every row when
    it recomputes, otherwise the rows of days not settled yet (the previous run's); then every
    row of a candidate with an erasure request (the plan is not read again after a delete).
-#}
{% macro delete_engagement_decay_rows_to_redo() -%}
    {%- if is_incremental() -%}
        {{ delete_partitions_where(
            this, 'is_settled', 'true' if engagement_decay_plan().recompute else 'not is_settled'
        ) }}
    {%- endif -%}
{%- endmacro %}

{#-
    Var engagement_decay_rebase_after_days, checked where it is used: the most days the sums'
    anchor may lie behind the settled days before they are summed again from a new anchor.
-#}
{% macro engagement_decay_rebase_after_days() -%}
    {%- set days = var('engagement_decay_rebase_after_days', 28) -%}
    {%- if days is not number or days < 1 or days != days | int -%}
        {{ exceptions.raise_compiler_error(
            "var engagement_decay_rebase_after_days must be a whole number of days, 1 or more,"
            ~ " got '" ~ days ~ "'"
        ) }}
    {%- endif -%}
    {{ return(days | int) }}
{%- endmacro %}
