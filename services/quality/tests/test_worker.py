from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from bullmq import Queue  # type: ignore[import-untyped]  # no type information published
from conftest import PAYLOAD_SCHEMA, LoadedRun
from tvr_quality.payload import BadPayload, PayloadValidator

SRC = Path(__file__).resolve().parents[1] / "src"


class WorkerProcess(subprocess.Popen[str]):
    metrics_port: int = 0


def start_worker(run: LoadedRun, prefix: str, port: int) -> WorkerProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DATABASE_URL": f"postgres://{run.config.database.user}@{run.config.database.host}:{run.config.database.port}/{run.config.database.dbname}",
        "REDIS_URL": run.config.redis_url,
        "QUEUE_PREFIX": prefix,
        "QUALITY_METRICS_PORT": str(port),
        "QUALITY_OUTPUT_DIR": str(run.config.data_docs_dir.parent),
        "QUALITY_PAYLOAD_SCHEMA": str(PAYLOAD_SCHEMA),
        "QUALITY_LOCK_DURATION_MS": "5000",
        "QUALITY_STALLED_INTERVAL_MS": "2000",
        "SHUTDOWN_TIMEOUT_MS": "120000",
    }
    proc = WorkerProcess([sys.executable, "-m", "tvr_quality.main"], env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "quality worker consuming" in line
    proc.metrics_port = int(line.rsplit(":", 1)[1])
    return proc


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


async def wait_state(queue: Queue, job_id: str, states: set[str], timeout: float = 150) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = str(await queue.getJobState(job_id))
        if state in states:
            return state
        await asyncio.sleep(0.1)
    raise AssertionError(f"job {job_id} never reached {states}")


def test_payload_schema_is_the_contract_the_worker_reads() -> None:
    schema = json.loads(PAYLOAD_SCHEMA.read_text())
    # Drift guard: the worker reads exactly runId and period (QualityPayload); the schema must require exactly those.
    assert set(schema["properties"]) == {"runId", "period"} == set(schema["required"])
    assert schema["additionalProperties"] is False
    payloads = PayloadValidator(PAYLOAD_SCHEMA)
    good = payloads.parse({"runId": str(uuid.uuid4()), "period": "2026-W49"})
    assert good.period == "2026-W49"
    for bad, reason in [
        ({"runId": "nope", "period": "2026-W49"}, "runId"),
        ({"runId": str(uuid.uuid4()), "period": "2026-49"}, "period"),
        ({"runId": str(uuid.uuid4()), "period": "2026-W49", "extra": 1}, "extra"),
    ]:
        with pytest.raises(BadPayload, match=reason):
            payloads.parse(bad)


def test_worker_validates_from_the_queue_and_finishes_its_job_on_sigterm(loaded_run: LoadedRun) -> None:
    prefix = f"tvrq{uuid.uuid4().hex[:8]}"
    port = 0
    proc = start_worker(loaded_run, prefix, port)

    async def scenario() -> None:
        queue = Queue("quality", {"connection": loaded_run.config.redis_url, "prefix": prefix})
        try:
            bad = await queue.add("validate", {"runId": loaded_run.run_id}, {"jobId": f"{loaded_run.run_id}-bad"})
            assert await wait_state(queue, bad.id, {"failed"}) == "failed"
            failed = await queue.getJob(bad.id)
            assert "period" in failed.failedReason
            assert get(proc.metrics_port, "/healthz")[0] == 200
            assert get(proc.metrics_port, "/readyz")[0] == 200
            metrics = get(proc.metrics_port, "/metrics")[1]
            assert 'tvr_jobs_total{job="validate",outcome="failed",queue="quality"} 1.0' in metrics

            job_id = f"{loaded_run.run_id}-validate"
            await queue.add("validate", {"runId": loaded_run.run_id, "period": "2026-W49"}, {"jobId": job_id})
            assert await wait_state(queue, job_id, {"active"}) == "active"
            proc.send_signal(signal.SIGTERM)  # mid-validation: the job is finished, then the process exits
            assert await wait_state(queue, job_id, {"completed", "wait"}) == "completed"
            job = await queue.getJob(job_id)
            assert job.returnvalue["success"] is True
            assert {s["suite"] for s in job.returnvalue["suites"]} == {
                "ratings",
                "series",
                "series_genres",
                "series_networks",
            }
        finally:
            await queue.obliterate(force=True)
            await queue.close()

    try:
        asyncio.run(scenario())
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    with loaded_run.connect() as conn:
        count = conn.execute(
            "select count(*) from quality_validations where run_id = %s", (loaded_run.run_id,)
        ).fetchone()
    assert count == (4,)


def test_a_killed_worker_s_job_is_picked_up_again(loaded_run: LoadedRun) -> None:
    prefix = f"tvrq{uuid.uuid4().hex[:8]}"
    first = start_worker(loaded_run, prefix, 0)

    async def scenario() -> None:
        queue = Queue("quality", {"connection": loaded_run.config.redis_url, "prefix": prefix})
        try:
            job_id = f"{loaded_run.run_id}-validate"
            await queue.add("validate", {"runId": loaded_run.run_id, "period": "2026-W49"}, {"jobId": job_id})
            await wait_state(queue, job_id, {"active"})
            first.kill()  # no chance to finish: the lock expires and the job is stalled
            first.wait()
            second = start_worker(loaded_run, prefix, 0)
            try:
                assert await wait_state(queue, job_id, {"completed"}, timeout=180) == "completed"
                job = await queue.getJob(job_id)
                assert job.returnvalue["success"] is True
            finally:
                second.send_signal(signal.SIGTERM)
                assert second.wait(timeout=60) == 0
        finally:
            await queue.obliterate(force=True)
            await queue.close()

    asyncio.run(scenario())
