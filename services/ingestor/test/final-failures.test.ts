import { pipelineRuns, runFailures, runSeries } from "@tvr/db";
import { createRedis } from "@tvr/queues";
import { recordDiscoveredSeries, recordPageOutcome, setTotalPages } from "@tvr/runs";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, type TestDatabase } from "@tvr/testing";
import { createPipelineQueues, type PipelineQueues } from "@tvr/worker";
import type { Job } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordTmdbFailure } from "../src/processors/tmdb.ts";

let database: TestDatabase;
let queues: PipelineQueues;
const queuePrefix = createTestQueuePrefix("ingfail");
const redis = createRedis(TEST_REDIS_URL, "worker");
beforeAll(async () => {
  database = await createTestDatabase("ingestor");
  queues = createPipelineQueues(redis, queuePrefix.prefix);
});
afterAll(async () => {
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
/** Only what recordTmdbFailure reads of a BullMQ job. */
const job = (name: string, data: unknown) => ({ name, data, attemptsMade: 5 }) as unknown as Job;
const runOf = async (id: string) =>
  database.db.query.pipelineRuns.findFirst({ where: eq(pipelineRuns.id, id) });

describe("a TMDB job that failed for good", () => {
  it("page 1 fails the run at once: without it the run can't know how many pages there are", async () => {
    const runId = await newRun();
    await recordTmdbFailure(
      { db: database.db, queues },
      job("page", { runId, page: 1 }),
      new Error("transient: HTTP 503 from TMDB"),
    );
    expect(await runOf(runId)).toMatchObject({
      status: "failed",
      error: "top_rated page 1 failed: transient: HTTP 503 from TMDB",
    });
  });

  it("a series whose details failed is recorded, and the run's loading ends (partial once validated)", async () => {
    const runId = await newRun();
    await setTotalPages(database.db, runId, 1);
    await recordDiscoveredSeries(database.db, runId, 1, [{ seriesId: 77, rank: 1 }]);
    await recordPageOutcome(database.db, runId, 1, { status: "done", seriesCount: 1 });
    await recordTmdbFailure(
      { db: database.db, queues },
      job("details", { runId, seriesId: 77 }),
      new Error("malformed: vote_count"),
    );
    expect(await database.db.select().from(runFailures).where(eq(runFailures.runId, runId))).toEqual([
      expect.objectContaining({
        seriesId: 77,
        stage: "tmdb",
        kind: "failed",
        reason: "malformed",
        attempts: 6,
      }),
    ]);
    expect(
      await database.db
        .select({ outcome: runSeries.outcome })
        .from(runSeries)
        .where(eq(runSeries.runId, runId)),
    ).toEqual([{ outcome: "failed" }]);
    expect((await runOf(runId))?.status).toBe("validating");
    expect((await queues.runs.getJob(`${runId}-stages`))?.data).toMatchObject({ runId, step: "validate" });
  });
});
