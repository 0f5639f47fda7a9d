import { createLogger } from "@tvr/config";
import { pipelineRuns, runFailures, runSeries } from "@tvr/db";
import { createMetrics } from "@tvr/metrics";
import { createRedis, type QueueKey } from "@tvr/queues";
import { recordBadPayload, recordDiscoveredSeries, recordPageOutcome, setTotalPages } from "@tvr/runs";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, type TestDatabase } from "@tvr/testing";
import { createInstrumentedWorker, createPipelineQueues, type PipelineQueues } from "@tvr/worker";
import type { Job, Queue, Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let database: TestDatabase;
let queues: PipelineQueues;
const queuePrefix = createTestQueuePrefix("badpayload");
const redis = createRedis(TEST_REDIS_URL, "worker");
const log = createLogger({ name: "bad-payload-test", level: "silent" });
const metrics = createMetrics("bad-payload-test");
const workers: Worker[] = [];
let processed = 0;

beforeAll(async () => {
  database = await createTestDatabase("badpayload");
  queues = createPipelineQueues(redis, queuePrefix.prefix);
  for (const queue of ["tmdb", "load", "runs"] as QueueKey[]) {
    workers.push(
      createInstrumentedWorker({
        queue,
        processor: async () => {
          processed += 1;
          return "processed";
        },
        connection: createRedis(TEST_REDIS_URL, "worker"),
        prefix: queuePrefix.prefix,
        concurrency: 2,
        onBadPayload: (bad) => recordBadPayload({ db: database.db, queues }, bad),
        log,
        metrics,
      }),
    );
  }
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await queues?.close();
  redis.disconnect();
  await queuePrefix.cleanup();
  await database?.drop();
});

const newRun = async () => {
  const [run] = await database.db.insert(pipelineRuns).values({ mode: "sandbox" }).returning();
  if (!run) throw new Error("no run");
  return run.id;
};
const runOf = async (id: string) =>
  database.db.query.pipelineRuns.findFirst({ where: eq(pipelineRuns.id, id) });

async function settled(job: Job, queue: Queue): Promise<Job> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const state = await job.getState();
    if (state === "failed" || state === "completed") {
      const fresh = await queue.getJob(job.id ?? "");
      if (fresh) return fresh as Job;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${job.id} did not settle`);
}

describe("a queue payload that doesn't parse", () => {
  it("fails at once, unretried, and finishes its series as failed so the run still ends", async () => {
    const runId = await newRun();
    await setTotalPages(database.db, runId, 1);
    await recordDiscoveredSeries(database.db, runId, 1, [{ seriesId: 501, rank: 1 }]);
    await recordPageOutcome(database.db, runId, 1, { status: "done", seriesCount: 1 });
    const job = await queues.load.add(
      "series",
      { runId, series: { seriesId: 501, name: 42 } },
      { attempts: 8, backoff: { type: "fixed", delay: 10 } },
    );
    const done = await settled(job, queues.load);
    expect(done.finishedOn).toBeTruthy();
    expect(await done.getState()).toBe("failed");
    expect(done.attemptsMade).toBe(1);
    expect(done.failedReason).toMatch(/^bad_payload: series\./);
    expect(await database.db.select().from(runFailures).where(eq(runFailures.runId, runId))).toEqual([
      expect.objectContaining({ seriesId: 501, stage: "load", kind: "failed", reason: "bad_payload" }),
    ]);
    const [series] = await database.db.select().from(runSeries).where(eq(runSeries.runId, runId));
    expect(series?.outcome).toBe("failed");
    expect((await runOf(runId))?.status).toBe("validating");
  });

  it("ends the run failed, with the reason, when the job's subject can't be read", async () => {
    const runId = await newRun();
    const job = await queues.tmdb.add("page", { runId, page: "two" }, { attempts: 6 });
    const done = await settled(job, queues.tmdb);
    expect(done.attemptsMade).toBe(1);
    expect(await runOf(runId)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^bad_payload: tmdb\/page job .*page: /),
    });
  });

  it("fails a job with an unknown name, or no readable run, at once and records nothing", async () => {
    const before = await database.db.select().from(runFailures);
    const unknownName = await queues.runs.add("no-such-job", { runId: "not-a-uuid" }, { attempts: 8 });
    const noRun = await queues.load.add("series", { series: { seriesId: 9 } }, { attempts: 8 });
    for (const [job, queue] of [
      [unknownName, queues.runs],
      [noRun, queues.load],
    ] as const) {
      const done = await settled(job, queue);
      expect(done.attemptsMade).toBe(1);
      expect(done.failedReason).toMatch(/^bad_payload: /);
    }
    expect(await database.db.select().from(runFailures)).toEqual(before);
  });

  it("still hands valid payloads to the processor", async () => {
    const before = processed;
    const runId = await newRun();
    const job = await queues.tmdb.add("page", { runId, page: 3 });
    const done = await settled(job, queues.tmdb);
    expect(done.returnvalue).toBe("processed");
    expect(processed).toBe(before + 1);
  });
});
