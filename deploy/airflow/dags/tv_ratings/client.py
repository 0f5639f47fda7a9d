"""Client for the TV ratings pipeline API, standard library only.

Kept free of Airflow imports so it can be tested (and reused) anywhere:
the DAG builds a client from an Airflow connection and calls it.
"""

from __future__ import annotations

import base64
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from typing import Any, Literal, Optional, Tuple

DEFAULT_TIMEOUT_SECONDS = 10.0

RUN_STATUSES = ("running", "validating", "transforming", "succeeded", "partial", "failed", "cancelled")
# Discovering/loading, then the quality stages (Great Expectations, dbt): the run has not ended yet.
NOT_ENDED_STATUSES = ("running", "validating", "transforming")
PARTIAL_POLICIES = ("succeed", "fail")
Outcome = Literal["done", "failed", "pending"]


class ApiError(Exception):
    """A failed API call. `transient` errors (unreachable, timeout, 5xx, 429) may succeed if retried."""

    def __init__(self, message: str, *, status: Optional[int] = None, transient: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.transient = transient


class TvRatingsClient:
    """Starts runs and reads their status; authenticates with a bearer token or basic credentials."""

    def __init__(
        self,
        base_url: str,
        *,
        token: Optional[str] = None,
        basic: Optional[Tuple[str, str]] = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"API base URL must start with http:// or https://, got {base_url!r}")
        if not token and not basic:
            raise ValueError("API credentials missing: give a token (connection password) or a login and password")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        if basic:
            pair = f"{basic[0]}:{basic[1]}".encode("utf-8")
            self._authorization = "Basic " + base64.b64encode(pair).decode("ascii")
        else:
            self._authorization = f"Bearer {token}"

    def __repr__(self) -> str:  # never shows the credentials
        return f"TvRatingsClient({self.base_url!r})"

    def start_run(
        self,
        idempotency_key: str,
        max_pages: Optional[int] = None,
        mode: Optional[str] = None,
    ) -> dict:
        """Starts a run, or returns the existing one for this key; `created` says which."""
        body: dict[str, Any] = {"idempotencyKey": idempotency_key}
        if max_pages is not None:
            body["maxPages"] = max_pages
        if mode is not None:
            body["mode"] = mode
        status, run = self._request("POST", "/runs", body)
        return {**run, "created": status == 201}

    def get_run(self, run_id: str) -> dict:
        """Status, counts per stage and source, failures by reason and (while running) an ETA."""
        return self._request("GET", f"/runs/{urllib.parse.quote(run_id, safe='')}")[1]

    def cancel_run(self, run_id: str) -> dict:
        """Stops scheduling work for a running run; raises ApiError 409 when it already ended."""
        return self._request("POST", f"/runs/{urllib.parse.quote(run_id, safe='')}/cancel")[1]

    def _request(self, method: str, path: str, body: Optional[dict] = None) -> Tuple[int, dict]:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Authorization", self._authorization)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        where = f"{method} {self.base_url}{path}"
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, _json_object(response.read(), where)
        except urllib.error.HTTPError as error:
            raise _http_error(error, where) from None
        except (urllib.error.URLError, socket.timeout, ConnectionError, TimeoutError) as error:
            reason = getattr(error, "reason", error)
            raise ApiError(f"{where}: API unreachable ({reason})", transient=True) from None


def _json_object(raw: bytes, where: str) -> dict:
    try:
        value = json.loads(raw.decode("utf-8"))
    except ValueError:
        raise ApiError(f"{where}: answer is not JSON", transient=True) from None
    if not isinstance(value, dict):
        raise ApiError(f"{where}: expected a JSON object", transient=True)
    return value


def _http_error(error: urllib.error.HTTPError, where: str) -> ApiError:
    detail = ""
    try:
        body = json.loads(error.read().decode("utf-8"))
        if isinstance(body, dict) and isinstance(body.get("message"), str):
            detail = body["message"]
    except (ValueError, OSError):
        pass
    if error.code == 401:
        detail = "credentials refused; check the token or login/password of the API connection"
    transient = error.code >= 500 or error.code == 429
    return ApiError(f"{where}: HTTP {error.code}{': ' + detail if detail else ''}", status=error.code, transient=transient)


def run_outcome(status: str, partial_policy: str = "succeed") -> Outcome:
    """What a run status means for the waiting task: done, failed, or still pending."""
    if partial_policy not in PARTIAL_POLICIES:
        raise ValueError(f"partial policy must be one of {PARTIAL_POLICIES}, got {partial_policy!r}")
    if status in NOT_ENDED_STATUSES:
        return "pending"
    if status == "succeeded":
        return "done"
    if status == "partial":
        return "done" if partial_policy == "succeed" else "failed"
    if status in ("failed", "cancelled"):
        return "failed"
    raise ValueError(f"unknown run status {status!r}")


_KEY_UNSAFE = re.compile(r"[^\x21-\x7e]")


def idempotency_key(dag_id: str, data_interval_start: Optional[datetime], run_id: str) -> str:
    """One key per data interval, so a retried or re-triggered week returns the same run.

    Manual runs without a data interval (Airflow 3) fall back to the DAG run id.
    """
    suffix = data_interval_start.isoformat() if data_interval_start is not None else run_id
    return _KEY_UNSAFE.sub("_", f"{dag_id}__{suffix}")[:200]


def client_from_connection(connection: Any, timeout: Optional[float] = None) -> TvRatingsClient:
    """Builds a client from an Airflow connection (duck-typed: host, schema, port, login, password, extra_dejson).

    host may be a full URL ("https://api.example.org/tvr") or a host name with schema (default http,
    as for HttpHook) and port.
    password is the bearer token, unless login is set: then login/password are basic credentials.
    extra {"timeout": seconds} overrides the request timeout.
    """
    host = (connection.host or "").strip()
    if not host:
        raise ValueError("the API connection has no host")
    if "://" in host:
        parsed = urllib.parse.urlsplit(host)
        netloc = parsed.netloc if parsed.port or not connection.port else f"{parsed.netloc}:{connection.port}"
        base_url = urllib.parse.urlunsplit((parsed.scheme, netloc, parsed.path, "", ""))
    else:
        scheme = connection.schema if connection.schema in ("http", "https") else "http"
        base_url = f"{scheme}://{host}{':' + str(connection.port) if connection.port else ''}"
    extra = getattr(connection, "extra_dejson", None) or {}
    chosen_timeout = timeout if timeout is not None else float(extra.get("timeout", DEFAULT_TIMEOUT_SECONDS))
    if connection.login:
        return TvRatingsClient(base_url, basic=(connection.login, connection.password or ""), timeout=chosen_timeout)
    return TvRatingsClient(base_url, token=connection.password, timeout=chosen_timeout)


def describe_run(run: dict) -> str:
    """One log line about a run: status, progress and ETA."""
    series = run.get("series") or {}
    parts = [f"run {run.get('id')}: {run.get('status')}"]
    if series:
        parts.append(f"{series.get('loaded', 0)}/{series.get('discovered', 0)} series loaded")
        if series.get("failed"):
            parts.append(f"{series['failed']} failed")
    eta = run.get("eta") or {}
    if eta.get("remainingSeconds") is not None:
        parts.append(f"about {round(eta['remainingSeconds'] / 60)} min to go")
    return ", ".join(parts)
