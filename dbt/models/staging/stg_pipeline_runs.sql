with runs as (
    select * from {{ source('tvr', 'pipeline_runs') }}
)

select
    id as run_id,
    mode,
    status,
    {{ run_period(source('tvr', 'pipeline_runs')) }} as period,
    status in ('succeeded', 'partial') as is_finished,
    started_at,
    finished_at
from runs
