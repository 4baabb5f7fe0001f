{#-
    unique_combination_of_columns for a table each run appends to: fails on every combination
    of the columns that a row of the latest run (the latest written_at) shares with another
    row of the table. Earlier rows were checked by the run that wrote them, and a later run
    only adds rows or deletes them, so this proves the whole table unique while grouping only
    the latest run's keys (at 1M candidates a night writes 3% of the 25M-row event log; the
    whole log grouped took 5 s of the night's critical path). After a full refresh every row
    is the latest run's, and the whole table is checked. Key columns are compared with =: keep
    them not null (a not_null test).
-#}
{% test unique_combination_of_columns_written_last(model, combination_of_columns, written_at) %}

with tested as (

    select * from {{ model }}

),

written_last as (

    select distinct {{ combination_of_columns | join(', ') }}
    from tested
    where {{ written_at }} = (select max({{ written_at }}) from tested)

)

select
    {%- for column in combination_of_columns %}
    tested.{{ column }},
    {%- endfor %}
    count(*) as occurrences
from tested
where exists (
    select 1 from written_last
    where
        {%- for column in combination_of_columns %}
        {{ 'and ' if not loop.first }}written_last.{{ column }} = tested.{{ column }}
        {%- endfor %}
)
group by {% for column in combination_of_columns %}tested.{{ column }}{{ ', ' if not loop.last }}{% endfor %}
having count(*) > 1

{% endtest %}
