"""Weekly TV ratings run, started and followed through the pipeline's API.

start_run     POST /runs (HttpOperator) with the data interval as idempotency key and the ISO week
              of the interval as period; a retry or re-run of the same week gets the same run back.
wait_for_run  GET /runs/{id} in reschedule mode until the run ends: succeeded passes, failed and
              cancelled fail, partial follows the partial_policy param.

The API's URL and credentials come from the Airflow connection named by the api_conn_id param
(default tv_ratings_api). Failure alerts: Slack and email, see tv_ratings/notify.py.
See deploy/airflow/README.md.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, Param

from tv_ratings.notify import notify_failure
from tv_ratings.operators import RunFinishedSensor, StartRunOperator

# Mondays 03:00 UTC: the week's data is in by then.
SCHEDULE = "0 3 * * 1"
# With OMDb's free daily quota a full run can take days; stop waiting before next week's run.
WAIT_TIMEOUT = timedelta(days=6)
POKE_INTERVAL = timedelta(minutes=5)

with DAG(
    dag_id="tv_series_weekly",
    description="Weekly TMDB/OMDb/RT/Metacritic ratings snapshot through the pipeline API",
    doc_md=__doc__,
    schedule=SCHEDULE,
    start_date=datetime(2026, 1, 5, 3, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["tv-ratings", "pipeline", "weekly"],
    default_args={
        "owner": "data-platform",
        "retries": 3,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
        "on_failure_callback": notify_failure,
    },
    params={
        "api_conn_id": Param("tv_ratings_api", type="string", minLength=1, description="HTTP connection of the API"),
        "partial_policy": Param(
            "succeed", type="string", enum=["succeed", "fail"], description='How a run that ended "partial" counts'
        ),
        "max_pages": Param(
            None, type=["null", "integer"], minimum=1, maximum=500, description="Read at most this many pages"
        ),
        "send_period": Param(True, type="boolean", description="Send the ISO week of the data interval as period"),
        "slack_conn_id": Param(
            "tv_ratings_slack", type="string", description="Slack incoming-webhook connection; alert skipped if absent"
        ),
        "smtp_conn_id": Param("tv_ratings_smtp", type="string", description="SMTP connection for alert emails"),
        "alert_emails": Param("", type="string", description="Comma-separated alert addresses; empty: no email"),
    },
) as dag:
    start_run = StartRunOperator(task_id="start_run", http_conn_id="{{ params.api_conn_id }}")
    wait_for_run = RunFinishedSensor(
        task_id="wait_for_run",
        run_id=start_run.output,
        http_conn_id="{{ params.api_conn_id }}",
        partial_policy="{{ params.partial_policy }}",
        mode="reschedule",
        poke_interval=POKE_INTERVAL.total_seconds(),
        timeout=WAIT_TIMEOUT.total_seconds(),
    )
