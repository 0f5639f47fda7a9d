"""Weekly TV ratings pipeline run, started and followed through the pipeline's API.

start_run  POST /runs with the data interval as idempotency key (a retry or a
           re-run of the same week returns the same run); pushes the run id.
wait_for_run  checks GET /runs/{id} every few minutes in reschedule mode (no
           worker slot held between checks); succeeds on "succeeded", fails on
           "failed"/"cancelled", and treats "partial" per the partial_policy
           param (or Variable tv_ratings_partial_policy; default: succeed).

The API URL and token come from the Airflow connection `tv_ratings_api`
(host = URL, password = token). See deploy/airflow/README.md.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from tv_ratings.client import client_from_connection, idempotency_key
from tv_ratings.compat import DAG, BaseHook, Param, task
from tv_ratings.notify import notify_failure
from tv_ratings.sensor import RunFinishedSensor

API_CONN_ID = "tv_ratings_api"
# Mondays 03:00 UTC: the week's data is in by then.
SCHEDULE = "0 3 * * 1"
# With OMDb's free daily quota a full run can take days; stop waiting before next week's run.
WAIT_TIMEOUT = timedelta(days=6)

log = logging.getLogger(__name__)

default_args = {
    "owner": "data-platform",
    "retries": 3,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
    "on_failure_callback": notify_failure,
}

with DAG(
    dag_id="tv_series_weekly",
    description="Weekly TMDB/OMDb/RT/Metacritic ratings snapshot through the pipeline API",
    schedule=SCHEDULE,
    start_date=datetime(2026, 1, 5, 3, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    params={
        "max_pages": Param(
            None,
            type=["null", "integer"],
            minimum=1,
            maximum=500,
            description="Read at most this many top-rated pages (empty: all)",
        ),
        "partial_policy": Param(
            "default",
            type="string",
            enum=["default", "succeed", "fail"],
            description='How to treat a "partial" run; default: Variable tv_ratings_partial_policy, else succeed',
        ),
    },
    tags=["tv-ratings"],
) as dag:

    @task(task_id="start_run")
    def start_run(**context) -> str:
        client = client_from_connection(BaseHook.get_connection(API_CONN_ID))
        key = idempotency_key(context["dag"].dag_id, context.get("data_interval_start"), context["run_id"])
        run = client.start_run(key, max_pages=context["params"].get("max_pages"))
        log.info("%s run %s for %s", "started" if run["created"] else "existing", run["id"], key)
        return run["id"]

    wait_for_run = RunFinishedSensor(
        task_id="wait_for_run",
        run_id=start_run(),
        conn_id=API_CONN_ID,
        partial_policy="{{ params.partial_policy }}",
        mode="reschedule",
        poke_interval=timedelta(minutes=5).total_seconds(),
        timeout=WAIT_TIMEOUT.total_seconds(),
    )
