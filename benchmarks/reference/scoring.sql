-- Reference scoring: what scoring.candidate_scores and data_quality.rejected_raw_rows hold,
-- computed by hand in one DuckDB script from the raw extracts and the weight seeds, no dbt.
-- The benchmarks time the project against it (benchmarks/reference/run.py runs it).
--
-- Relations, substituted by the runner (string.Template):
--   ${raw}               schema of the extracts (vars.raw_schema)
--   ${seeds}             schema of the weight seeds dbt loaded (scoring_config)
--   ${erasure_requests}  the erasure requests, or an empty relation when the extract has none
-- Values, as DuckDB variables (SET VARIABLE; the runner reads them from dbt_project.yml):
--   as_of_date DATE, run_started_at TIMESTAMP (dbt's run_started_at to the second: "now" for
--   the future-time rules), weight_set VARCHAR, default_seniority VARCHAR,
--   placement_statuses VARCHAR[],
--   consent_event_types STRUCT(event_type, consent_effect, reason)[] (opt_out / re_consent),
--   scoring_criteria STRUCT(criterion, score_component, criterion_source, column_name,
--   match_type)[]
-- Writes reference.candidate_scores and, after the marker line near the end,
-- reference.rejected_raw_rows.

-- Value cleaning, as macros/cleaning and macros/cross_engine spell it for DuckDB. Each has a
-- fast path for text already clean (printable ASCII without spaces, an upper-case id, a
-- snake-case code), which the regular expressions would return unchanged: most of the log.
create or replace temp macro clean_text(x) as case
    when regexp_full_match(cast(x as varchar), '[!-~]+') then cast(x as varchar)
    else nullif(trim(regexp_replace(
        cast(x as varchar), '[\s\x{000B}\x{00A0}\x{2007}\x{202F}\x{200B}\x{FEFF}]+', ' ', 'g'
    )), '')
end;
create or replace temp macro normalise_text(x) as lower(clean_text(x));
-- no '.' in the fast path: '12.0' must lose its zero decimals
create or replace temp macro normalise_id(x) as case
    when regexp_full_match(cast(x as varchar), '[A-Z0-9_-]+') then cast(x as varchar)
    else regexp_replace(upper(clean_text(x)), '^([0-9]+)[.]0+$', '\1', 'g')
end;
create or replace temp macro normalise_code(x) as case
    when regexp_full_match(cast(x as varchar), '[a-z0-9]+(_[a-z0-9]+)*') then cast(x as varchar)
    else nullif(regexp_replace(
        regexp_replace(normalise_text(x), '[^a-z0-9]+', '_', 'g'), '^_+|_+$', '', 'g'
    ), '')
end;
create or replace temp macro trimmed_text(x) as nullif(trim(
    cast(x as varchar), ' ' || chr(9) || chr(10) || chr(11) || chr(13) || chr(160) || chr(65279)
), '');
create or replace temp macro parse_boolean(x) as case
    when normalise_text(x) in ('true', 't', 'yes', 'y', '1') then true
    when normalise_text(x) in ('false', 'f', 'no', 'n', '0') then false
