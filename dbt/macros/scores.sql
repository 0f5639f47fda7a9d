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

{#- The UTC ISO week of a timestamp, written like a run's period (2026-W49). -#}
{% macro iso_week(ts) -%}
  to_char(({{ ts }}) at time zone 'UTC', 'IYYY-"W"IW')
{%- endmacro %}

{#-
  A run's period. `pipeline_runs.period` (issue 9's migration) is the truth;
  before that column exists, the UTC ISO week the run started in stands in for it.
  Once every database has the column this macro reduces to `period`.
-#}
{% macro run_period(runs_relation) -%}
  {%- set column_names = [] -%}
  {%- if execute -%}
    {%- set column_names = adapter.get_columns_in_relation(runs_relation) | map(attribute='name') | list -%}
  {%- endif -%}
  {%- if 'period' in column_names -%}period{%- else -%}{{ iso_week('started_at') }}{%- endif -%}
{%- endmacro %}
