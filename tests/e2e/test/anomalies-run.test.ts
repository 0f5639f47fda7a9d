import { genreDim, ratings, seriesGenre } from "@tvr/db";
import { UNKNOWN_GENRE } from "@tvr/sandbox";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffAgainstTruth, type Harness, startHarness } from "../src/index.ts";

let harness: Harness;
beforeAll(async () => {
  // A fresh queue prefix, so no OMDb answer comes from a cache filled without the anomalies.
  harness = await startHarness({ catalogSize: 200, scrapeSites: "rt,mc", knobs: { dataAnomalies: true } });
});
afterAll(async () => {
  await harness?.close();
});

describe("a run with the dataAnomalies knob on", () => {
  it("loads the bad data as served, exactly where the truth says it was injected", async () => {
    const runId = await harness.start();
    const summary = await harness.waitForRun(runId, 240_000);
    const truth = harness.sandbox.truth();
    expect(truth.dataAnomalies).toBe(true);
    expect(summary.series.loaded).toBe(truth.series.length);
    expect(await diffAgainstTruth(harness.database.db, runId, truth, { scraped: true })).toEqual([]);

    const rows = await harness.database.db.select().from(ratings).where(eq(ratings.runId, runId));
    const outOfRange = rows.filter(
      (row) => (row.imdbRating ?? 0) > 10 || (row.tomatoesCritic ?? 0) > 100 || (row.metacritic ?? 0) > 100,
    );
    const injected = truth.series.filter((s) =>
      s.anomalies.some((anomaly) => anomaly.endsWith("_out_of_range")),
    );
    expect(injected.length).toBeGreaterThan(0);
    expect(outOfRange.map((row) => row.seriesId).sort()).toEqual(injected.map((s) => s.series_id).sort());

    const withUnknownGenre = await harness.database.db
      .select({ seriesId: seriesGenre.seriesId })
      .from(seriesGenre)
      .innerJoin(genreDim, eq(genreDim.genreId, seriesGenre.genreId))
      .where(eq(genreDim.genreId, UNKNOWN_GENRE.id));
    expect(withUnknownGenre.map((row) => row.seriesId).sort()).toEqual(
      truth.series
        .filter((s) => s.anomalies.includes("unknown_genre"))
        .map((s) => s.series_id)
        .sort(),
    );

    const imdbNullShare = rows.filter((row) => row.imdbRating === null).length / rows.length;
    expect(imdbNullShare).toBeGreaterThan(0.3);
  }, 300_000);
});