end;
create or replace temp macro parse_number(x) as case
    when regexp_matches(clean_text(x), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$')
        then try_cast(clean_text(x) as double)
    when regexp_matches(clean_text(x), '^[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$')
        then try_cast(replace(clean_text(x), ',', '') as double)
end;
-- typeof() is resolved when the query is planned: a typed column never runs the text branches
create or replace temp macro parse_utc_timestamp(x) as case
    when typeof(x) = 'TIMESTAMP' then cast(x as timestamp)
    when typeof(x) = 'TIMESTAMP WITH TIME ZONE' then timezone('UTC', cast(x as timestamptz))
    when regexp_matches(trimmed_text(x),
        '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?$')
        then try_cast(replace(trimmed_text(x), 'T', ' ') as timestamp)
    when regexp_matches(trimmed_text(x),
        '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')
        then timezone('UTC', try_cast(replace(replace(replace(
            trimmed_text(x), ' +', '+'), ' -', '-'), ' Z', 'Z') as timestamptz))
    when regexp_matches(trimmed_text(x), '^[0-9]{12,13}([.][0-9]+)?$')
        then epoch_ms(cast(round(cast(trimmed_text(x) as double)) as bigint))
    when regexp_matches(trimmed_text(x), '^[0-9]{9,10}([.][0-9]+)?$')
        then epoch_ms(cast(round(cast(trimmed_text(x) as double) * 1000) as bigint))
end;

-- Candidates with an erasure request: none of their rows is read, not even as a rejection.
create or replace temp table erased_candidates as
select distinct normalise_id(candidate_id) as candidate_id
from ${erasure_requests}
where normalise_id(candidate_id) is not null;

-- Every candidate row typed, ranked among the candidate's versions, with its rejection.
create or replace temp table candidate_rows as
with typed as (
    select
        normalise_id(candidate_id) as candidate_id,
        normalise_text(email) as email,
        normalise_text(job_title) as job_title,
        regexp_replace(normalise_text(skills), ' ?[;,|] ?', ',', 'g') as skills,
        clean_text(current_company) as current_company,
        normalise_text(industry) as industry,
        upper(clean_text(country)) as country_code,
        clean_text(city) as city,
        normalise_text(source_channel) as source_channel,
        clean_text(years_experience) as years_experience_raw,
        parse_number(years_experience) as years_experience_parsed,
        parse_number(company_size) as company_size_parsed,
        parse_number(company_revenue) as company_revenue_parsed,
        clean_text(marketing_consent) as marketing_consent_raw,
        parse_boolean(marketing_consent) as has_marketing_consent,
        clean_text(do_not_contact) as do_not_contact_raw,
        parse_boolean(do_not_contact) as is_do_not_contact,
        parse_utc_timestamp(created_at) as created_at_parsed,
        trimmed_text(updated_at) as updated_at_raw,
        parse_utc_timestamp(updated_at) as updated_at_parsed
    from ${raw}.candidates
),

checked as (
    select
        *,
        -- impossible optional values are no values; a time after the run cannot order versions
        case when years_experience_parsed between 0 and 80 then years_experience_parsed end
            as years_experience,
        case
            when company_size_parsed between 0 and 10000000
                and company_size_parsed = floor(company_size_parsed)
                then cast(company_size_parsed as bigint)
        end as company_size,
        case when company_revenue_parsed >= 0 and company_revenue_parsed < 1e13
            then company_revenue_parsed end as company_revenue,
        case when created_at_parsed <= getvariable('run_started_at') then created_at_parsed end
            as created_at,
        case when updated_at_parsed <= getvariable('run_started_at') then updated_at_parsed end
            as updated_at
    from typed
    anti join erased_candidates using (candidate_id)
),

ranked as (
    select
        *,
        -- latest first; between versions of one time the most restrictive; then repeatable
        row_number() over (
            partition by candidate_id
            order by
                updated_at desc nulls last,
                coalesce(is_do_not_contact, false) desc,
                coalesce(has_marketing_consent, false) asc,
                created_at desc nulls last,
                job_title asc,
                years_experience_raw asc,
                email asc
        ) as version_rank
    from checked
)

select
    *,
    version_rank = 1 as is_latest_version,
    case
        when candidate_id is null then 'missing_candidate_id'
        when marketing_consent_raw is not null and has_marketing_consent is null
            then 'invalid_marketing_consent'
        when do_not_contact_raw is not null and is_do_not_contact is null
            then 'invalid_do_not_contact'
        when version_rank != 1 then 'superseded_by_newer_version'
    end as rejection_reason
from ranked;

-- The one pass over the event log: typed, first copy of each event id, rejection reason.
create or replace temp table event_rows as
with typed as (
    select
        clean_text(event_id) as event_id,
        normalise_id(candidate_id) as candidate_id,
        normalise_code(event_type) as event_type,
        parse_utc_timestamp(occurred_at) as occurred_at,
        -- the raw time as text only where a rejection needs it: casting every typed time of
        -- the log to text would cost more than the rest of the typing
        case
            when parse_utc_timestamp(occurred_at) is null
                or parse_utc_timestamp(occurred_at) > getvariable('run_started_at')
                then trimmed_text(occurred_at)
        end as occurred_at_raw
    from ${raw}.engagement_events
),

deduplicated as (
    select
        *,
        row_number() over (
            partition by event_id order by occurred_at nulls last, candidate_id, event_type
        ) = 1 as is_first_copy
    from typed
    anti join erased_candidates using (candidate_id)
),

latest_candidates as (
    select candidate_id, rejection_reason is null as is_accepted
    from candidate_rows
    where candidate_id is not null and is_latest_version
)

select
    deduplicated.*,
    case
        when deduplicated.event_id is null then 'missing_event_id'
        when not deduplicated.is_first_copy then 'duplicate_event_id'
        when deduplicated.candidate_id is null then 'missing_candidate_id'
        when deduplicated.event_type is null then 'missing_event_type'
        when deduplicated.occurred_at is null and deduplicated.occurred_at_raw is null
            then 'missing_occurred_at'
        when deduplicated.occurred_at is null then 'invalid_occurred_at'
        when deduplicated.occurred_at > getvariable('run_started_at') then 'occurred_in_future'
        when latest_candidates.candidate_id is null then 'unknown_candidate'
        when not latest_candidates.is_accepted then 'candidate_rejected'
    end as rejection_reason
from deduplicated
left join latest_candidates on deduplicated.candidate_id = latest_candidates.candidate_id;

-- Recruiter feedback, typed, first copy of each feedback id, rejection reason.
create or replace temp table feedback_rows as
with typed as (
    select
        normalise_id(feedback_id) as feedback_id,
        normalise_id(candidate_id) as candidate_id,
        normalise_id(recruiter_id) as recruiter_id,
        clean_text(disposition) as disposition_raw,
        normalise_code(disposition) as disposition,
        clean_text(reason) as reason,
        trimmed_text(given_at) as given_at_raw,
        parse_utc_timestamp(given_at) as given_at
    from ${raw}.recruiter_feedback
),

deduplicated as (
    select
        *,
        row_number() over (
            partition by feedback_id
            order by given_at nulls last, candidate_id, disposition, recruiter_id, reason
        ) = 1 as is_first_copy
    from typed
    anti join erased_candidates using (candidate_id)
),

latest_candidates as (
    select candidate_id, rejection_reason is null as is_accepted
    from candidate_rows
    where candidate_id is not null and is_latest_version
)

select
    deduplicated.*,
    case
        when deduplicated.feedback_id is null then 'missing_feedback_id'
        when not deduplicated.is_first_copy then 'duplicate_feedback_id'
        when deduplicated.candidate_id is null then 'missing_candidate_id'
        when deduplicated.disposition is null then 'missing_disposition'
        when deduplicated.disposition not in ('good_fit', 'not_a_fit', 'no_response')
            then 'unknown_disposition'
        when deduplicated.given_at_raw is null then 'missing_given_at'
        when deduplicated.given_at is null then 'invalid_given_at'
        when deduplicated.given_at > getvariable('run_started_at') then 'given_in_future'
        when latest_candidates.candidate_id is null then 'unknown_candidate'
        when not latest_candidates.is_accepted then 'candidate_rejected'
    end as rejection_reason
from deduplicated
left join latest_candidates on deduplicated.candidate_id = latest_candidates.candidate_id;

create schema if not exists reference;

create or replace table reference.candidate_scores as
with criteria as (
    select unnest(getvariable('scoring_criteria'), recursive := true)
),

consent_event_types as (
    select unnest(getvariable('consent_event_types'), recursive := true)
),

-- the version in force: the best-ranked one known by the end of the as-of date, if usable
known_versions as (
    select candidate_id, min(version_rank) as version_rank
    from candidate_rows
    where
        candidate_id is not null
        and (
            coalesce(updated_at, created_at) is null
            or coalesce(updated_at, created_at) < getvariable('as_of_date') + interval 1 day
        )
    group by candidate_id
),

versions_in_force as (
    select candidate_rows.*
    from candidate_rows
    inner join known_versions using (candidate_id, version_rank)
    where
        candidate_rows.rejection_reason is null
        or candidate_rows.rejection_reason = 'superseded_by_newer_version'
),

-- seniority from the job title: the keyword of lowest precedence found as whole words
title_keywords as (
    select
        versions_in_force.candidate_id,
        keywords.seniority,
        row_number() over (
            partition by versions_in_force.candidate_id
            order by keywords.precedence, keywords.keyword
        ) as match_rank
    from versions_in_force
    inner join ${seeds}.job_title_seniority_keywords as keywords
        on ' ' || versions_in_force.job_title || ' ' like '% ' || keywords.keyword || ' %'
),

candidates as (
    select
        versions_in_force.*,
        case
            when versions_in_force.job_title is null then 'unknown'
            else coalesce(title_keywords.seniority, getvariable('default_seniority'))
        end as seniority
    from versions_in_force
    left join title_keywords
        on versions_in_force.candidate_id = title_keywords.candidate_id
        and title_keywords.match_rank = 1
),

-- one row per candidate and attribute criterion: the column it reads, as text and number
attribute_values as (
    select
        candidates.candidate_id,
        criteria.criterion,
        criteria.match_type,
        case criteria.column_name
            when 'years_experience' then candidates.years_experience
            when 'company_size' then cast(candidates.company_size as double)
            when 'company_revenue' then candidates.company_revenue
        end as attribute_number,
        case
            -- a band value only needs to be there or not
            when criteria.match_type = 'band' then cast(attribute_number as varchar)
            else lower(case criteria.column_name
                when 'seniority' then candidates.seniority
                when 'skills' then candidates.skills
                when 'industry' then candidates.industry
                when 'job_title' then candidates.job_title
                when 'current_company' then candidates.current_company
                when 'country_code' then candidates.country_code
                when 'city' then candidates.city
                when 'source_channel' then candidates.source_channel
                when 'years_experience' then cast(candidates.years_experience as varchar)
                when 'company_size' then cast(candidates.company_size as varchar)
                when 'company_revenue' then cast(candidates.company_revenue as varchar)
            end)
        end as attribute_value
    from candidates
    cross join criteria
    where criteria.criterion_source = 'attribute'
),

attribute_points as (
    select
        attribute_values.candidate_id,
        attribute_values.criterion,
        sum(weights.points) as uncapped_points,
        max(weights.criterion_points_cap) as points_cap
    from attribute_values
    inner join ${seeds}.attribute_points as weights
        on
            weights.weight_set = getvariable('weight_set')
            and weights.criterion = attribute_values.criterion
            and (
                (attribute_values.attribute_value is null and weights.match_value = '(no value)')
                or (
                    attribute_values.match_type = 'value'
                    and attribute_values.attribute_value = weights.match_value
                )
                or (
                    attribute_values.match_type = 'band'
                    and attribute_values.attribute_number is not null
                    and weights.match_value is distinct from '(no value)'
                    and (weights.band_min is null or attribute_values.attribute_number >= weights.band_min)
                    and (weights.band_max is null or attribute_values.attribute_number < weights.band_max)
                )
                or (
                    -- list items are separated by single commas
                    attribute_values.match_type = 'list'
                    and ',' || attribute_values.attribute_value || ',' like '%,' || weights.match_value || ',%'
                )
            )
    group by attribute_values.candidate_id, attribute_values.criterion
),

event_weights as (
    select * from ${seeds}.event_points where weight_set = getvariable('weight_set')
),

-- usable events (an opt-out spelling scores as its opt-out) and feedback as recruiter_ events
scored_events as (
    select
        event_rows.candidate_id,
        cast(event_rows.occurred_at as date) as occurred_on,
        coalesce(consent_event_types.reason, event_rows.event_type) as event_type
    from event_rows
    left join consent_event_types
        on
            event_rows.event_type = consent_event_types.event_type
            and consent_event_types.consent_effect = 'opt_out'
    where event_rows.rejection_reason is null

    union all

    select
        candidate_id,
        cast(given_at as date) as occurred_on,
        'recruiter_' || disposition as event_type
    from feedback_rows
    where rejection_reason is null
),

-- decay and daily limits work per day: every event of a day has the same age
event_days as (
    select candidate_id, event_type, occurred_on, count(*) as event_count
    from scored_events
    where occurred_on <= getvariable('as_of_date')
    group by candidate_id, event_type, occurred_on
),

-- each day's events counted up to the type's daily limit
event_days_counted as (
    select
        event_days.candidate_id,
        event_days.event_type,
        event_days.occurred_on,
        event_weights.half_life_days,
        case
            when event_weights.max_events_per_day is null
                or event_days.event_count <= event_weights.max_events_per_day
                then event_days.event_count
            else event_weights.max_events_per_day
        end as counted_event_count
    from event_days
    inner join event_weights on event_days.event_type = event_weights.event_type
),

-- decayed with their age in days: halves every half_life_days
event_types_decayed as (
    select
        candidate_id,
        event_type,
        sum(
            case
                when half_life_days is null then counted_event_count
                else counted_event_count * exp(
                    -ln(2)
                    * cast(getvariable('as_of_date') - occurred_on as double)
                    / half_life_days
                )
            end
        ) as decayed_event_count
    from event_days_counted
    group by candidate_id, event_type
),

-- points per criterion: each type's decayed count times its points, then summed (one weight
-- row per set and event type, a seed test says so)
event_points as (
    select
        event_types_decayed.candidate_id,
        event_weights.criterion,
        -- to the millionth first, as int_candidate_events_scored does
        cast(
            sum(event_types_decayed.decayed_event_count * event_weights.points_per_event)
            as decimal(18, 6)
        ) as uncapped_points,
        max(event_weights.criterion_points_cap) as points_cap
    from event_types_decayed
    inner join event_weights on event_types_decayed.event_type = event_weights.event_type
    group by event_types_decayed.candidate_id, event_weights.criterion
),

