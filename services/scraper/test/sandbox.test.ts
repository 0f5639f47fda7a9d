import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLogger } from "@tvr/config";
import { createRedis, type ScrapeSite } from "@tvr/queues";
import { buildSandbox, type Sandbox, type SandboxUrls, type TruthSeries } from "@tvr/sandbox";
import {
  createTestDatabase,
  createTestQueuePrefix,
  freePort,
  TEST_REDIS_URL,
  type TestDatabase,
} from "@tvr/testing";
import { createPipelineQueues, type PipelineQueues, type RunningService } from "@tvr/worker";
import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScraperEnv } from "../src/env.ts";
import { planPaths } from "../src/plan.ts";
import { startScraper } from "../src/service.ts";
import { createRun, exclusively, queueKeyOf, scrapeJobId, waitForJobs } from "./helpers.ts";
import { addScrapeJobs, expectedResult, payloadOf } from "./truth.ts";

/**
 * One scraper (both workers, in this process) against an in-process sandbox serving every
 * layout and delivery. A few hundred series are scraped once in beforeAll; the tests look
 * at the results from different angles.
 */
const SITES = ["rt", "mc"] as const;
const KNOBS = { sites: { jsOnlyShare: 0.12, blockedShare: 0.12, unparseableShare: 0.03 } };
const SAMPLE_SIZE = 300;
/** Series per kind (layout x delivery, decoy, absence) and site; fewer of the kinds that need the browser. */
const PER_KIND = 4;
const PER_BROWSER_KIND = 1;

let sandbox: Sandbox;
let urls: SandboxUrls;
let database: TestDatabase;
const queuePrefix = createTestQueuePrefix("scraper");
let redis: Redis;
let queues: PipelineQueues;
let scraper: RunningService | undefined;
let diagnosticsDir: string;
let metricsPort: number;
let runId: string;
let sample: TruthSeries[];
const results = new Map<string, Map<number, Job>>();
let elapsedMs = 0;

const field = (site: ScrapeSite, series: TruthSeries) =>
  site === "rt"
    ? {
        path: series.rt_path,
        absence: series.rt_absence,
        layout: series.rt_layout,
        delivery: series.rt_delivery,
        decoy: series.rt_decoy_path,
      }
    : {
        path: series.mc_path,
        absence: series.mc_absence,
        layout: series.mc_layout,
        delivery: series.mc_delivery,
        decoy: series.mc_decoy_path,
      };

/**
 * Every layout x delivery, decoys, unparseable pages and missing pages on both sites, then
 * series that need no browser on either site (a browser page costs ~0.4 s of CPU here).
 */
function pickSample(all: readonly TruthSeries[]): TruthSeries[] {
  const picked = new Map<number, TruthSeries>();
  const needsBrowser = (series: TruthSeries) =>
    SITES.some((site) => {
      const delivery = field(site, series).delivery;
      return delivery === "js_only" || delivery === "blocked";
    });
  for (const site of SITES) {
    const byKind = new Map<string, TruthSeries[]>();
    for (const series of all) {
      const page = field(site, series);
      const kinds = [
        `${page.layout}/${page.delivery}`,
        page.decoy && page.path ? "decoy" : null,
        page.absence,
      ];
      for (const kind of kinds) {
        if (!kind) continue;
        const list = byKind.get(kind) ?? [];
        list.push(series);
        byKind.set(kind, list);
      }
    }
    for (const [kind, list] of byKind) {
      const cheap = list.filter((series) => !needsBrowser(series));
      const browserKind = kind.endsWith("/js_only") || kind.endsWith("/blocked");
      const pool = browserKind ? list : cheap.length ? cheap : list;
      const count = browserKind ? PER_BROWSER_KIND : PER_KIND;
      for (const series of pool.slice(0, count)) picked.set(series.series_id, series);
    }
  }
  const cheap = all.filter((series) => !needsBrowser(series));
  const stride = Math.max(1, Math.floor(cheap.length / SAMPLE_SIZE));
  for (let index = 0; picked.size < SAMPLE_SIZE && index < cheap.length; index += stride) {
    const series = cheap[index];
    if (series) picked.set(series.series_id, series);
  }
  return [...picked.values()];
}

