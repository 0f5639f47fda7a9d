"""The DAG file, imported with a stand-in for Airflow (which cannot be installed here)."""

from __future__ import annotations

import ast
import importlib
import sys
import unittest
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from support import DAGS_DIR, FakeApi

from airflow import _stub as airflow_stub

RUN_ID = "5f2c7a0e-1111-4222-8333-944455556666"


def load_dag_module(airflow2: bool = False):
    """Imports the DAG file afresh; with airflow2=True the Task SDK (airflow.sdk) is hidden."""
    for name in [m for m in sys.modules if m == "tv_series_weekly" or m.startswith("tv_ratings")]:
        del sys.modules[name]
    saved = {name: sys.modules.get(name) for name in ("airflow.sdk", "airflow.sdk.exceptions")}
    if airflow2:
        sys.modules["airflow.sdk"] = None  # type: ignore[assignment]
        sys.modules["airflow.sdk.exceptions"] = None  # type: ignore[assignment]
    try:
        return importlib.import_module("tv_series_weekly")
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


class DagShape(unittest.TestCase):
    def setUp(self) -> None:
        self.module = load_dag_module()
        self.dag = self.module.dag

    def test_weekly_schedule_without_catchup(self) -> None:
        self.assertEqual(self.dag.dag_id, "tv_series_weekly")
        self.assertEqual(self.dag.schedule, "0 3 * * 1")
        self.assertFalse(self.dag.catchup)
        self.assertEqual(self.dag.max_active_runs, 1)
        self.assertEqual(self.dag.start_date.tzinfo, timezone.utc)

    def test_two_tasks_start_then_wait(self) -> None:
        self.assertEqual(set(self.dag.tasks), {"start_run", "wait_for_run"})
        self.assertEqual(self.dag.tasks["wait_for_run"].upstream_task_ids, {"start_run"})
        self.assertEqual(self.dag.tasks["start_run"].downstream_task_ids, {"wait_for_run"})

    def test_retries_with_exponential_backoff_and_failure_callback(self) -> None:
        from tv_ratings.notify import notify_failure

        for task in self.dag.tasks.values():
            self.assertEqual(task.retries, 3, task.task_id)
            self.assertTrue(task.retry_exponential_backoff, task.task_id)
            self.assertEqual(task.retry_delay, timedelta(minutes=2))
            self.assertEqual(task.max_retry_delay, timedelta(minutes=30))
            self.assertIs(task.on_failure_callback, notify_failure)

    def test_wait_is_a_rescheduling_sensor_on_the_started_run(self) -> None:
        wait = self.dag.tasks["wait_for_run"]
        self.assertEqual(wait.mode, "reschedule")
        self.assertEqual(wait.poke_interval, 300)
        self.assertEqual(wait.timeout, timedelta(days=6).total_seconds())
        self.assertIsInstance(wait.run_id, airflow_stub.XComArg)
        self.assertEqual(wait.run_id.operator.task_id, "start_run")
        self.assertEqual(wait.conn_id, "tv_ratings_api")
        self.assertEqual(wait.partial_policy, "{{ params.partial_policy }}")
        self.assertIn("run_id", wait.template_fields)
        self.assertIn("partial_policy", wait.template_fields)

    def test_params(self) -> None:
        self.assertIsNone(self.dag.params["max_pages"].value)
        self.assertEqual(self.dag.params["partial_policy"].value, "default")
        self.assertEqual(self.dag.params["partial_policy"].schema["enum"], ["default", "succeed", "fail"])

    def test_api_location_and_credentials_come_from_the_connection(self) -> None:
        tree = ast.parse((DAGS_DIR / "tv_series_weekly.py").read_text())
        docstring = tree.body[0].value.value  # type: ignore[attr-defined]
        strings = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != docstring
        ]
        self.assertFalse([s for s in strings if "://" in s or s.lower().startswith(("bearer", "basic"))])
        self.assertEqual(self.module.API_CONN_ID, "tv_ratings_api")
        self.assertEqual(self.dag.tasks["wait_for_run"].conn_id, self.module.API_CONN_ID)

    def test_airflow2_import_paths(self) -> None:
        module = load_dag_module(airflow2=True)
        from airflow.hooks.base import BaseHook as Airflow2Hook
        from airflow.sensors.base import BaseSensorOperator as Airflow2Sensor

        self.assertTrue(issubclass(module.RunFinishedSensor, Airflow2Sensor))
        self.assertIs(module.BaseHook, Airflow2Hook)
        self.assertEqual(set(module.dag.tasks), {"start_run", "wait_for_run"})


class WithFakeApi(unittest.TestCase):
    def setUp(self) -> None:
        self.api = FakeApi()
        airflow_stub.BaseHook.connections = {
            "tv_ratings_api": airflow_stub.Connection(host=self.api.url, password="token-0123456789abcdef")
        }
        airflow_stub.Variable.values = {}
        self.module = load_dag_module()

    def tearDown(self) -> None:
        self.api.close()
        airflow_stub.BaseHook.connections = {}
        airflow_stub.Variable.values = {}


