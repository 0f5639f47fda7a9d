{#- A score on a 0..scale scale, as 0–100 with two decimals (exact for every stored score: no rounding before the composite). -#}
{% macro to_100(column, scale) -%}
  round(({{ column }})::numeric * 100 / {{ scale }}, 2)
{%- endmacro %}

{#-
  The composite score: the equal-weight mean of the available 0–100 scores,
  defined only when at least `min_sources` of them are present (else null).
-#}
{% macro composite_score(columns, min_sources=3) -%}
  case
    when num_nonnulls({{ columns | join(', ') }}) >= {{ min_sources }}
    then round(
      ({% for c in columns %}coalesce({{ c }}, 0){% if not loop.last %} + {% endif %}{% endfor %})
      / num_nonnulls({{ columns | join(', ') }}),
      1
    )
  end
{%- endmacro %}
