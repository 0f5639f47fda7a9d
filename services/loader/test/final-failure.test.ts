import { pipelineRuns, runFailures, runSeries } from "@tvr/db";
import { createRedis } from "@tvr/queues";
import { recordDiscoveredSeries, recordPageOutcome, setTotalPages } from "@tvr/runs";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, type TestDatabase } from "@tvr/testing";
import { createPipelineQueues, type PipelineQueues } from "@tvr/worker";
import type { Job } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordLoadFailure } from "../src/processor.ts";

let database: TestDatabase;
let queues: PipelineQueues;
const queuePrefix = createTestQueuePrefix("loadfail");
const redis = createRedis(TEST_REDIS_URL, "worker");
beforeAll(async () => {
  database = await createTestDatabase("loadfail");
  queues = createPipelineQueues(redis, queuePrefix.prefix);
});
afterAll(async () => {
  await queues?.close();
  redis.disconnect();
  await queuePrefix.cleanup();
  await database?.drop();
});

describe("a load job that failed for good", () => {
  it("finishes its series as failed with the reason, so the run's loading ends instead of hanging", async () => {
    const [run] = await database.db.insert(pipelineRuns).values({ mode: "sandbox" }).returning();
    if (!run) throw new Error("no run");
    await setTotalPages(database.db, run.id, 1);
    await recordDiscoveredSeries(database.db, run.id, 1, [{ seriesId: 5, rank: 1 }]);
    await recordPageOutcome(database.db, run.id, 1, { status: "done", seriesCount: 1 });
    const series = {
      seriesId: 5,
      title: "T",
      originalTitle: null,
      firstAirDate: null,
      originalLanguage: null,
      originCountry: [],
      plot: null,
      status: null,
      seriesType: null,
      numberOfSeasons: null,
      numberOfEpisodes: null,
      imdbId: null,
      genres: [],
      networks: [],
      voteAverage: null,
      voteCount: null,
      popularity: null,
    };
    const job = { name: "series", data: { runId: run.id, series }, attemptsMade: 7 } as unknown as Job;

    await recordLoadFailure(
      { db: database.db, queues },
      job,
      new Error('error: value out of range for check constraint "ratings_metauser_range"'),
    );

    expect(await database.db.select().from(runFailures).where(eq(runFailures.runId, run.id))).toEqual([
      expect.objectContaining({ seriesId: 5, stage: "load", kind: "failed", attempts: 8 }),
    ]);
    expect(
      await database.db
        .select({ outcome: runSeries.outcome })
        .from(runSeries)
        .where(eq(runSeries.runId, run.id)),
    ).toEqual([{ outcome: "failed" }]);
    expect(
      (await database.db.query.pipelineRuns.findFirst({ where: eq(pipelineRuns.id, run.id) }))?.status,
    ).toBe("validating");
    expect(await queues.runs.getJob(`${run.id}-stages`)).toBeDefined();
  });
});
