"""Starts the quality worker: config, metrics server, BullMQ worker on `quality`, graceful SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from bullmq import Worker  # type: ignore[import-untyped]  # no type information published

from .config import ConfigError, load_config
from .jobs import QUEUE, Dependencies, create_processor
from .metrics import QualityMetrics, serve_http
from .payload import PayloadValidator


async def run() -> int:
    try:
        config = load_config()
    except ConfigError as error:
        print(str(error), file=sys.stderr)
        return 2
    level = "CRITICAL" if config.log_level == "SILENT" else config.log_level
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    for noisy in ("great_expectations", "dbt", "urllib3"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
    log = logging.getLogger("tvr_quality")

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    metrics = QualityMetrics()
    deps = Dependencies(config, metrics, PayloadValidator(config.payload_schema_path))
    worker = Worker(
        QUEUE,
        create_processor(deps),
        {
            "connection": config.redis_url,
            "prefix": config.queue_prefix,
            "concurrency": config.concurrency,
            "lockDuration": config.lock_duration_ms,
            "stalledInterval": config.stalled_interval_ms,
            "maxStalledCount": 2,
            "removeOnComplete": {"age": 8 * 24 * 3600, "count": 1000},
            "removeOnFail": {"age": 14 * 24 * 3600, "count": 1000},
        },
    )
    worker.on("error", lambda error, *_: log.error("worker error: %s", error))
    worker.on("failed", lambda job, error, *_: log.warning("job %s failed: %s", job.id, error))
    server = serve_http(config.metrics_port, metrics, ready=lambda: not worker.closing)
    log.info(
        "quality worker started", extra={"queue": QUEUE, "prefix": config.queue_prefix, "port": server.server_port}
    )
    print(f"quality worker consuming {config.queue_prefix}:{QUEUE}; metrics on :{server.server_port}", flush=True)

    await stop.wait()
    log.info("shutting down: finishing in-flight jobs")
    try:
        await asyncio.wait_for(worker.close(), timeout=config.shutdown_timeout_seconds)
    except TimeoutError:
        # Unfinished jobs keep their lock until it expires, then another worker picks them up again.
        log.warning("in-flight jobs did not finish in time; they will be picked up again")
        await worker.close(force=True)
    server.shutdown()
    return 0


def main() -> None:
    sys.exit(asyncio.run(run()))


if __name__ == "__main__":
    main()
