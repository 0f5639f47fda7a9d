-- The run that holds each period: the run being transformed holds its own
-- period; otherwise the latest finished (succeeded or partial) run of the week.
with runs as (
    select * from {{ ref('stg_pipeline_runs') }}
),

eligible as (
    select
        *,
        run_id::text = '{{ var("run_id") }}' as is_current_run
    from runs
    where is_finished or run_id::text = '{{ var("run_id") }}'
)

select distinct on (period)
    period,
    run_id,
    status,
    started_at,
    finished_at
from eligible
order by period, is_current_run desc, finished_at desc nulls last, started_at desc
