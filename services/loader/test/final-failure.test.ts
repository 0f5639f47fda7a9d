import { pipelineRuns, runFailures, runSeries } from "@tvr/db";
import { recordDiscoveredSeries, recordPageOutcome, setTotalPages } from "@tvr/pipeline";
import { createTestDatabase, type TestDatabase } from "@tvr/testing";
import type { Job } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordLoadFailure } from "../src/processor.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("loadfail");
});
afterAll(async () => {
  await database?.drop();
});

describe("a load job that failed for good", () => {
  it("finishes its series as failed with the reason, so the run ends partial instead of hanging", async () => {
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
      database.db,
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
    ).toBe("partial");
  });
});