beforeAll(async () => {
  sandbox = await buildSandbox({ knobs: KNOBS });
  urls = await sandbox.listen({ port: 0 });
  database = await createTestDatabase("scraper");
  runId = await createRun(database);
  diagnosticsDir = await mkdtemp(path.join(tmpdir(), "scraper-pages-"));
  metricsPort = await freePort();
  redis = createRedis(TEST_REDIS_URL, "producer");
  queues = createPipelineQueues(redis, queuePrefix.prefix);
  const env = loadScraperEnv({
    REDIS_URL: TEST_REDIS_URL,
    DATABASE_URL: database.url,
    QUEUE_PREFIX: queuePrefix.prefix,
    RT_BASE_URL: `${urls.base}/rt`,
    MC_BASE_URL: `${urls.base}/mc`,
    RT_RATE_LIMIT_PER_SECOND: "150",
    MC_RATE_LIMIT_PER_SECOND: "150",
    SCRAPER_CONCURRENCY: "8",
    SCRAPER_TIMEOUT_MS: "5000",
    SCRAPER_BROWSER_WAIT_MS: "3000",
    SCRAPER_DIAGNOSTICS_DIR: diagnosticsDir,
    METRICS_PORT: String(metricsPort),
  });
  scraper = await startScraper(
    env,
    createLogger({ name: "scraper-test", level: process.env.SCRAPER_TEST_LOG ?? "error" }),
  );

  sample = pickSample(sandbox.truth().series);
  await exclusively(async () => {
    const started = Date.now();
    const ids = new Map<ScrapeSite, string[]>();
    for (const site of SITES)
      ids.set(site, await addScrapeJobs(queues[queueKeyOf(site)], site, runId, sample));
    for (const site of SITES) {
      const jobs = await waitForJobs(queues[queueKeyOf(site)], ids.get(site) ?? [], 80_000);
      results.set(site, new Map(jobs.map((job) => [job.data.seriesId as number, job])));
    }
    elapsedMs = Date.now() - started;
  });
}, 180_000);

afterAll(async () => {
  await scraper?.close();
  await queues?.close();
  redis?.disconnect();
  await queuePrefix.cleanup();
  await database?.drop();
  await sandbox?.close();
  if (diagnosticsDir) await rm(diagnosticsDir, { recursive: true, force: true });
});

const jobOf = (site: ScrapeSite, series: TruthSeries): Job => {
  const job = results.get(site)?.get(series.series_id);
  if (!job) throw new Error(`no job for ${site} ${series.series_id}`);
  return job;
};

