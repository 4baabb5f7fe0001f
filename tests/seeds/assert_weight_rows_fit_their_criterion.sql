-- Each weight row belongs to a criterion of the right kind and has the shape its matching
-- needs: attribute_points rows of value and list criteria name a match_value and no band, rows
-- of band criteria a band and no match_value, and a '(no value)' row (for candidates without a
-- value) no band; event_points rows map to event criteria.

with criteria as (

    select * from {{ ref('int_scoring_criteria_configured') }}

),

attribute_rows as (

    select
        'attribute_points' as seed,
        attribute_points.weight_set,
        attribute_points.criterion,
        coalesce(
            attribute_points.match_value,
            cast(attribute_points.band_min as {{ dbt.type_string() }})
        ) as row_value,
        case
            when criteria.criterion is null then 'criterion not configured'
            when criteria.criterion_source != 'attribute'
                then 'criterion is not an attribute criterion'
            -- the row for candidates without a value, in any kind of criterion
            when attribute_points.match_value = '(no value)'
                then
                    case
                        when
                            attribute_points.band_min is not null
                            or attribute_points.band_max is not null
                            then 'a (no value) row has no band'
                    end
            when
                criteria.match_type in ('value', 'list')
                and (
                    attribute_points.match_value is null
                    or attribute_points.band_min is not null
                    or attribute_points.band_max is not null
                )
                then 'value and list criteria need match_value and no band'
            when
                criteria.match_type = 'band'
                and (
                    attribute_points.match_value is not null
                    or (
                        attribute_points.band_min is null
                        and attribute_points.band_max is null
                    )
                )
                then 'band criteria need band_min or band_max and no match_value'
        end as problem
    from {{ ref('attribute_points') }} as attribute_points
    left join criteria
        on attribute_points.criterion = criteria.criterion

),

event_rows as (

    select
        'event_points' as seed,
        event_points.weight_set,
        event_points.criterion,
        event_points.event_type as row_value,
        case
            when criteria.criterion is null then 'criterion not configured'
            when criteria.criterion_source != 'event'
                then 'criterion is not an event criterion'
        end as problem
    from {{ ref('event_points') }} as event_points
    left join criteria
        on event_points.criterion = criteria.criterion

)

select * from attribute_rows
where problem is not null
union all
select * from event_rows
where problem is not null
