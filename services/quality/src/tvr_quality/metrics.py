"""Prometheus metrics (contract 5), values for the latest validated run, and the HTTP endpoints."""

from __future__ import annotations

from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, generate_latest

from .transform import FAILED_STATUSES, Transform
from .validate import Validation


class QualityMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.validations = Counter(
            "tvr_quality_validations", "Validations by suite and outcome", ["suite", "outcome"], registry=r
        )
        self.validation_success = Gauge(
            "tvr_quality_validation_success", "1 when the suite passed (latest run)", ["suite"], registry=r
        )
        self.expectations_failed = Gauge(
            "tvr_quality_expectations_failed", "Failed expectations (latest run)", ["suite", "severity"], registry=r
        )
        self.null_share = Gauge(
            "tvr_quality_null_share", "Share of null values per ratings column (latest run)", ["column"], registry=r
        )
        self.rows_loaded = Gauge("tvr_quality_rows_loaded", "Rows of the validated run", ["table"], registry=r)
        self.latest_collected = Gauge(
            "tvr_quality_latest_collected_timestamp_seconds",
            "Newest ratings.collected_at of the validated run",
            registry=r,
        )
        self.transform_success = Gauge("tvr_transform_success", "1 when the latest dbt build succeeded", registry=r)
        self.transform_failed_nodes = Gauge(
            "tvr_transform_failed_nodes", "Failed dbt nodes in the latest build", registry=r
        )
        self.transform_duration = Gauge(
            "tvr_transform_duration_seconds", "Duration of the latest dbt build", registry=r
        )
        self.jobs = Counter("tvr_jobs", "Jobs processed", ["queue", "job", "outcome"], registry=r)
        self.job_duration = Gauge(
            "tvr_job_duration_seconds", "Duration of the latest job", ["queue", "job"], registry=r
        )

    def record_validation(self, validation: Validation) -> None:
        for suite in validation.suites:
            self.validations.labels(suite.suite, "success" if suite.success else "failure").inc()
            self.validation_success.labels(suite.suite).set(1 if suite.success else 0)
            for severity in ("critical", "warning"):
                self.expectations_failed.labels(suite.suite, severity).set(
                    sum(1 for e in suite.failed if e.severity == severity)
                )
            for e in suite.expectations:
                if e.expectation_id.endswith("_non_null_share") and isinstance(e.observed, int | float):
                    self.null_share.labels(e.column).set(1 - float(e.observed))
                if e.expectation_id == "row_count_equals_series_loaded" and isinstance(e.observed, int):
                    self.rows_loaded.labels("ratings").set(e.observed)
        self.rows_loaded.labels("series").set(validation.series_loaded)
        if validation.latest_collected_at is not None:
            self.latest_collected.set(validation.latest_collected_at.timestamp())

    def record_transform(self, transform: Transform) -> None:
        self.transform_success.set(1 if transform.success else 0)
        self.transform_failed_nodes.set(sum(1 for n in transform.nodes if n.status in FAILED_STATUSES))
        self.transform_duration.set(transform.duration_seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


def serve_http(port: int, metrics: QualityMetrics, ready: Callable[[], bool]) -> ThreadingHTTPServer:
    """`/metrics`, `/healthz` (the process answers), `/readyz` (the worker is consuming)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/metrics":
                self._send(200, metrics.exposition(), CONTENT_TYPE_LATEST)
            elif self.path == "/healthz":
                self._send(200, b'{"status":"ok"}', "application/json")
            elif self.path == "/readyz":
                ok = ready()
                self._send(
                    200 if ok else 503, b'{"status":"%s"}' % (b"ready" if ok else b"not ready"), "application/json"
                )
            else:
                self._send(404, b'{"error":"not found"}', "application/json")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    # All interfaces: Prometheus scrapes the worker from outside its container.
    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)  # noqa: S104
    Thread(target=server.serve_forever, name="metrics-http", daemon=True).start()
    return server