class StartRunTask(WithFakeApi):
    def test_posts_the_interval_key_and_returns_the_run_id(self) -> None:
        self.api.routes[("POST", "/runs")] = (201, {"id": RUN_ID, "status": "running"})
        start = self.module.dag.tasks["start_run"].python_callable
        context = {
            "dag": self.module.dag,
            "data_interval_start": datetime(2026, 11, 16, 3, tzinfo=timezone.utc),
            "run_id": "scheduled__2026-11-23T03:00:00+00:00",
            "params": {"max_pages": 3, "partial_policy": "default"},
        }
        self.assertEqual(start(**context), RUN_ID)
        [request] = self.api.requests
        self.assertEqual(request["body"], {"idempotencyKey": "tv_series_weekly__2026-11-16T03:00:00+00:00", "maxPages": 3})
        self.assertEqual(request["headers"]["Authorization"], "Bearer token-0123456789abcdef")


class Sensor(WithFakeApi):
    def poke(self, status_code: int, body: dict, policy: str = "default") -> bool:
        self.api.routes[("GET", f"/runs/{RUN_ID}")] = (status_code, body)
        sensor = self.module.dag.tasks["wait_for_run"]
        sensor.run_id = RUN_ID  # what templating does with the XCom at run time
        sensor.partial_policy = policy
        return sensor.poke({})

    def run(self, status: str, **extra) -> dict:
        return {"id": RUN_ID, "status": status, "series": {"discovered": 60, "loaded": 30}, **extra}

    def test_waits_while_running_and_succeeds_when_succeeded(self) -> None:
        self.assertFalse(self.poke(200, self.run("running", eta={"remainingSeconds": 600})))
        self.assertTrue(self.poke(200, self.run("succeeded")))

    def test_fails_on_failed_and_cancelled(self) -> None:
        for status in ("failed", "cancelled"):
            with self.assertRaisesRegex(airflow_stub.AirflowFailException, f"ended {status}: boom"):
                self.poke(200, self.run(status, error="boom"))

    def test_partial_follows_the_param_then_the_variable(self) -> None:
        self.assertTrue(self.poke(200, self.run("partial"), policy="succeed"))
        with self.assertRaises(airflow_stub.AirflowFailException):
            self.poke(200, self.run("partial"), policy="fail")
        self.assertTrue(self.poke(200, self.run("partial")))  # no Variable: succeed
        airflow_stub.Variable.values["tv_ratings_partial_policy"] = "fail"
        with self.assertRaises(airflow_stub.AirflowFailException):
            self.poke(200, self.run("partial"))
        airflow_stub.Variable.values["tv_ratings_partial_policy"] = "sometimes"
        with self.assertRaisesRegex(airflow_stub.AirflowFailException, "tv_ratings_partial_policy"):
            self.poke(200, self.run("partial"))

    def test_transient_errors_mean_not_yet_and_client_errors_fail(self) -> None:
        self.assertFalse(self.poke(503, {"message": "down"}))
        with self.assertRaisesRegex(airflow_stub.AirflowFailException, "HTTP 404"):
            self.poke(404, {"message": "no run"})
        with self.assertRaisesRegex(airflow_stub.AirflowFailException, "credentials refused"):
            self.poke(401, {"message": "Unauthorized"})


class FailureCallback(unittest.TestCase):
    def setUp(self) -> None:
        self.notify = load_dag_module().notify_failure
        airflow_stub.SlackWebhookHook.sent = []
        airflow_stub.SlackWebhookHook.fail = False
        airflow_stub.emails.clear()
        self.context = {
            "task_instance": SimpleNamespace(
                dag_id="tv_series_weekly", task_id="wait_for_run", try_number=4, log_url="http://airflow/log"
            ),
            "run_id": "scheduled__2026-11-23T03:00:00+00:00",
            "exception": RuntimeError("run 5f2c ended failed: TMDB rejected the credentials"),
        }

    def tearDown(self) -> None:
        airflow_stub.Variable.values = {}

    def test_sends_nothing_unless_configured(self) -> None:
        self.notify(self.context)
        self.assertEqual(airflow_stub.SlackWebhookHook.sent, [])
        self.assertEqual(airflow_stub.emails, [])

    def test_posts_to_slack_and_emails_when_configured(self) -> None:
        airflow_stub.Variable.values = {
            "tv_ratings_slack_conn_id": "slack_alerts",
            "tv_ratings_alert_emails": "data@example.org, oncall@example.org",
        }
        self.notify(self.context)
        [slack] = airflow_stub.SlackWebhookHook.sent
        self.assertEqual(slack["conn_id"], "slack_alerts")
        self.assertIn("tv_series_weekly.wait_for_run failed", slack["text"])
        self.assertIn("TMDB rejected the credentials", slack["text"])
        self.assertIn("http://airflow/log", slack["text"])
        [email] = airflow_stub.emails
        self.assertEqual(email["to"], ["data@example.org", "oncall@example.org"])
        self.assertIn("wait_for_run failed", email["subject"])

    def test_a_broken_channel_does_not_stop_the_other(self) -> None:
        airflow_stub.Variable.values = {
            "tv_ratings_slack_conn_id": "slack_alerts",
            "tv_ratings_alert_emails": "data@example.org",
        }
        airflow_stub.SlackWebhookHook.fail = True
        with self.assertLogs("tv_ratings.notify", level="ERROR"):
            self.notify(self.context)
        self.assertEqual(len(airflow_stub.emails), 1)


if __name__ == "__main__":
    unittest.main()
