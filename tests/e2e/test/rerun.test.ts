import { createTmdbProcessor } from "@tvr/ingestor";
import { createLoadProcessor, writeBatch } from "@tvr/loader";
import { createMetrics } from "@tvr/metrics";
import { createDailyQuota, createEnrichProcessor, createOmdbCache } from "@tvr/omdb-enricher";
import type { RunGate } from "@tvr/runs";
import { createOmdbClient, createTmdbClient } from "@tvr/upstream";
import type { Job, Queue } from "bullmq";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  diffAgainstTruth,
  type Harness,
  RUN_TABLES,
  STAR_SCHEMA_TABLES,
  snapshotTables,
  startHarness,
} from "../src/index.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ catalogSize: 120 });
});
afterAll(async () => {
  await harness?.close();
});

const ALL_TABLES = [...STAR_SCHEMA_TABLES, ...RUN_TABLES];

/** Runs every completed job of the given queues through the processors again, as a re-delivery would. */
async function replayCompletedJobs() {
  const { db } = harness.database;
  const log = pino({ level: "silent" });
  const alwaysActive: RunGate = { isActive: async () => true };
  const tmdb = createTmdbProcessor({
    db,
    queues: harness.queues,
    tmdb: createTmdbClient({ baseUrl: harness.urls.tmdb, apiKey: "sandbox-tmdb-key" }),
    gate: alwaysActive,
    log,
    credentialVariable: "TMDB_API_KEY",
    scrapeSites: [],
  });
  const enrich = createEnrichProcessor({
    db,
    queues: harness.queues,
    omdb: createOmdbClient({ baseUrl: harness.urls.omdb, apiKey: "sandboxk" }),
    cache: createOmdbCache(harness.redis, harness.prefix, 3600),
    quota: createDailyQuota({
      redis: harness.redis,
      prefix: harness.prefix,
      apiKey: "sandboxk",
      limit: 100_000,
    }),
    gate: alwaysActive,
    log,
    metrics: createMetrics("replay"),
  });
  const load = createLoadProcessor({
    gate: alwaysActive,
    write: (item) => writeBatch(db, [item]),
    childQueues: { omdb: harness.queues.omdb },
    log,
  });
  const replay = async (queue: Queue, processor: (job: Job) => Promise<unknown>) => {
    const jobs = await queue.getJobs(["completed"]);
    for (const job of jobs) await processor(job);
    return jobs.length;
  };
  return {
    tmdb: await replay(harness.queues.tmdb, tmdb),
    omdb: await replay(harness.queues.omdb, enrich),
    load: await replay(harness.queues.load, load),
  };
}

describe("re-running", () => {
  it("processing every job of a run twice leaves the database unchanged", async () => {
    const runId = await harness.start();
    expect((await harness.waitForRun(runId)).status).toBe("succeeded");
    const before = await snapshotTables(harness.database.db, ALL_TABLES);

    const replayed = await replayCompletedJobs();
    const seriesCount = harness.sandbox.truth().series.length;
    expect(replayed.load).toBe(seriesCount);
    expect(replayed.tmdb).toBeGreaterThan(seriesCount);
    expect(replayed.omdb).toBeGreaterThan(0);

    expect(await snapshotTables(harness.database.db, ALL_TABLES)).toEqual(before);
  });

  it("a second run adds exactly one ratings snapshot per series and no duplicate dims or bridges", async () => {
    const starBefore = await snapshotTables(harness.database.db, STAR_SCHEMA_TABLES);
    const ratingsBefore = (await snapshotTables(harness.database.db, ["ratings"])).ratings ?? [];
    const omdbRequestsBefore = harness.sandbox.stats.snapshot().families.omdb?.requests ?? 0;

    const secondRun = await harness.start();
    expect((await harness.waitForRun(secondRun)).status).toBe("succeeded");

    const truth = harness.sandbox.truth();
    const ratingsAfter = (await snapshotTables(harness.database.db, ["ratings"])).ratings ?? [];
    expect(ratingsAfter.length - ratingsBefore.length).toBe(truth.series.length);
    expect(await snapshotTables(harness.database.db, STAR_SCHEMA_TABLES)).toEqual(starBefore);
    expect(await diffAgainstTruth(harness.database.db, secondRun, truth)).toEqual([]);
    // Same week: every OMDb answer comes from the cache.
    expect(harness.sandbox.stats.snapshot().families.omdb?.requests ?? 0).toBe(omdbRequestsBefore);
  });
});
