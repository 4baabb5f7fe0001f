{#-
    The backtest settings (var backtest), checked: a bad value stops the run naming the setting
    instead of reaching SQL as a date grid of nonsense. Returns the dict with its defaults.
-#}
{% macro backtest_settings() -%}
    {%- set settings = var('backtest', {}) or {} -%}
    {%- set checked = {
        'months': settings.get('months', 12),
        'outcome_window_days': settings.get('outcome_window_days', 90),
        'outcomes': settings.get('outcomes', ['placement']),
        'holdout_share': settings.get('holdout_share', 0.3),
    } -%}
    {%- set known_outcomes = ['placement', 'application', 'good_fit_feedback'] -%}
    {%- if checked.months is not number or checked.months < 1 or checked.months > 120
        or checked.months != checked.months | int -%}
        {{ exceptions.raise_compiler_error(
            "var backtest.months must be a whole number of months from 1 to 120, got '"
            ~ checked.months ~ "'"
        ) }}
    {%- endif -%}
    {%- if checked.outcome_window_days is not number or checked.outcome_window_days < 1
        or checked.outcome_window_days != checked.outcome_window_days | int -%}
        {{ exceptions.raise_compiler_error(
            "var backtest.outcome_window_days must be a whole number of days, at least 1, got '"
            ~ checked.outcome_window_days ~ "'"
        ) }}
    {%- endif -%}
    {%- if checked.outcomes is string or checked.outcomes is not iterable
        or checked.outcomes | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "var backtest.outcomes must be a list of outcomes (" ~ known_outcomes | join(', ')
            ~ "), the primary first, got '" ~ checked.outcomes ~ "'"
        ) }}
    {%- endif -%}
    {%- for outcome in checked.outcomes if outcome not in known_outcomes -%}
        {{ exceptions.raise_compiler_error(
            "var backtest.outcomes: unknown outcome '" ~ outcome ~ "' (known: "
            ~ known_outcomes | join(', ') ~ ")"
        ) }}
    {%- endfor -%}
    {%- if checked.holdout_share is not number or checked.holdout_share <= 0
        or checked.holdout_share >= 1 -%}
        {{ exceptions.raise_compiler_error(
            "var backtest.holdout_share must be a share strictly between 0 and 1, got '"
            ~ checked.holdout_share ~ "'"
        ) }}
    {%- endif -%}
    {{ return(checked) }}
{%- endmacro %}