-- every criterion capped in both directions, then rounded once to the cent (as_points)
criterion_points as (
    select
        candidate_id,
        criterion,
        cast(
            case
                when uncapped_points > points_cap then points_cap
                when uncapped_points < -points_cap then -points_cap
                else uncapped_points
            end as decimal(12, 2)
        ) as points
    from attribute_points

    union all

    select
        candidate_id,
        criterion,
        cast(
            case
                when uncapped_points > points_cap then points_cap
                when uncapped_points < -points_cap then -points_cap
                else uncapped_points
            end as decimal(12, 2)
        ) as points
    from event_points
),

scores as (
    select
        criterion_points.candidate_id,
        sum(case when criteria.score_component = 'fit' then criterion_points.points else 0 end)
            as fit_score,
        sum(
            case when criteria.score_component = 'engagement' then criterion_points.points else 0 end
        ) as engagement_score,
        sum(criterion_points.points) as total_score
    from criterion_points
    inner join criteria on criterion_points.criterion = criteria.criterion
    group by criterion_points.candidate_id
),

-- consent signals from every raw row with a candidate id, used or rejected
latest_versions as (
    select candidate_id, updated_at as latest_updated_at
    from candidate_rows
    where candidate_id is not null and is_latest_version
),

current_versions as (
    select candidate_rows.*
    from candidate_rows
    inner join latest_versions using (candidate_id)
    where
        candidate_rows.is_latest_version
        or candidate_rows.updated_at is null
        or latest_versions.latest_updated_at is null
        or candidate_rows.updated_at >= latest_versions.latest_updated_at
),

