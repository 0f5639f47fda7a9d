import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger } from "@tvr/config";
import { queues as contract, createRedis } from "@tvr/queues";
import { cancelRun } from "@tvr/runs";
import {
  createTestDatabase,
  createTestQueuePrefix,
  freePort,
  TEST_REDIS_URL,
  type TestDatabase,
} from "@tvr/testing";
import { createPipelineQueues, type PipelineQueues, type RunningService } from "@tvr/worker";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMcPage } from "../../../tools/sandbox/src/pages/index.ts";
import { loadScraperEnv } from "../src/env.ts";
import { startScraper } from "../src/service.ts";
import { createRun, waitForJobs } from "./helpers.ts";

/** The worker side of the step pattern against a small hand-written site (no sandbox needed). */
const page = renderMcPage("mc-2023", {
  title: "Dark",
  year: 2017,
  slug: "dark",
  metacritic: 82,
  metacritic_count: 9,
  metauser: 8.9,
  metauser_count: 1210,
});

/** Served cut in half the first time, whole after that. */
const cutPage = renderMcPage("mc-2023", {
  title: "The Cut",
  year: 2017,
  slug: "the-cut",
  metacritic: 71,
  metacritic_count: 20,
  metauser: 7.4,
  metauser_count: 300,
});
let cutServed = false;

let server: Server;
let base: string;
const hits: Array<{ path: string; at: number }> = [];
let limitedOnce = false;
let database: TestDatabase;
const queuePrefix = createTestQueuePrefix("scraper-queue");
let redis: Redis;
let queues: PipelineQueues;
let scraper: RunningService | undefined;
let metricsPort: number;

const payload = (runId: string, title: string) => ({
  runId,
  seriesId: 70523,
  title,
  originalTitle: null,
  firstAirYear: 2017,
  knownPath: null,
});

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "";
    hits.push({ path, at: Date.now() });
    if (path === "/mc/tv/dark/") {
      if (!limitedOnce) {
        limitedOnce = true;
        response.writeHead(429, { "retry-after": "1" }).end("slow down");
        return;
      }
      response.writeHead(200, { "content-type": "text/html" }).end(page);
      return;
    }
    if (path === "/mc/tv/the-cut/") {
      const body = cutServed ? cutPage : cutPage.slice(0, cutPage.length / 2);
      cutServed = true;
      response.writeHead(200, { "content-type": "text/html" }).end(body);
      return;
    }
    response.writeHead(404, { "content-type": "text/html" });
    response.end("<html><body>Not found</body></html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  database = await createTestDatabase("scraperq");
  redis = createRedis(TEST_REDIS_URL, "producer");
  queues = createPipelineQueues(redis, queuePrefix.prefix);
  metricsPort = await freePort();
  scraper = await startScraper(
    loadScraperEnv({
      REDIS_URL: TEST_REDIS_URL,
      DATABASE_URL: database.url,
      QUEUE_PREFIX: queuePrefix.prefix,
      RT_BASE_URL: `${base}/rt`,
      MC_BASE_URL: `${base}/mc`,
      MC_RATE_LIMIT_PER_SECOND: "20",
      SCRAPER_BROWSER: "off",
      METRICS_PORT: String(metricsPort),
    }),
    createLogger({ name: "scraper-test", level: "error" }),
  );
});

afterAll(async () => {
  await scraper?.close();
  await queues?.close();
  redis?.disconnect();
  await queuePrefix.cleanup();
  await database?.drop();
  await new Promise((resolve) => server?.close(resolve));
});

describe("scrape worker", () => {
  it("a 429 with Retry-After pauses the site's queue, then the same step runs again", async () => {
    const runId = await createRun(database);
    const started = Date.now();
    await queues.scrapeMc.add("scrape", payload(runId, "Dark"), {
      ...contract.scrapeMc.options,
      jobId: `${runId}-a`,
    });
    const [job] = await waitForJobs(queues.scrapeMc, [`${runId}-a`], 20_000);
    expect(job?.returnvalue).toMatchObject({ status: "found", path: "/tv/dark/", fetchedWith: "http" });
    const darkHits = hits.filter((hit) => hit.path === "/mc/tv/dark/" && hit.at >= started);
    expect(darkHits).toHaveLength(2);
    expect((darkHits[1]?.at ?? 0) - (darkHits[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    // One attempt (the successful one): neither the 429 nor the steps count as attempts.
    expect(job?.attemptsMade).toBe(1);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/tvr_jobs_total\{queue="scrape-mc",job="scrape",outcome="rate_limited"[^}]*\} 1/);
    expect(metrics).toMatch(/tvr_upstream_requests_total\{source="mc",status="429"[^}]*\} 1/);
  });

  it("resolves a series over several steps, one request each, and records what it tried", async () => {
    const runId = await createRun(database);
    const before = hits.length;
    await queues.scrapeMc.add("scrape", payload(runId, "Nowhere Show"), {
      ...contract.scrapeMc.options,
      jobId: `${runId}-b`,
    });
    const [job] = await waitForJobs(queues.scrapeMc, [`${runId}-b`], 20_000);
    expect(job?.returnvalue).toEqual({
      status: "absent",
      reason: "not_found",
      tried: [
        { path: "/tv/nowhere-show/", outcome: "not_found" },
        { path: "/tv/nowhere-show-2017/", outcome: "not_found" },
      ],
    });
    expect(hits.slice(before).map((hit) => hit.path)).toEqual([
      "/mc/tv/nowhere-show/",
      "/mc/tv/nowhere-show-2017/",
    ]);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/tvr_jobs_total\{queue="scrape-mc",job="scrape",outcome="stepped"[^}]*\} [1-9]/);
    expect(metrics).toMatch(
      /tvr_scrape_results_total\{site="mc",outcome="absent",fetched_with="none"[^}]*\} 1/,
    );
  });

  it("a page cut short is retried with the job's backoff, then read whole", async () => {
    const runId = await createRun(database);
    const started = Date.now();
    await queues.scrapeMc.add("scrape", payload(runId, "The Cut"), {
      ...contract.scrapeMc.options,
      jobId: `${runId}-d`,
    });
    const [job] = await waitForJobs(queues.scrapeMc, [`${runId}-d`], 20_000);
    expect(job?.returnvalue).toMatchObject({
      status: "found",
      path: "/tv/the-cut/",
      scores: { metacritic: 71 },
    });
    const cutHits = hits.filter((hit) => hit.path === "/mc/tv/the-cut/" && hit.at >= started);
    expect(cutHits).toHaveLength(2);
    const backoff = contract.scrapeMc.options.backoff;
    const delay = typeof backoff === "object" ? (backoff.delay ?? 0) : 0;
    expect(delay).toBeGreaterThan(0);
    expect((cutHits[1]?.at ?? 0) - (cutHits[0]?.at ?? 0)).toBeGreaterThanOrEqual(delay - 50);
    expect(job?.attemptsMade).toBe(2);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(
      /tvr_scrape_steps_total\{site="mc",fetched_with="http",outcome="incomplete_page"[^}]*\} 1/,
    );
  });

  it("skips the jobs of a run that is no longer running, without a request", async () => {
    const runId = await createRun(database);
    await cancelRun(database.db, runId, "test");
    const before = hits.length;
    await queues.scrapeMc.add("scrape", payload(runId, "Dark"), {
      ...contract.scrapeMc.options,
      jobId: `${runId}-c`,
    });
    const [job] = await waitForJobs(queues.scrapeMc, [`${runId}-c`], 20_000);
    expect(job?.returnvalue).toEqual({ skipped: "run_not_running" });
    expect(hits.length).toBe(before);
  });
});
