with runs as (
    select * from {{ source('tvr', 'pipeline_runs') }}
)

select
    id as run_id,
    mode,
    status,
    period,
    -- Set by the run lifecycle when loading completes: one holder per period.
    holds_period,
    status in ('succeeded', 'partial') as is_finished,
    started_at,
    finished_at
from runs
