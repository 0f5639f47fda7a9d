-- The run that holds each period, as the run lifecycle recorded it when loading
-- completed (the run being transformed already holds its own period).
select
    period,
    run_id,
    status,
    started_at,
    finished_at
from {{ ref('stg_pipeline_runs') }}
where holds_period