consent_signals as (
    select
        candidate_id,
        'opt_out' as consent_effect,
        cast(null as timestamp) as signal_at,
        updated_at as known_since
    from current_versions
    where is_do_not_contact or not has_marketing_consent

    union all

    select
        event_rows.candidate_id,
        consent_event_types.consent_effect,
        case when event_rows.occurred_at <= getvariable('run_started_at')
            then event_rows.occurred_at end as signal_at,
        case when event_rows.occurred_at <= getvariable('run_started_at')
            then event_rows.occurred_at end as known_since
    from event_rows
    inner join consent_event_types on event_rows.event_type = consent_event_types.event_type
    where event_rows.candidate_id is not null
),

known_signals as (
    select * from consent_signals
    where known_since is null or known_since < getvariable('as_of_date') + interval 1 day
),

re_consents as (
    select candidate_id, max(signal_at) as re_consented_at
    from known_signals
    where consent_effect = 're_consent'
    group by candidate_id
),

-- an opt-out stands unless a re-consent with a known time came after it
standing_opt_outs as (
    select distinct known_signals.candidate_id
    from known_signals
    left join re_consents using (candidate_id)
    where
        known_signals.consent_effect = 'opt_out'
        and not coalesce(known_signals.signal_at < re_consents.re_consented_at, false)
),

