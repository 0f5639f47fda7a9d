/**
 * The quality stage for real: the loader's run lifecycle with QUALITY_STAGE=on and the
 * Python quality worker (Great Expectations, dbt) as a child process.
 */

import type { RunSummary } from "@tvr/runs";
import type { Truth, TruthSeries } from "@tvr/sandbox";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, type QualityWorker, startHarness, startQualityWorker } from "../src/index.ts";

const CATALOG = 40;
const MAX_PAGES = 2;
const RUN_TIMEOUT_MS = 300_000;
const MARTS = [
  "dim_series",
  "fct_series_ratings",
  "mart_top_rated_by_network",
  "mart_genre_rating_distribution",
  "mart_rating_trends",
  "mart_source_comparison",
];

async function start(dataAnomalies: boolean): Promise<{ harness: Harness; worker: QualityWorker }> {
  const harness = await startHarness({
    catalogSize: CATALOG,
    scrapeSites: "rt,mc",
    qualityStage: "on",
    // Plain HTML pages only: the browser fallback has its own tests.
    knobs: { sites: { jsOnlyShare: 0, blockedShare: 0 }, dataAnomalies },
  });
  const worker = await startQualityWorker({ databaseUrl: harness.database.url, prefix: harness.prefix });
  return { harness, worker };
}

async function stop(started: { harness: Harness; worker: QualityWorker } | undefined) {
  if (!started) return;
  expect(await started.worker.stop()).toBe(0);
  await started.harness.close();
}

async function rows<T>(h: Harness, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await h.database.db.execute(query)).rows as T[];
}

/** One run of the sandbox's `week`, collected as that period; OMDb answers are cached for 6 days, so cleared first. */
async function runWeek(h: Harness, week: string): Promise<{ summary: RunSummary; truth: Truth }> {
  h.sandbox.setKnobs({ week });
  const cached = await h.redis.keys(`${h.prefix}:omdb-cache:*`);
  if (cached.length > 0) await h.redis.del(...cached);
  const runId = await h.start({ maxPages: MAX_PAGES, period: week });
  return { summary: await h.waitForRun(runId, RUN_TIMEOUT_MS), truth: h.sandbox.truth() };
}

