{#-
    Numeric bands [lower_bound, upper_bound) within a partition must not overlap; a NULL bound is
    open-ended. Rows with both bounds NULL are not bands and are ignored. Fails on each
    overlapping pair and on each band whose lower bound is not below its upper bound.
-#}
{% test bands_do_not_overlap(model, partition_by, lower_bound, upper_bound) %}

with bands as (
    select
        {{ partition_by | join(', ') }},
        {{ lower_bound }} as band_lower,
        {{ upper_bound }} as band_upper,
        row_number() over (
            partition by {{ partition_by | join(', ') }}
            order by {{ lower_bound }}, {{ upper_bound }}
        ) as band_number
    from {{ model }}
    where {{ lower_bound }} is not null or {{ upper_bound }} is not null
),

overlapping_pairs as (
    select
        {% for column in partition_by -%}
        first_band.{{ column }},
        {% endfor -%}
        first_band.band_lower as first_lower,
        first_band.band_upper as first_upper,
        second_band.band_lower as second_lower,
        second_band.band_upper as second_upper
    from bands as first_band
    inner join bands as second_band
        on
            {% for column in partition_by -%}
            first_band.{{ column }} = second_band.{{ column }}
            and {% endfor -%}
            first_band.band_number < second_band.band_number
    where
        (first_band.band_lower is null or second_band.band_upper is null
            or first_band.band_lower < second_band.band_upper)
        and (second_band.band_lower is null or first_band.band_upper is null
            or second_band.band_lower < first_band.band_upper)
),

empty_bands as (
    select
        {{ partition_by | join(', ') }},
        band_lower as first_lower,
        band_upper as first_upper,
        band_lower as second_lower,
        band_upper as second_upper
    from bands
    where band_lower >= band_upper
)

select * from overlapping_pairs
union all
select * from empty_bands

{% endtest %}