scored as (
    select
        candidates.candidate_id,
        cast(coalesce(scores.fit_score, 0) as decimal(12, 2)) as fit_score_points,
        cast(coalesce(scores.engagement_score, 0) as decimal(12, 2)) as engagement_score_points,
        cast(coalesce(scores.total_score, 0) as decimal(12, 2)) as total_score_points,
        coalesce(candidates.is_do_not_contact, false)
        or not coalesce(candidates.has_marketing_consent, false)
        or standing_opt_outs.candidate_id is not null as is_disqualified
    from candidates
    left join scores using (candidate_id)
    left join standing_opt_outs using (candidate_id)
),

-- the tier with the highest lower bound the total reaches; disqualified whatever the score
tiers as (
    select
        scored.candidate_id,
        score_tiers.tier,
        row_number() over (
            partition by scored.candidate_id order by score_tiers.lower_bound desc nulls last
        ) as tier_rank
    from scored
    inner join ${seeds}.score_tiers as score_tiers
        on
            score_tiers.weight_set = getvariable('weight_set')
            and case
                when scored.is_disqualified then score_tiers.is_disqualified_tier
                else
                    not score_tiers.is_disqualified_tier
                    and (
                        score_tiers.lower_bound is null
                        or scored.total_score_points >= score_tiers.lower_bound
                    )
            end
)

