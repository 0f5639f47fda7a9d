import { createLogger, type Logger } from "@tvr/config";
import { connectDatabase } from "@tvr/db";
import { createMetrics, startOpsServer } from "@tvr/metrics";
import { createRedis } from "@tvr/queues";
import { createRunGate } from "@tvr/runs";
import { createInstrumentedWorker, createPipelineQueues, type RunningService } from "@tvr/worker";
import { createBrowserFetcher } from "./browser.ts";
import { createClearanceStore } from "./clearance.ts";
import { createDiagnostics } from "./diagnostics.ts";
import type { ScraperEnv } from "./env.ts";
import { createHttpFetcher } from "./http.ts";
import { createScrapeMetrics } from "./metrics.ts";
import { createPacer } from "./pacer.ts";
import { createScrapeProcessor } from "./processor.ts";
import { createSiteUrls } from "./site.ts";

/** Two workers in one process, `scrape-rt` and `scrape-mc`, sharing one browser. */
export async function startScraper(
  env: ScraperEnv,
  log: Logger = createLogger({ name: "scraper", level: env.LOG_LEVEL }),
): Promise<RunningService> {
  const metrics = createMetrics("scraper");
  const scrapeMetrics = createScrapeMetrics(metrics);
  const database = connectDatabase(env.DATABASE_URL, { max: 2 });
  const producer = createRedis(env.REDIS_URL, "worker");
  const queues = createPipelineQueues(producer, env.QUEUE_PREFIX);
  const pace = createPacer(producer, env.QUEUE_PREFIX, {
    rt: env.RT_RATE_LIMIT_PER_SECOND,
    mc: env.MC_RATE_LIMIT_PER_SECOND,
  });
  const http = createHttpFetcher({
    userAgent: env.SCRAPER_USER_AGENT,
    timeoutMs: env.SCRAPER_TIMEOUT_MS,
    observe: metrics.observeUpstream,
    pace,
  });
  const browser =
    env.SCRAPER_BROWSER === "off"
      ? null
      : createBrowserFetcher({
          executablePath: env.CHROMIUM_PATH,
          maxPages: env.SCRAPER_BROWSER_PAGES,
          userAgent: env.SCRAPER_USER_AGENT,
          timeoutMs: env.SCRAPER_TIMEOUT_MS,
          waitMs: env.SCRAPER_BROWSER_WAIT_MS,
          observe: metrics.observeUpstream,
          onAborted: scrapeMetrics.aborted,
          pace,
        });
  const diagnostics = createDiagnostics(env.SCRAPER_DIAGNOSTICS_DIR);
  const clearance = createClearanceStore(producer, env.QUEUE_PREFIX);
  const gate = createRunGate(database.db);

  const sites = [
    { queue: "scrapeRt", site: createSiteUrls("rt", env.RT_BASE_URL), rate: env.RT_RATE_LIMIT_PER_SECOND },
    { queue: "scrapeMc", site: createSiteUrls("mc", env.MC_BASE_URL), rate: env.MC_RATE_LIMIT_PER_SECOND },
  ] as const;
  // Health and metrics first, so the process is seen up while Chromium starts.
  const ops = await startOpsServer({
    metrics,
    port: env.METRICS_PORT,
    ready: async () => (await producer.ping()) === "PONG",
  });
  // Before taking jobs: Chromium's start-up would otherwise slow the first steps by a second or two.
  await browser?.launch(sites.map((entry) => entry.site)).catch((error: Error) => {
    log.warn({ err: error.message }, "Chromium did not start; the first page that needs it tries again");
  });
  const inFlight = metrics.gauge(
    "scrape_steps_in_flight",
    "Scrape steps this process is working on (waiting for a request slot included), by queue",
    ["queue"],
  );
  const running = sites.map((entry) => {
    const connection = createRedis(env.REDIS_URL, "worker");
    const worker = createInstrumentedWorker({
      queue: entry.queue,
      processor: createScrapeProcessor({
        site: entry.site,
        queue: queues[entry.queue],
        http,
        browser,
        diagnostics,
        clearance,
        gate,
        log,
        metrics: scrapeMetrics,
      }),
      connection,
      prefix: env.QUEUE_PREFIX,
      concurrency: env.SCRAPER_CONCURRENCY,
      worker: {
        // Each processing makes one site request, whose slot the pacer grants. The limiter keeps
        // job starts near that rate (twice it, so the pacer can make up for a slow moment), and
        // pauses the queue on a 429.
        limiter: { max: 2 * entry.rate, duration: 1_000 },
        // After a 429 pause, look again within a few seconds of its end.
        maximumRateLimitDelay: 2_000,
        lockDuration: env.SCRAPER_LOCK_DURATION_MS,
        stalledInterval: env.SCRAPER_STALLED_INTERVAL_MS,
      },
      log,
      metrics,
      inFlight,
    });
    return { worker, connection };
  });
  log.info(
    {
      port: env.METRICS_PORT,
      rtPerSecond: env.RT_RATE_LIMIT_PER_SECOND,
      mcPerSecond: env.MC_RATE_LIMIT_PER_SECOND,
      browser: env.SCRAPER_BROWSER,
    },
    "scraper started",
  );
  return {
    async close() {
      // A worker closed while its connection still connects (a SIGTERM right after start) makes
      // BullMQ emit "Connection is closed" as an unhandled error: let it connect first.
      await Promise.all(running.map(({ worker }) => worker.waitUntilReady().catch(() => undefined)));
      // In-flight steps finish first; then nothing can need the browser any more.
      await Promise.all(running.map(({ worker }) => worker.close()));
      await browser?.close();
      await queues.close();
      await Promise.all([ops.close(), database.close()]);
      for (const { connection } of running) connection.disconnect();
      producer.disconnect();
    },
  };
}
