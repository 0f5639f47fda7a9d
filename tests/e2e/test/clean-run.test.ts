import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffAgainstTruth, type Harness, startHarness } from "../src/index.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ catalogSize: 320 });
});
afterAll(async () => {
  await harness?.close();
});

describe("a full run against the sandbox", () => {
  it("loads every series, dim, bridge and rating exactly as the sandbox served them", async () => {
    const runId = await harness.start();
    const summary = await harness.waitForRun(runId, 90_000);
    const truth = harness.sandbox.truth();

    expect(truth.series.length).toBeGreaterThanOrEqual(300);
    expect(truth.listing.length).toBeGreaterThan(truth.series.length); // duplicates across pages
    expect(summary.status).toBe("succeeded");
    expect(summary.series).toMatchObject({
      discovered: truth.series.length,
      loaded: truth.series.length,
      failed: 0,
      pending: 0,
    });
    expect(await diffAgainstTruth(harness.database.db, runId, truth)).toEqual([]);

    const noImdbId = truth.series.filter((s) => s.imdb_absence === "no_imdb_id").length;
    const unknownToOmdb = truth.series.filter((s) => s.imdb_absence === "not_found").length;
    expect(noImdbId).toBeGreaterThan(0);
    expect(unknownToOmdb).toBeGreaterThan(0);
    expect(summary.failures).toEqual(
      expect.arrayContaining([
        { stage: "omdb", kind: "absent", reason: "no_imdb_id", count: noImdbId },
        { stage: "omdb", kind: "absent", reason: "not_found", count: unknownToOmdb },
      ]),
    );
    expect(summary.failures.filter((f) => f.kind === "failed")).toEqual([]);
  });
});
