-- The weight set in force (var weight_set) has tiers in seeds/score_tiers.csv: without them no
-- candidate gets a tier. Returns a row naming the weight set when it has none.

with tier_rows as (

    select count(*) as tier_count from {{ ref('int_score_tiers_selected') }}

)

select {{ weight_set_in_force() }} as weight_set_without_tiers
from tier_rows
where tier_count = 0