select
    scored.candidate_id,
    scored.fit_score_points,
    scored.engagement_score_points,
    scored.total_score_points,
    tiers.tier as score_tier,
    scored.is_disqualified,
    cast(getvariable('as_of_date') as varchar) as as_of_date,
    getvariable('weight_set') as weight_set
from scored
left join tiers on scored.candidate_id = tiers.candidate_id and tiers.tier_rank = 1;

-- reference: rejected rows (the runner stops here when asked for scores only)

create or replace table reference.rejected_raw_rows as
with placements_typed as (
    select
        normalise_id(candidate_id) as candidate_id,
        normalise_id(job_id) as job_id,
        normalise_code(status) as status,
        trimmed_text(applied_at) as applied_at_raw,
        parse_utc_timestamp(applied_at) as applied_at,
        trimmed_text(placed_at) as placed_at_raw,
        parse_utc_timestamp(placed_at) as placed_at
    from ${raw}.placements
),

placements_versioned as (
    select
        *,
        row_number() over (
            partition by candidate_id, job_id
            order by applied_at desc nulls last, placed_at desc nulls last, status asc
        ) = 1 as is_latest_version
    from placements_typed
    anti join erased_candidates using (candidate_id)
),

latest_candidates as (
    select candidate_id, rejection_reason is null as is_accepted
    from candidate_rows
    where candidate_id is not null and is_latest_version
),

