"""The stdlib API client against the real API service (started as a subprocess)."""

from __future__ import annotations

import time
import unittest
from datetime import datetime, timezone
from types import SimpleNamespace

from support import ApiProcess, free_port
from tv_ratings.client import (
    ApiError,
    TvRatingsClient,
    client_from_connection,
    describe_run,
    idempotency_key,
    run_outcome,
)

api: ApiProcess


def setUpModule() -> None:
    global api
    api = ApiProcess().start()


def tearDownModule() -> None:
    code = api.stop()
    if code != 0:
        raise AssertionError(f"API did not stop cleanly on SIGTERM (exit code {code}); log: {api.log_path}")


class AgainstTheApi(unittest.TestCase):
    def client(self, **kwargs) -> TvRatingsClient:
        return TvRatingsClient(api.url, **({"token": api.token} | kwargs))

    def test_same_key_returns_the_same_run(self) -> None:
        key = idempotency_key("tv_series_weekly", datetime(2026, 11, 16, 3, tzinfo=timezone.utc), "scheduled__x")
        first = self.client().start_run(key, max_pages=2)
        second = self.client().start_run(key, max_pages=2)
        self.assertTrue(first["created"])
        self.assertFalse(second["created"])
        self.assertEqual(first["id"], second["id"])
        self.assertEqual(first["idempotencyKey"], "tv_series_weekly__2026-11-16T03:00:00+00:00")
        self.assertEqual(first["maxPages"], 2)
        self.assertEqual(first["status"], "running")

    def test_get_run_reports_status_and_counts(self) -> None:
        started = self.client().start_run("get-run-test")
        run = self.client().get_run(started["id"])
        self.assertEqual(run["id"], started["id"])
        self.assertEqual(run["status"], "running")
        self.assertEqual(run["series"], {"discovered": 0, "loaded": 0, "failed": 0, "pending": 0})
        self.assertEqual(run_outcome(run["status"]), "pending")
        self.assertEqual(describe_run(run), f"run {run['id']}: running, 0/0 series loaded")

    def test_cancelled_run_is_a_failed_outcome(self) -> None:
        started = self.client().start_run("cancel-test")
        self.assertEqual(self.client().cancel_run(started["id"])["status"], "cancelled")
        self.assertEqual(run_outcome(self.client().get_run(started["id"])["status"]), "failed")
        with self.assertRaises(ApiError) as raised:
            self.client().cancel_run(started["id"])
        self.assertEqual(raised.exception.status, 409)
        self.assertFalse(raised.exception.transient)

    def test_basic_credentials_work_too(self) -> None:
        basic = TvRatingsClient(api.url, basic=api.basic)
        run = basic.start_run("basic-test")
        self.assertTrue(run["created"])
        self.assertEqual(basic.get_run(run["id"])["idempotencyKey"], "basic-test")

    def test_wrong_credentials_are_refused_clearly(self) -> None:
        for client in (
            TvRatingsClient(api.url, token="not-the-token-0123456789"),
            TvRatingsClient(api.url, basic=(api.basic[0], "wrong")),
        ):
            with self.assertRaises(ApiError) as raised:
                client.start_run("auth-test")
            self.assertEqual(raised.exception.status, 401)
            self.assertFalse(raised.exception.transient)
            self.assertIn("credentials refused", str(raised.exception))
            self.assertNotIn(api.token, str(raised.exception))

    def test_unknown_run_is_404_and_bad_input_400_with_the_reason(self) -> None:
        with self.assertRaises(ApiError) as missing:
            self.client().get_run("00000000-0000-4000-8000-000000000000")
        self.assertEqual(missing.exception.status, 404)
        with self.assertRaises(ApiError) as invalid:
            self.client().start_run("bad-pages", max_pages=0)
        self.assertEqual(invalid.exception.status, 400)
        self.assertIn("body.maxPages", str(invalid.exception))

    def test_unreachable_api_is_transient_and_bounded_by_the_timeout(self) -> None:
        client = TvRatingsClient(f"http://127.0.0.1:{free_port()}", token="x" * 16, timeout=2)
        began = time.monotonic()
        with self.assertRaises(ApiError) as raised:
            client.get_run("00000000-0000-4000-8000-000000000000")
        self.assertTrue(raised.exception.transient)
        self.assertIn("API unreachable", str(raised.exception))
        self.assertLess(time.monotonic() - began, 5)


class RunOutcome(unittest.TestCase):
    def test_maps_every_status(self) -> None:
        expected = {
            ("running", "succeed"): "pending",
            ("validating", "succeed"): "pending",
            ("transforming", "fail"): "pending",
            ("succeeded", "succeed"): "done",
            ("succeeded", "fail"): "done",
            ("partial", "succeed"): "done",
            ("partial", "fail"): "failed",
            ("failed", "succeed"): "failed",
            ("cancelled", "succeed"): "failed",
        }
        for (status, policy), outcome in expected.items():
            self.assertEqual(run_outcome(status, policy), outcome, (status, policy))

    def test_rejects_unknown_statuses_and_policies(self) -> None:
        with self.assertRaises(ValueError):
            run_outcome("exploded")
        with self.assertRaises(ValueError):
            run_outcome("partial", "maybe")


class Construction(unittest.TestCase):
    def connection(self, **fields) -> SimpleNamespace:
        base = {"host": "", "schema": "", "port": None, "login": "", "password": "", "extra_dejson": {}}
        return SimpleNamespace(**(base | fields))

    def test_builds_clients_from_airflow_connections(self) -> None:
        url = client_from_connection(self.connection(host="https://api.example.org/tvr/", password="t" * 16))
        self.assertEqual(url.base_url, "https://api.example.org/tvr")
        parts = client_from_connection(self.connection(host="api", schema="http", port=3000, password="t" * 16))
        self.assertEqual(parts.base_url, "http://api:3000")
        self.assertEqual(parts._authorization, "Bearer " + "t" * 16)
        basic = client_from_connection(
            self.connection(host="http://api:3000", login="ops", password="pw", extra_dejson={"timeout": 3})
        )
        self.assertEqual(basic._authorization, "Basic b3BzOnB3")
        self.assertEqual(basic.timeout, 3.0)

    def test_refuses_incomplete_configuration(self) -> None:
        with self.assertRaisesRegex(ValueError, "no host"):
            client_from_connection(self.connection(password="t"))
        with self.assertRaisesRegex(ValueError, "credentials missing"):
            client_from_connection(self.connection(host="http://api:3000"))
        with self.assertRaisesRegex(ValueError, "http:// or https://"):
            TvRatingsClient("api:3000", token="t")

    def test_repr_hides_the_token(self) -> None:
        self.assertNotIn("secret", repr(TvRatingsClient("http://api", token="secret-token")))

    def test_idempotency_keys(self) -> None:
        interval = datetime(2026, 11, 16, 3, tzinfo=timezone.utc)
        self.assertEqual(idempotency_key("d", interval, "r"), "d__2026-11-16T03:00:00+00:00")
        self.assertEqual(idempotency_key("d", None, "manual__2026 x"), "d__manual__2026_x")
        self.assertEqual(len(idempotency_key("d" * 300, None, "r")), 200)


if __name__ == "__main__":
    unittest.main()
