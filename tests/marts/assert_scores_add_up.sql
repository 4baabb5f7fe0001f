-- Each score component is the sum of the points columns of the criteria whose family adds to
-- it (var score_components), and the total the sum of the components. Returns every candidate
-- where not.

{%- set criteria = scoring_criteria() %}
{%- set components = score_components() %}

select
    candidate_id,
    total_score
from {{ ref('candidate_scores') }}
where
    {%- for component in components %}
    {{ component.name }}_score != (
        0
        {%- for criterion in criteria if criterion.score_component == component.name %}
        + {{ criterion.name }}_points
        {%- endfor %}
    )
    or
    {%- endfor %}
    total_score != (
        0
        {%- for component in components %}
        + {{ component.name }}_score
        {%- endfor %}
    )
