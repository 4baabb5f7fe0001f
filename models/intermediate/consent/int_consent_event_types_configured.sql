-- The event types that speak to consent (vars opt_out_event_types and re_consent_event_types in
-- dbt_project.yml), one row per spelling. Configuration of its own, not a weight: no weight set
-- can turn an opt-out off. A view: it only restates configuration.

{{ config(materialized='view') }}

{%- set types = consent_event_types() %}

with consent_event_types as (

    {%- for type in types %}

    select
        {{ quoted_literal(type.event_type) }} as event_type,
        {{ quoted_literal(type.consent_effect) }} as consent_effect,
        {{ quoted_literal(type.reason) }} as reason
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

)

select * from consent_event_types
