-- The attribute weight rows of the weight set in force (chosen in int_scoring_scenarios): what the
-- live marts, the worklist and the data tests of the set in force read.

{{ config(materialized='view') }}

with configured as (

    select * from {{ ref('int_attribute_weights_configured') }}

),

in_force as (

    select distinct weight_set from {{ ref('int_scoring_scenarios') }}
    where is_weight_set_in_force

),

selected as (

    select configured.*
    from configured
    inner join in_force
        on configured.weight_set = in_force.weight_set

)

select * from selected
