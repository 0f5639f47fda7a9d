import { createLogger, type Logger } from "@tvr/config";
import { pipelineRuns, runStages } from "@tvr/db";
import { createRedis, type TransformResult, type ValidateResult } from "@tvr/queues";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, type TestDatabase } from "@tvr/testing";
import { createPipelineQueues, type PipelineQueues } from "@tvr/worker";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  completeLoadingIfDone,
  createRunStagesProcessor,
  isTerminal,
  recordDiscoveredSeries,
  recordPageOutcome,
  setTotalPages,
  summarizeRun,
} from "../src/index.ts";

let database: TestDatabase;
let queues: PipelineQueues;
const queuePrefix = createTestQueuePrefix("stages");
const redis = createRedis(TEST_REDIS_URL, "worker");
const log: Logger = createLogger({ name: "stages-test", level: "silent" });
const workers: Worker[] = [];

beforeAll(async () => {
  database = await createTestDatabase("stages");
  queues = createPipelineQueues(redis, queuePrefix.prefix);
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});
afterAll(async () => {
  await queues?.close();
  redis.disconnect();
  await queuePrefix.cleanup();
  await database?.drop();
});

const passedValidation: ValidateResult = {
  success: true,
  suites: [
    { suite: "ratings", success: true, evaluated: 20, failed: 0 },
    { suite: "series", success: true, evaluated: 9, failed: 0 },
  ],
  criticalFailures: [],
  warnings: [],
};
const builtMarts: TransformResult = {
  success: true,
  models: { dim_series: 40, fct_series_ratings: 40, mart_top_rated_by_network: 12 },
  failures: [],
};

/**
 * A stand-in for the Python quality worker (services/quality), used only to
 * drive the lifecycle: it answers `validate` and `transform` jobs as told.
 */
function startQualityDouble(answer: (job: Job) => Promise<unknown>) {
  const worker = new Worker("quality", answer, {
    connection: createRedis(TEST_REDIS_URL, "worker"),
    prefix: queuePrefix.prefix,
  });
  workers.push(worker);
  return worker;
}

function startStagesWorker(options: { qualityStage?: "on" | "off"; stageTimeoutMs?: number } = {}) {
  const processor = createRunStagesProcessor({
    db: database.db,
    queues,
    log,
    qualityStage: options.qualityStage ?? "on",
    stageTimeoutMs: options.stageTimeoutMs ?? 60_000,
  });
  const worker = new Worker("runs", processor, {
    connection: createRedis(TEST_REDIS_URL, "worker"),
    prefix: queuePrefix.prefix,
    concurrency: 4,
  });
  workers.push(worker);
  return worker;
}

/** A run whose one series is loaded (or failed), then handed to the lifecycle. */
async function loadedRun(period = "2026-W40", seriesFailed = false) {
  const [run] = await database.db.insert(pipelineRuns).values({ mode: "sandbox", period }).returning();
  if (!run) throw new Error("no run");
  await setTotalPages(database.db, run.id, 1);
  await recordDiscoveredSeries(database.db, run.id, 1, [{ seriesId: 1, rank: 1 }]);
  await recordPageOutcome(database.db, run.id, 1, { status: "done", seriesCount: 1 });
  await database.pool.query("update run_series set outcome = $2, finished_at = now() where run_id = $1", [
    run.id,
    seriesFailed ? "failed" : "loaded",
  ]);
  if (seriesFailed) {
    await database.pool.query(
      "insert into run_failures (run_id, series_id, stage, kind, reason) values ($1, 1, 'load', 'failed', 'x')",
      [run.id],
    );
  }
  expect(await completeLoadingIfDone({ db: database.db, queues }, run.id)).toBe("validating");
  return run.id;
}

