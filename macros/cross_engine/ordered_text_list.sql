{#-
    The texts of a group joined by a separator (a SQL literal), ordered by sort_keys (a list of
    expressions). dbt.listagg serves DuckDB and Postgres; on Spark it drops its order by, so there
    the texts are collected with their keys in structs, which sort field by field.
-#}
{% macro ordered_text_list(text, separator, sort_keys) -%}
    {{ return(adapter.dispatch('ordered_text_list', 'candidate_scoring')(text, separator, sort_keys)) }}
{%- endmacro %}

{% macro default__ordered_text_list(text, separator, sort_keys) -%}
    {{ dbt.listagg(text, separator, 'order by ' ~ sort_keys | join(', ')) }}
{%- endmacro %}

{% macro spark__ordered_text_list(text, separator, sort_keys) -%}
    array_join(
        transform(
            array_sort(collect_list(named_struct(
                {%- for key in sort_keys %}'sort_key_{{ loop.index }}', {{ key }}, {% endfor -%}
                'text', {{ text }}
            ))),
            item -> item.text
        ),
        {{ separator }}
    )
{%- endmacro %}
