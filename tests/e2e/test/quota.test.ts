import { readQuotaState } from "@tvr/runs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffAgainstTruth, type Harness, startHarness } from "../src/index.ts";

const QUOTA = 40;
let now = new Date("2026-03-10T12:00:00Z");
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ catalogSize: 70, omdbDailyQuota: QUOTA, now: () => now });
});
afterAll(async () => {
  await harness?.close();
});

const omdbRequests = () => harness.sandbox.stats.snapshot().families.omdb?.requests ?? 0;

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the OMDb daily quota", () => {
  it("stops lookups at the quota, says so, and resumes the next UTC day", async () => {
    const runId = await harness.start();
    await until(async () => Boolean((await readQuotaState(harness.redis, harness.prefix))?.exhausted));
    await until(async () => (await harness.queues.omdb.getWaitingCount()) > 0);

    const state = await readQuotaState(harness.redis, harness.prefix);
    expect(state).toMatchObject({
      day: "2026-03-10",
      used: QUOTA,
      limit: QUOTA,
      exhausted: true,
      resetsAt: "2026-03-11T00:00:00.000Z",
    });
    expect(omdbRequests()).toBe(QUOTA);
    const run = await harness.waitForRun(runId, 1_500).catch((error: Error) => error);
    expect(run).toBeInstanceOf(Error); // still running: waiting, not failing

    now = new Date("2026-03-11T00:00:05Z");
    await harness.queues.omdb.removeRateLimitKey();
    const summary = await harness.waitForRun(runId, 60_000);
    expect(summary.status).toBe("succeeded");
    const truth = harness.sandbox.truth();
    const lookups = truth.series.filter((s) => s.imdb_id !== null).length;
    expect(lookups).toBeGreaterThan(QUOTA);
    expect(lookups).toBeLessThanOrEqual(2 * QUOTA);
    expect(await diffAgainstTruth(harness.database.db, runId, truth)).toEqual([]);
    expect(omdbRequests()).toBe(lookups);
  });

  it("a re-run in the same week spends no OMDb requests on cached series", async () => {
    const before = omdbRequests();
    const runId = await harness.start();
    expect((await harness.waitForRun(runId, 60_000)).status).toBe("succeeded");
    expect(omdbRequests()).toBe(before);
  });
});
