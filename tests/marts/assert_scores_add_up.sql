-- The fit score is the sum of the fit criteria columns, the engagement score the sum of the
-- engagement criteria columns, and the total their sum. Returns every candidate where not.

{%- set criteria = scoring_criteria() %}

select
    candidate_id,
    fit_score,
    engagement_score,
    total_score
from {{ ref('candidate_scores') }}
where
    fit_score != (
        0
        {%- for criterion in criteria if criterion.score == 'fit' %}
        + {{ criterion.name }}_points
        {%- endfor %}
    )
    or engagement_score != (
        0
        {%- for criterion in criteria if criterion.score == 'engagement' %}
        + {{ criterion.name }}_points
        {%- endfor %}
    )
    or total_score != fit_score + engagement_score
