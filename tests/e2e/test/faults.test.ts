import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffAgainstTruth, type Harness, startHarness } from "../src/index.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({
    catalogSize: 300,
    knobs: {
      faults: {
        rate: 0.2,
        kinds: ["http500", "http503", "timeout", "malformed", "empty"],
        maxFaultsPerRequest: 2,
      },
      // Lower than the ingestor's own limiter, so TMDB answers 429 with Retry-After.
      tmdb: { rateLimitPerSecond: 40 },
    },
  });
});
afterAll(async () => {
  await harness?.close();
});

describe("a run through upstream faults", () => {
  it("ends with the same database as a clean run: every value equals the truth, nothing recorded as failed", async () => {
    const runId = await harness.start();
    const summary = await harness.waitForRun(runId, 150_000);
    const stats = harness.sandbox.stats.snapshot();

    const upstreamRequests = (stats.families.tmdb?.requests ?? 0) + (stats.families.omdb?.requests ?? 0);
    expect(stats.faults.injected / upstreamRequests).toBeGreaterThanOrEqual(0.1);
    for (const kind of ["http500", "http503", "timeout", "malformed", "empty"]) {
      expect(stats.faults.byKind[kind], kind).toBeGreaterThan(0);
    }
    expect(stats.families.tmdb?.byStatus["429"]).toBeGreaterThan(0);

    expect(summary.status).toBe("succeeded");
    expect(summary.failures.filter((f) => f.kind === "failed")).toEqual([]);
    expect(await diffAgainstTruth(harness.database.db, runId, harness.sandbox.truth())).toEqual([]);
  });
});