async function untilEnded(runId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = await summarizeRun(database.db, runId);
    if (summary && isTerminal(summary.status)) return summary;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${summary?.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the quality stages of a run", () => {
  it("validate, then transform, then succeeded; the summary carries suites and marts' row counts", async () => {
    const seen: Array<{ name: string; id: string | undefined; data: unknown; status: string | undefined }> =
      [];
    startQualityDouble(async (job) => {
      const run = await database.db.query.pipelineRuns.findFirst({
        where: eq(pipelineRuns.id, job.data.runId),
      });
      seen.push({ name: job.name, id: job.id, data: job.data, status: run?.status });
      return job.name === "validate" ? passedValidation : builtMarts;
    });
    startStagesWorker();
    const runId = await loadedRun("2026-W41");
    const summary = await untilEnded(runId);
    expect(seen).toEqual([
      {
        name: "validate",
        id: `${runId}-validate`,
        data: { runId, period: "2026-W41" },
        status: "validating",
      },
      {
        name: "transform",
        id: `${runId}-transform`,
        data: { runId, period: "2026-W41" },
        status: "transforming",
      },
    ]);
    expect(summary.status).toBe("succeeded");
    expect(summary.error).toBeNull();
    expect(summary.quality.validation).toMatchObject({
      outcome: "passed",
      suites: passedValidation.suites,
      expectations: { evaluated: 29, failed: 0 },
      criticalFailures: [],
    });
    expect(summary.quality.transform).toMatchObject({ outcome: "passed", models: builtMarts.models });
  });

  it("a critical failure makes the run partial, listing it; warnings alone don't", async () => {
    const critical = {
      suite: "ratings",
      expectation: "imdb_rating_in_range",
      column: "imdb_rating",
      observed: 12.5,
    };
    const warning = {
      suite: "series",
      expectation: "collected_at_fresh",
      column: "collected_at",
      observed: "3d",
    };
    startQualityDouble(async (job) => {
      if (job.name === "transform") return builtMarts;
      const onlyWarnings = job.data.period === "2026-W43";
      return {
        success: onlyWarnings,
        suites: [{ suite: "ratings", success: onlyWarnings, evaluated: 20, failed: onlyWarnings ? 0 : 1 }],
        criticalFailures: onlyWarnings ? [] : [critical],
        warnings: [warning],
      } satisfies ValidateResult;
    });
    startStagesWorker();
    const failing = await untilEnded(await loadedRun("2026-W42"));
    expect(failing.status).toBe("partial");
    expect(failing.error).toMatch(/validation failed/);
    expect(failing.quality.validation?.criticalFailures).toEqual([critical]);
    expect(failing.quality.validation?.warnings).toEqual([warning]);
    expect(failing.quality.transform?.outcome).toBe("passed");

    const warned = await untilEnded(await loadedRun("2026-W43"));
    expect(warned.status).toBe("succeeded");
    expect(warned.quality.validation?.warnings).toEqual([warning]);
  });

  it("a failed dbt build makes the run partial with the node and the reason", async () => {
    const failure = { node: "model.tv_ratings.mart_rating_trends", reason: 'column "wk" does not exist' };
    startQualityDouble(async (job) =>
      job.name === "validate"
        ? passedValidation
        : { success: false, models: { dim_series: 40 }, failures: [failure] },
    );
    startStagesWorker();
    const summary = await untilEnded(await loadedRun("2026-W44"));
    expect(summary.status).toBe("partial");
    expect(summary.quality.transform).toMatchObject({ outcome: "failed", failures: [failure] });
    expect(summary.error).toMatch(/transform failed/);
  });

  it("a quality job that failed for good makes the run partial with its reason, and the next stage still runs", async () => {
    startQualityDouble(async (job) => {
      if (job.name === "validate") throw new UnrecoverableError("great_expectations: datasource unreachable");
      return builtMarts;
    });
    startStagesWorker();
    const summary = await untilEnded(await loadedRun("2026-W45"));
    expect(summary.status).toBe("partial");
    expect(summary.quality.validation).toMatchObject({ outcome: "error" });
    expect(summary.quality.validation?.error).toContain("great_expectations: datasource unreachable");
    expect(summary.quality.transform?.outcome).toBe("passed");
  });

  it("without a quality worker the run waits in validating, visibly, until the timeout ends it partial", async () => {
    startStagesWorker({ stageTimeoutMs: 1_500 });
    const runId = await loadedRun("2026-W46");
    await new Promise((r) => setTimeout(r, 500));
    expect((await summarizeRun(database.db, runId))?.status).toBe("validating");
    expect(await (await queues.quality.getJob(`${runId}-validate`))?.getState()).toBe("waiting");
    const summary = await untilEnded(runId);
    expect(summary.status).toBe("partial");
    expect(summary.quality.validation?.outcome).toBe("timed_out");
    expect(summary.error).toMatch(/validation timed_out: no result from the quality worker after 2s/);
    // The waiting child was removed, which let the step job end too.
    expect(await queues.quality.getJob(`${runId}-validate`)).toBeUndefined();
    await expect
      .poll(async () => (await queues.runs.getJob(`${runId}-stages`))?.getState())
      .toBe("completed");
  });

  it("load failures alone make the run partial; QUALITY_STAGE=off records the stages as skipped", async () => {
    startStagesWorker({ qualityStage: "off" });
    const summary = await untilEnded(await loadedRun("2026-W47", true));
    expect(summary.status).toBe("partial");
    expect(summary.error).toBe("1 series source(s) failed after retries");
    expect(summary.quality.validation?.outcome).toBe("skipped");
    expect(summary.quality.transform?.outcome).toBe("skipped");
  });

  it("re-running the stages is idempotent: one child per stage, the same outcome, the run ends once", async () => {
    let calls = 0;
    startQualityDouble(async (job) => {
      calls++;
      return job.name === "validate" ? passedValidation : builtMarts;
    });
    startStagesWorker();
    const runId = await loadedRun("2026-W48");
    const first = await untilEnded(runId);
    const stagesBefore = await database.db.select().from(runStages).where(eq(runStages.runId, runId));
    // A second hand-over (a re-delivered completion) and a replayed step job change nothing.
    expect(await completeLoadingIfDone({ db: database.db, queues }, runId)).toBeNull();
    const processor = createRunStagesProcessor({
      db: database.db,
      queues,
      log,
      qualityStage: "on",
      stageTimeoutMs: 1,
    });
    const replay = await processor({
      name: "stages",
      data: { runId, period: "2026-W48", step: "transformed" },
    } as Job);
    expect(replay).toMatchObject({ skipped: "run is succeeded" });
    expect(calls).toBe(2);
    expect(await summarizeRun(database.db, runId)).toMatchObject({
      status: first.status,
      finishedAt: first.finishedAt,
    });
    expect(await database.db.select().from(runStages).where(eq(runStages.runId, runId))).toEqual(
      stagesBefore,
    );
  });
});

describe("the week a run stands for", () => {
  it("a second run for the same week takes it over once loaded, naming the run it supersedes", async () => {
    startStagesWorker({ qualityStage: "off" });
    const first = await loadedRun("2026-W30");
    await untilEnded(first);
    const second = await loadedRun("2026-W30");
    const summary = await untilEnded(second);
    expect(summary).toMatchObject({ holdsPeriod: true, periodHolderRunId: second, supersedesRunId: first });
    expect(await summarizeRun(database.db, first)).toMatchObject({
      holdsPeriod: false,
      periodHolderRunId: second,
      status: "succeeded",
    });
    const holders = await database.pool.query(
      "select id from pipeline_runs where period = '2026-W30' and holds_period",
    );
    expect(holders.rows).toEqual([{ id: second }]);
  });
});
