{#-
    The event types that speak to consent, from vars opt_out_event_types (reason -> spellings)
    and re_consent_event_types (spellings), as a list of {event_type, consent_effect, reason}:
    consent_effect is 'opt_out' or 're_consent'. Spellings are snake case, as staging
    normalises event types; a spelling listed twice stops compilation naming it.
-#}
{% macro consent_event_types() -%}
    {%- set types = [] -%}
    {%- set seen = [] -%}
    {%- set entries = [] -%}
    {%- for reason, spellings in var('opt_out_event_types').items() -%}
        {%- for spelling in spellings -%}
            {%- do entries.append((spelling, 'opt_out', reason, 'opt_out_event_types')) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for spelling in var('re_consent_event_types') -%}
        {%- do entries.append((spelling, 're_consent', 're_consent', 're_consent_event_types')) -%}
    {%- endfor -%}
    {%- for spelling, effect, reason, var_name in entries -%}
        {%- if modules.re.fullmatch('[a-z0-9]+(_[a-z0-9]+)*', spelling | string) is none
            or modules.re.fullmatch('[a-z0-9]+(_[a-z0-9]+)*', reason | string) is none -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ var_name ~ ": '" ~ reason ~ "' / '" ~ spelling
                ~ "' must be snake case, as staging writes event types"
            ) }}
        {%- endif -%}
        {%- if spelling in seen -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ var_name ~ ": event type '" ~ spelling ~ "' is listed twice"
            ) }}
        {%- endif -%}
        {%- do seen.append(spelling) -%}
        {%- do types.append({'event_type': spelling, 'consent_effect': effect, 'reason': reason}) -%}
    {%- endfor -%}
    {{ return(types) }}
{%- endmacro %}