placements_validated as (
    select
        placements_versioned.*,
        case
            when placements_versioned.candidate_id is null then 'missing_candidate_id'
            when placements_versioned.job_id is null then 'missing_job_id'
            when not placements_versioned.is_latest_version then 'duplicate_application'
            when placements_versioned.applied_at_raw is null then 'missing_applied_at'
            when placements_versioned.applied_at is null then 'invalid_applied_at'
            when placements_versioned.placed_at_raw is not null and placements_versioned.placed_at is null
                then 'invalid_placed_at'
            when placements_versioned.status is null
                or not list_contains(getvariable('placement_statuses'), placements_versioned.status)
                then 'unknown_status'
            when placements_versioned.status = 'placed' and placements_versioned.placed_at is null
                then 'missing_placed_at'
            when placements_versioned.placed_at < placements_versioned.applied_at
                then 'placed_before_applied'
            when latest_candidates.candidate_id is null then 'unknown_candidate'
            when not latest_candidates.is_accepted then 'candidate_rejected'
        end as rejection_reason
    from placements_versioned
    left join latest_candidates on placements_versioned.candidate_id = latest_candidates.candidate_id
),

erasure_requests_typed as (
    select
        normalise_id(candidate_id) as candidate_id,
        trimmed_text(requested_at) as requested_at_raw
    from ${erasure_requests}
)

select
    'candidates' as source_table,
    candidate_id as record_id,
    rejection_reason,
    case rejection_reason
        when 'missing_candidate_id' then email
        when 'invalid_marketing_consent' then marketing_consent_raw
        when 'invalid_do_not_contact' then do_not_contact_raw
        when 'superseded_by_newer_version' then updated_at_raw
    end as rejected_value
from candidate_rows
where rejection_reason is not null

union all

select
    'engagement_events' as source_table,
    event_id as record_id,
    rejection_reason,
    case rejection_reason
        when 'missing_event_id' then candidate_id
        when 'duplicate_event_id' then event_id
        when 'missing_candidate_id' then event_id
        when 'missing_event_type' then event_id
        when 'missing_occurred_at' then event_id
        when 'invalid_occurred_at' then occurred_at_raw
        when 'occurred_in_future' then occurred_at_raw
        when 'unknown_candidate' then candidate_id
        when 'candidate_rejected' then candidate_id
    end as rejected_value
from event_rows
where rejection_reason is not null

union all

select
    'placements' as source_table,
    concat_ws(' / ', candidate_id, job_id) as record_id,
    rejection_reason,
    case rejection_reason
        when 'missing_candidate_id' then job_id
        when 'missing_job_id' then candidate_id
        when 'duplicate_application' then candidate_id || ' / ' || job_id
        when 'missing_applied_at' then candidate_id || ' / ' || job_id
        when 'invalid_applied_at' then applied_at_raw
        when 'invalid_placed_at' then placed_at_raw
        when 'unknown_status' then status
        when 'missing_placed_at' then candidate_id || ' / ' || job_id
        when 'placed_before_applied' then cast(placed_at as varchar)
        when 'unknown_candidate' then candidate_id
        when 'candidate_rejected' then candidate_id
    end as rejected_value
from placements_validated
where rejection_reason is not null

union all

select
    'recruiter_feedback' as source_table,
    feedback_id as record_id,
    rejection_reason,
    case rejection_reason
        when 'missing_feedback_id' then candidate_id
        when 'duplicate_feedback_id' then feedback_id
        when 'missing_candidate_id' then feedback_id
        when 'missing_disposition' then feedback_id
        when 'unknown_disposition' then disposition_raw
        when 'missing_given_at' then feedback_id
        when 'invalid_given_at' then given_at_raw
        when 'given_in_future' then given_at_raw
        when 'unknown_candidate' then candidate_id
        when 'candidate_rejected' then candidate_id
    end as rejected_value
from feedback_rows
where rejection_reason is not null

union all

select
    'erasure_requests' as source_table,
    cast(null as varchar) as record_id,
    'missing_candidate_id' as rejection_reason,
    requested_at_raw as rejected_value
from erasure_requests_typed
where candidate_id is null;
