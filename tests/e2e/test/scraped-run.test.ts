import { readdir } from "node:fs/promises";
import { runFailures } from "@tvr/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffAgainstTruth, type Harness, startHarness } from "../src/index.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ catalogSize: 160, scrapeSites: "rt,mc" });
});
afterAll(async () => {
  await harness?.close();
});

describe("a full run with the scraper", () => {
  it("fills every Rotten Tomatoes and Metacritic value exactly as the sandbox truth, and records pages not found", async () => {
    const runId = await harness.start();
    const summary = await harness.waitForRun(runId, 240_000);
    const truth = harness.sandbox.truth();
    expect(summary.status).toBe("succeeded");
    expect(await diffAgainstTruth(harness.database.db, runId, truth, { scraped: true })).toEqual([]);

    // The catalog exercises every delivery and layout, and some series have no page.
    const deliveries = new Set(
      truth.series.map((s) => s.rt_delivery).concat(truth.series.map((s) => s.mc_delivery)),
    );
    expect([...deliveries].sort()).toEqual(["blocked", "html", "js_only", null].sort());
    const rtMissing = truth.series.filter((s) => s.rt_absence === "not_found").length;
    expect(rtMissing).toBeGreaterThan(0);
    expect(summary.failures).toEqual(
      expect.arrayContaining([{ stage: "scrape-rt", kind: "absent", reason: "not_found", count: rtMissing }]),
    );
    const pages = harness.sandbox.stats.snapshot().pageOutcomes;
    expect(pages.rt?.decoy ?? 0).toBeGreaterThan(0); // decoys were fetched, and rejected (the truth diff is empty)
    expect((pages.rt?.cleared ?? 0) + (pages.mc?.cleared ?? 0)).toBeGreaterThan(0); // the browser passed bot walls
  }, 300_000);

  it("a later run goes straight to the confirmed pages", async () => {
    const before = harness.sandbox.stats.snapshot().pageOutcomes;
    const runId = await harness.start();
    expect((await harness.waitForRun(runId, 240_000)).status).toBe("succeeded");
    const after = harness.sandbox.stats.snapshot().pageOutcomes;
    expect((after.rt?.decoy ?? 0) - (before.rt?.decoy ?? 0)).toBe(0);
    expect(
      await diffAgainstTruth(harness.database.db, runId, harness.sandbox.truth(), { scraped: true }),
    ).toEqual([]);
  }, 300_000);

  it("a page in no known layout is a recorded parse failure with its HTML saved, and the series is still loaded", async () => {
    harness.sandbox.setKnobs({ sites: { unparseableShare: 0.05 } });
    const truth = harness.sandbox.truth();
    const unparseable = truth.series.filter(
      (s) => s.rt_absence === "unparseable" || s.mc_absence === "unparseable",
    );
    expect(unparseable.length).toBeGreaterThan(0);

    const runId = await harness.start();
    const summary = await harness.waitForRun(runId, 240_000);
    expect(summary.status).toBe("partial");
    expect(summary.series.loaded).toBe(truth.series.length);
    const failures = await harness.database.db
      .select()
      .from(runFailures)
      .where(and(eq(runFailures.runId, runId), eq(runFailures.reason, "parse_failed")));
    const expected = truth.series.flatMap((s) => [
      ...(s.rt_absence === "unparseable" ? [`scrape-rt/${s.series_id}`] : []),
      ...(s.mc_absence === "unparseable" ? [`scrape-mc/${s.series_id}`] : []),
    ]);
    expect(failures.map((f) => `${f.stage}/${f.seriesId}`).sort()).toEqual(expected.sort());
    expect(failures.every((f) => f.kind === "failed" && (f.detail ?? "").length > 0)).toBe(true);
    const saved = (await readdir(harness.diagnosticsDir)).filter((f) => f.endsWith(".html"));
    expect(saved.length).toBeGreaterThanOrEqual(expected.length);
  }, 300_000);
});