describe("sandbox runs through the quality worker", () => {
  let started: { harness: Harness; worker: QualityWorker } | undefined;
  const truths = new Map<string, Truth>();
  beforeAll(async () => {
    started = await start(false);
  }, 240_000);
  afterAll(() => stop(started));

  it("end succeeded: every suite passes, every mart is built, dim_series has one row per series", async () => {
    const h = started?.harness as Harness;
    const { summary, truth } = await runWeek(h, "2026-W10");
    truths.set("2026-W10", truth);
    expect(summary.quality.validation?.criticalFailures).toEqual([]);
    expect(summary.status).toBe("succeeded");
    expect(summary.quality.validation?.outcome).toBe("passed");
    expect(summary.quality.validation?.suites.map((s) => [s.suite, s.success])).toEqual([
      ["ratings", true],
      ["series", true],
      ["series_genres", true],
      ["series_networks", true],
    ]);
    const stored = await rows<{ suite: string; success: boolean }>(
      h,
      sql`select suite, success from quality_validations where run_id = ${summary.id} order by suite`,
    );
    expect(stored).toHaveLength(4);
    expect(stored.every((row) => row.success)).toBe(true);

    expect(summary.quality.transform?.outcome).toBe("passed");
    for (const mart of MARTS) expect(summary.quality.transform?.models[mart], mart).toBeGreaterThan(0);
    const [dim] = await rows<{ n: number; distinct_ids: number }>(
      h,
      sql`select count(*)::int as n, count(distinct series_id)::int as distinct_ids from marts.dim_series`,
    );
    expect(dim).toEqual({ n: CATALOG, distinct_ids: CATALOG });
  }, 420_000);

  it("give mart_rating_trends one point per week, source and genre, equal to what the sandbox served", async () => {
    const h = started?.harness as Harness;
    expect(truths.has("2026-W10")).toBe(true);
    for (const week of ["2026-W11", "2026-W12"]) {
      const { summary, truth } = await runWeek(h, week);
      expect(summary.status).toBe("succeeded");
      truths.set(week, truth);
    }
    const got = await rows<{ period: string; source: string; genre_id: number; avg_score_100: string }>(
      h,
      sql`select period, source, genre_id, avg_score_100 from marts.mart_rating_trends where source <> 'composite'`,
    );
    const expected = new Map<string, number>();
    for (const [week, truth] of truths) {
      for (const [key, value] of trendPoints(week, truth)) expected.set(key, value);
    }
    expect(got.map((r) => `${r.period}|${r.source}|${r.genre_id}`).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    const pointsPerLine = new Map<string, number>();
    for (const row of got) {
      const line = `${row.source}|${row.genre_id}`;
      pointsPerLine.set(line, (pointsPerLine.get(line) ?? 0) + 1);
      // The mart rounds to two decimals.
      const want = expected.get(`${row.period}|${row.source}|${row.genre_id}`) ?? Number.NaN;
      expect(
        Math.abs(Number(row.avg_score_100) - want),
        `${row.period} ${row.source} ${row.genre_id}`,
      ).toBeLessThan(0.0051);
    }
    expect(new Set(pointsPerLine.values())).toEqual(new Set([3]));
  }, 600_000);
});

describe("a sandbox run with SANDBOX_DATA_ANOMALIES on", () => {
  let started: { harness: Harness; worker: QualityWorker } | undefined;
  beforeAll(async () => {
    started = await start(true);
  }, 240_000);
  afterAll(() => stop(started));

  it("ends partial, failing exactly the injected anomalies, and the worker's metrics show it", async () => {
    const h = started?.harness as Harness;
    const runId = await h.start({ maxPages: MAX_PAGES });
    const summary = await h.waitForRun(runId, RUN_TIMEOUT_MS);
    const truth = h.sandbox.truth();
    expect(truth.dataAnomalies).toBe(true);
    const injected = new Set(truth.series.flatMap((s) => s.anomalies.map(expectationFor)));
    expect(injected.size).toBeGreaterThan(1);
    expect(summary.status).toBe("partial");
    const failed = new Set(
      summary.quality.validation?.criticalFailures.map((f) => `${f.suite}.${f.expectation}`),
    );
    expect([...failed].sort()).toEqual([...injected].sort());
    const stored = await rows<{ suite: string; expectation_id: string }>(
      h,
      sql`select suite, expectation_id from quality_expectation_results
          where run_id = ${runId} and not success and severity = 'critical'`,
    );
    expect(stored.map((r) => `${r.suite}.${r.expectation_id}`).sort()).toEqual([...injected].sort());
    const metrics = await started?.worker.metrics();
    expect(metrics).toMatch(/^tvr_quality_validation_success\{suite="ratings"\} 0(\.0)?$/m);
    expect(metrics).toMatch(/^tvr_quality_validation_success\{suite="series"\} 1(\.0)?$/m);
  }, 420_000);
});

/** The failed expectation each injected anomaly must cause (suite.expectation). */
function expectationFor(anomaly: TruthSeries["anomalies"][number]): string {
  if (anomaly === "unknown_genre") return "series_genres.genre_in_tmdb_list";
  if (anomaly === "imdb_rating_missing") return "ratings.imdb_rating_non_null_share";
  return `ratings.${anomaly.replace(/_out_of_range$/, "_in_range")}`;
}

const SOURCES: Array<[string, (s: TruthSeries) => number | null]> = [
  ["tmdb", (s) => s.tmdb_vote_average * 10],
  ["imdb", (s) => (s.imdb_rating === null ? null : s.imdb_rating * 10)],
  ["tomatometer", (s) => s.tomatoes_critic],
  ["rt_audience", (s) => s.tomatoes_audience],
  ["metascore", (s) => s.metacritic],
  ["metacritic_user", (s) => (s.metauser === null ? null : s.metauser * 10)],
];

/** The week's average 0–100 score per source and genre, computed from the sandbox's truth. */
function trendPoints(week: string, truth: Truth): Map<string, number> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const series of truth.series) {
    for (const [source, score] of SOURCES) {
      const value = score(series);
      if (value === null) continue;
      for (const genre of series.genres) {
        const key = `${week}|${source}|${genre.genre_id}`;
        const sum = sums.get(key) ?? { total: 0, count: 0 };
        sums.set(key, { total: sum.total + value, count: sum.count + 1 });
      }
    }
  }
  return new Map([...sums].map(([key, { total, count }]) => [key, total / count]));
}