describe("scraper against the sandbox", () => {
  it("matches the sandbox truth for every sampled series on both sites", async () => {
    const stats = sandbox.stats.snapshot();
    for (const site of SITES) {
      const requests = stats.families[site]?.requests ?? 0;
      console.log(
        `[scraper] ${site}: ${sample.length} series, ${requests} requests in ${(elapsedMs / 1000).toFixed(1)} s; page outcomes ${JSON.stringify(stats.pageOutcomes?.[site])}`,
      );
    }
    let compared = 0;
    for (const site of SITES) {
      for (const series of sample) {
        const page = field(site, series);
        if (page.absence === "unparseable") continue;
        const job = jobOf(site, series);
        expect({ id: series.series_id, site, result: job.returnvalue }).toEqual({
          id: series.series_id,
          site,
          result: expectedResult(site, series),
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(SAMPLE_SIZE);
  });

  it.each(SITES)("%s: pages of every layout are read by plain HTTP", (site) => {
    const layouts = new Set<string>();
    for (const series of sample) {
      const page = field(site, series);
      if (page.delivery !== "html" || page.absence) continue;
      const result = jobOf(site, series).returnvalue;
      expect(result).toMatchObject({ status: "found", fetchedWith: "http", layout: page.layout });
      layouts.add(result.layout);
    }
    expect([...layouts].sort()).toEqual(
      site === "rt"
        ? ["rt-legacy-2018", "rt-media-scorecard-2024", "rt-score-board-2022"]
        : ["mc-2023", "mc-legacy"],
    );
  });

  it.each(SITES)(
    "%s: js_only and blocked pages go through the browser (blocked ones until a challenge cleared the wall)",
    async (site) => {
      const counts = { js_only: 0, blocked: 0 };
      for (const series of sample) {
        const page = field(site, series);
        if ((page.delivery !== "js_only" && page.delivery !== "blocked") || page.absence) continue;
        const result = jobOf(site, series).returnvalue;
        expect(result).toMatchObject({ status: "found", path: page.path });
        // A blocked page fetched after another page's challenge cleared the wall takes plain HTTP.
        if (page.delivery === "js_only") expect(result.fetchedWith).toBe("browser");
        counts[page.delivery]++;
      }
      expect(counts.js_only).toBeGreaterThan(0);
      expect(counts.blocked).toBeGreaterThan(0);
      expect(sandbox.stats.snapshot().pageOutcomes?.[site]?.cleared ?? 0).toBeGreaterThanOrEqual(
        counts.blocked,
      );
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const fallbacks = metrics
        .split("\n")
        .filter(
          (line) => line.startsWith("tvr_scrape_browser_fallbacks_total") && line.includes(`site="${site}"`),
        );
      console.log(
        `[scraper] ${site} browser fallbacks: ${fallbacks.map((line) => line.replace(/^\S*\{/, "{")).join(", ")}`,
      );
      expect(fallbacks.length).toBeGreaterThan(0);
    },
  );

  it.each(SITES)("%s: a decoy at the plain slug is rejected and the year-suffixed page found", (site) => {
    const decoyed = sample.filter(
      (series) => field(site, series).decoy && field(site, series).path && !field(site, series).absence,
    );
    expect(decoyed.length).toBeGreaterThan(0);
    for (const series of decoyed) {
      const page = field(site, series);
      const result = jobOf(site, series).returnvalue;
      expect(result.status).toBe("found");
      expect(result.path).toBe(page.path);
      expect(result.path).not.toBe(page.decoy);
    }
    expect(sandbox.stats.snapshot().pageOutcomes?.[site]?.decoy ?? 0).toBeGreaterThanOrEqual(decoyed.length);
  });

  it.each(SITES)("%s: a series without a page is absent, with every candidate tried", (site) => {
    const missing = sample.filter((series) => field(site, series).path === null);
    expect(missing.length).toBeGreaterThan(0);
    for (const series of missing) {
      const result = jobOf(site, series).returnvalue;
      expect(result.status).toBe("absent");
      expect(result.tried.map((tried: { path: string }) => tried.path)).toEqual(
        planPaths(site, payloadOf(runId, series)),
      );
    }
  });

  it.each(SITES)(
    "%s: a page of unknown layout is saved, counted and fails the job for good",
    async (site) => {
      const broken = sample.filter((series) => field(site, series).absence === "unparseable");
      expect(broken.length).toBeGreaterThan(0);
      const files = await readdir(diagnosticsDir);
      for (const series of broken) {
        const job = jobOf(site, series);
        expect(await job.getState()).toBe("failed");
        expect(job.attemptsMade).toBe(1);
        const urlPath = new URL(`${urls.base}/${site}${field(site, series).path}`).pathname;
        expect(job.failedReason).toMatch(new RegExp(`^parse_failed: ${urlPath} title=`));
        const saved = files.filter((name) => name.startsWith(`${site}-${series.series_id}-`));
        expect(saved.map((name) => path.extname(name)).sort()).toEqual([".html", ".json"]);
        const about = JSON.parse(
          await readFile(
            path.join(diagnosticsDir, saved.find((name) => name.endsWith(".json")) ?? ""),
            "utf8",
          ),
        );
        expect(about.url).toBe(`${urls.base}/${site}${field(site, series).path}`);
        expect(job.failedReason).toContain(about.fingerprint);
      }
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).toContain(
        `tvr_scrape_parse_failures_total{site="${site}",service="scraper"} ${broken.length}`,
      );
    },
  );

  it.each(SITES)("%s: a known path is tried first, with exactly one request", async (site) => {
    const series = sample.find(
      (entry) =>
        field(site, entry).delivery === "html" && !field(site, entry).absence && field(site, entry).decoy,
    );
    if (!series) throw new Error("no html page with a decoy in the sample");
    const knownPath = field(site, series).path;
    const secondRun = await createRun(database);
    const before = sandbox.stats.snapshot().families[site]?.requests ?? 0;
    const [id] = await addScrapeJobs(queues[queueKeyOf(site)], site, secondRun, [series], () => knownPath);
    const [job] = await waitForJobs(queues[queueKeyOf(site)], [id ?? ""], 20_000);
    expect(job?.id).toBe(scrapeJobId(secondRun, site, series.series_id));
    expect(job?.returnvalue).toMatchObject({ status: "found", path: knownPath, fetchedWith: "http" });
    expect((sandbox.stats.snapshot().families[site]?.requests ?? 0) - before).toBe(1);
  });

  it.each(SITES)(
    "%s: once a challenge cleared the wall, a blocked page is one plain HTTP request",
    async (site) => {
      const blocked = sample.find((series) => {
        const page = field(site, series);
        return page.delivery === "blocked" && !page.absence && !page.decoy;
      });
      if (!blocked) throw new Error(`no blocked ${site} page in the sample`);
      const laterRun = await createRun(database);
      const before = sandbox.stats.snapshot();
      const [id] = await addScrapeJobs(queues[queueKeyOf(site)], site, laterRun, [blocked]);
      const [job] = await waitForJobs(queues[queueKeyOf(site)], [id ?? ""], 20_000);
      expect(job?.returnvalue).toMatchObject({
        status: "found",
        fetchedWith: "http",
        path: field(site, blocked).path,
      });
      const after = sandbox.stats.snapshot();
      const outcome = (stats: typeof before, name: string) => stats.pageOutcomes?.[site]?.[name] ?? 0;
      expect(outcome(after, "cleared") - outcome(before, "cleared")).toBe(1);
      expect(outcome(after, "blocked") - outcome(before, "blocked")).toBe(0);
    },
  );
});
