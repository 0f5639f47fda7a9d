"""The quality queue's processors: one per job name, found through one explicit table."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bullmq import UnrecoverableError  # type: ignore[import-untyped]  # no type information published

from .config import Config
from .metrics import QualityMetrics
from .notify import notify_failure
from .payload import BadPayload, PayloadValidator, QualityPayload
from .transform import run_dbt_build, store_transform
from .validate import run_checkpoint, store_validation

QUEUE = "quality"
log = logging.getLogger("tvr_quality")


@dataclass(frozen=True)
class Dependencies:
    config: Config
    metrics: QualityMetrics
    payloads: PayloadValidator


def validate_run(deps: Dependencies, payload: QualityPayload) -> dict[str, Any]:
    validation = run_checkpoint(deps.config, payload.run_id)
    store_validation(deps.config, validation)
    deps.metrics.record_validation(validation)
    summary = validation.summary()
    if deps.config.slack_webhook_url and not all(s["success"] for s in summary["suites"]):
        notify_failure(deps.config.slack_webhook_url, validation)
    return summary


def transform_run(deps: Dependencies, payload: QualityPayload) -> dict[str, Any]:
    transform = run_dbt_build(deps.config, payload.run_id)
    store_transform(deps.config, transform)
    deps.metrics.record_transform(transform)
    return transform.summary()


PROCESSORS: dict[str, Callable[[Dependencies, QualityPayload], dict[str, Any]]] = {
    "validate": validate_run,
    "transform": transform_run,
}


def create_processor(deps: Dependencies) -> Callable[[Any, str], Awaitable[dict[str, Any]]]:
    async def process(job: Any, token: str) -> dict[str, Any]:
        started = time.monotonic()
        outcome = "failed"
        try:
            handler = PROCESSORS.get(job.name)
            if handler is None:
                raise UnrecoverableError(f"unknown job name {job.name!r} on queue {QUEUE}")
            try:
                payload = deps.payloads.parse(job.data)
            except BadPayload as error:
                raise UnrecoverableError(f"bad payload: {error}") from error
            log.info("job started", extra={"job": job.name, "job_id": job.id, "run_id": payload.run_id})
            # GX and dbt are synchronous: a thread keeps the event loop free to renew the job's lock.
            result = await asyncio.to_thread(handler, deps, payload)
            outcome = "completed"
            log.info("job finished", extra={"job": job.name, "job_id": job.id, "success": result.get("success")})
            return result
        finally:
            deps.metrics.jobs.labels(QUEUE, job.name, outcome).inc()
            deps.metrics.job_duration.labels(QUEUE, job.name).set(time.monotonic() - started)

    return process
