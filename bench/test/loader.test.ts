import { queues as contract } from "@tvr/queues";
import { BASE_WEEK, buildCatalog, truthForSeries } from "@tvr/sandbox";
import { describe, expect, it } from "vitest";
import {
  benchSeries,
  childOutcomesOf,
  loadItemOf,
  NO_CHILDREN,
  seriesRecordOf,
} from "../src/loader-items.ts";
import {
  assertSameCounts,
  formatLoaderTable,
  type LoaderPass,
  loaderRows,
  type RowCounts,
  totalRows,
} from "../src/loader-table.ts";

const counts: RowCounts = {
  genre_dim: 16,
  network_dim: 40,
  series: 1200,
  series_genre: 2245,
  series_network: 1280,
  ratings: 1200,
};
const RUN_ID = "00000000-0000-4000-8000-000000000001";

describe("row counts", () => {
  it("adds up every star-schema table", () => {
    expect(totalRows(counts)).toBe(5981);
  });

  it("accepts the same counts and names each table that changed", () => {
    expect(() => assertSameCounts("re-load", counts, { ...counts })).not.toThrow();
    expect(() =>
      assertSameCounts("re-load", counts, { ...counts, ratings: 2400, series_genre: 2244 }),
    ).toThrow("re-load: row counts changed (series_genre 2245 -> 2244, ratings 1200 -> 2400)");
  });
});

describe("the loader table", () => {
  const copy: LoaderPass = { path: "COPY", series: 1200, rows: 5981, seconds: 0.5 };
  const passes: LoaderPass[] = [
    { path: "loader direct", series: 1200, rows: 5981, seconds: 2 },
    { path: "queue alone", series: 1200, rows: null, seconds: 0.6 },
  ];

  it("gives rows/s, series/s, ms per series and the time over COPY's, and no rates for the queue alone", () => {
    expect(loaderRows(copy, passes)).toEqual([
      ["COPY", 1200, 5981, 0.5, 11962, 2400, 0.417, 1],
      ["loader direct", 1200, 5981, 2, 2991, 600, 1.667, 4],
      ["queue alone", 1200, "-", 0.6, "-", 2000, 0.5, "-"],
    ]);
  });

  it("states the size and the rows per table in its title and right-aligns the numbers", () => {
    const table = formatLoaderTable({
      size: 1200,
      seed: 42,
      week: BASE_WEEK,
      batchSize: 100,
      counts,
      copy,
      passes,
    });
    const lines = table.split("\n");
    expect(lines[0]).toContain("Loader: 1200 series");
    expect(lines[0]).toContain("= 5981 star-schema rows (genre_dim 16,");
    expect(lines[0]).toContain("batches of 100");
    const queueLine = lines.find((line) => line.startsWith("queue alone")) ?? "";
    const loaderLine = lines.find((line) => line.startsWith("loader direct")) ?? "";
    // "-" sits where the number would end: both lines end at the same column.
    expect(queueLine.length).toBe(loaderLine.length);
    expect(queueLine.endsWith("   -")).toBe(true);
  });
});

describe("the bench's payloads", () => {
  const catalog = buildCatalog({ seed: 42, size: 300, week: BASE_WEEK });
  const truths = catalog.series.map((record) => truthForSeries(record));

  it("are the same every time and one per catalog series", () => {
    const first = benchSeries({ size: 300, seed: 42, week: BASE_WEEK });
    expect(first).toHaveLength(300);
    expect(benchSeries({ size: 300, seed: 42, week: BASE_WEEK })).toEqual(first);
  });

  it("carry the truth's scores where the sites have a page", () => {
    const truth = truths.find((t) => t.rt_path && !t.rt_absence && t.imdb_rating !== null);
    if (!truth) throw new Error("no series with a readable RT page and an IMDb rating in the catalog");
    const outcomes = childOutcomesOf(truth);
    expect(outcomes.omdb).toMatchObject({ status: "found", imdbRating: truth.imdb_rating });
    expect(outcomes.rt).toMatchObject({
      status: "found",
      path: truth.rt_path,
      scores: { tomatoes_critic: truth.tomatoes_critic },
    });
  });

  it("record the absences and failures the loader would: no IMDb id, no page, an unparseable page", () => {
    const noImdb = truths.find((t) => t.imdb_id === null);
    const noMcPage = truths.find((t) => t.mc_absence === "not_found");
    // The sandbox serves no page unparseable by default (its knob): one series' RT page, as if it did.
    const readable = truths.find((t) => t.rt_path && !t.rt_absence);
    const unparseable = readable && { ...readable, rt_absence: "unparseable" as const };
    if (!noImdb || !unparseable || !noMcPage) throw new Error("the catalog lacks an expected edge case");

    const failures = (truth: typeof noImdb) =>
      loadItemOf(RUN_ID, seriesRecordOf(truth), childOutcomesOf(truth)).failures.map((f) => [
        f.stage,
        f.kind,
        f.reason,
      ]);
    expect(failures(noImdb)).toContainEqual([contract.omdb.name, "absent", "no_imdb_id"]);
    expect(failures(unparseable)).toContainEqual([contract.scrapeRt.name, "failed", "parse_failed"]);
    expect(failures(noMcPage)).toContainEqual([contract.scrapeMc.name, "absent", "not_found"]);
  });

  it("without children, keep only what the payload itself says", () => {
    const noImdb = truths.find((t) => t.imdb_id === null);
    if (!noImdb) throw new Error("no series without an IMDb id");
    const item = loadItemOf(RUN_ID, seriesRecordOf(noImdb), NO_CHILDREN);
    expect([item.omdb, item.rt, item.mc]).toEqual([null, null, null]);
    expect(item.failures.map((f) => f.reason)).toEqual(["no_imdb_id"]);
  });
});
