-- Warns when a weight row of the set in force never applies: an attribute row no candidate's
-- value matches, or an event type with no usable event up to the as-of date (a recruiter
-- disposition counts as an event recruiter_<disposition>, an opt-out spelling as its opt-out).
-- Often a spelling the extract does not use ('Software' vs 'software' is normalised; 'IT' vs
-- 'information technology' is not), so the points the reviewer approved are given to nobody.
-- The event types come from the decayed counts of the live scenario, a table, not from the
-- day counts' view (at 1M candidates that view recomputes 24M rows: 24 s of a night's run).

{{ config(severity='warn') }}

with attribute_weights as (

    select * from {{ ref('int_attribute_weights_selected') }}

),

attribute_matches as (

    select distinct
        weight_set,
        criterion,
        rule_label
    from {{ ref('int_candidate_attributes_matched') }}

),

event_weights as (

    select * from {{ ref('int_event_weights_selected') }}

),

live_scenario as (

    select * from {{ ref('int_scoring_scenarios') }}
    where is_live

),

event_types_seen as (

    select distinct decayed.event_type
    from {{ ref('int_candidate_event_types_decayed') }} as decayed
    inner join live_scenario
        on
            decayed.as_of_date = live_scenario.as_of_date
            and decayed.weight_set = live_scenario.weight_set

)

select
    'attribute_points' as seed,
    attribute_weights.criterion,
    attribute_weights.rule_label as weight_row
from attribute_weights
left join attribute_matches
    on
        attribute_weights.weight_set = attribute_matches.weight_set
        and attribute_weights.criterion = attribute_matches.criterion
        and attribute_weights.rule_label = attribute_matches.rule_label
where attribute_matches.criterion is null

union all

select
    'event_points' as seed,
    event_weights.criterion,
    event_weights.event_type as weight_row
from event_weights
left join event_types_seen
    on event_weights.event_type = event_types_seen.event_type
where event_types_seen.event_type is null
