{#- Values that don't match a POSIX regular expression (nulls pass). -#}
{% test matches_pattern(model, column_name, pattern) %}
select {{ column_name }} as mismatch
from {{ model }}
where {{ column_name }} is not null and {{ column_name }}::text !~ '{{ pattern }}'
{% endtest %}
