import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DatabaseHandle } from "@tvr/db";
import { IngestorEnv, startIngestor } from "@tvr/ingestor";
import { LoaderEnv, startLoader } from "@tvr/loader";
import { EnricherEnv, startEnricher } from "@tvr/omdb-enricher";
import { createRedis } from "@tvr/queues";
import { isTerminal, type RunSummary, type StartRunInput, startRun, summarizeRun } from "@tvr/runs";
import { buildSandbox, type KnobsPatch, type Sandbox, type SandboxUrls } from "@tvr/sandbox";
import { ScraperEnv, startScraper } from "@tvr/scraper";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, type TestDatabase } from "@tvr/testing";
import { createPipelineQueues, type PipelineQueues, type RunningService } from "@tvr/worker";
import type { Redis } from "ioredis";
import { pino } from "pino";

export interface HarnessOptions {
  catalogSize: number;
  seed?: number;
  knobs?: KnobsPatch;
  omdbDailyQuota?: number;
  /** Clock of the OMDb enricher's daily quota. */
  now?: () => Date;
  tmdbApiKey?: string;
  omdbApiKey?: string;
  /** Client timeouts; short so that the sandbox's held "timeout" faults cost little. */
  timeoutMs?: number;
  /** Comma-separated sites to scrape ("rt,mc"); the scraper service runs when any is set. */
  scrapeSites?: string;
  /** The loader's QUALITY_STAGE: "off" (default here) records the quality stages as skipped. */
  qualityStage?: "on" | "off";
}

export interface Harness {
  database: TestDatabase;
  sandbox: Sandbox;
  urls: SandboxUrls;
  queues: PipelineQueues;
  redis: Redis;
  prefix: string;
  /** Where the scraper saves pages it could not parse. */
  diagnosticsDir: string;
  start(input?: Partial<StartRunInput>): Promise<string>;
  waitForRun(runId: string, timeoutMs?: number): Promise<RunSummary>;
  stopServices(): Promise<void>;
  /** `keepDatabase` leaves the run's database for another process to read (and drop). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * The whole pipeline in one process: the sandbox on a free port, a fresh
 * database, a unique queue prefix, and the real ingestor, enricher and loader.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const database = await createTestDatabase("e2e");
  const queuePrefix = createTestQueuePrefix("e2e");
  const sandbox = await buildSandbox({
    catalogSize: options.catalogSize,
    seed: options.seed ?? 7,
    datasetsDir: null,
    knobs: { faults: { timeoutHoldMs: 3_000 }, ...options.knobs },
  });
  const urls = await sandbox.listen({ port: 0, host: "127.0.0.1" });
  const log = pino({ level: "silent" });
  const common = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix.prefix,
    LOG_LEVEL: "silent",
    METRICS_PORT: "0",
    SHUTDOWN_TIMEOUT_MS: "10000",
  };
  const timeout = String(options.timeoutMs ?? 1_500);
  const diagnosticsDir = await mkdtemp(path.join(tmpdir(), "tvr-scraper-pages-"));
  const services: RunningService[] = [
    await startIngestor(
      IngestorEnv.parse({
        ...common,
        TMDB_BASE_URL: urls.tmdb,
        TMDB_API_KEY: options.tmdbApiKey ?? "sandbox-tmdb-key",
        TMDB_RATE_LIMIT_PER_SECOND: "400",
        TMDB_TIMEOUT_MS: timeout,
        SCRAPE_SITES: options.scrapeSites ?? "",
      }),
      log,
    ),
    await startEnricher(
      EnricherEnv.parse({
        ...common,
        OMDB_BASE_URL: urls.omdb,
        OMDB_API_KEY: options.omdbApiKey ?? "sandboxk",
        OMDB_DAILY_QUOTA: String(options.omdbDailyQuota ?? 100_000),
        OMDB_RATE_LIMIT_PER_SECOND: "400",
        OMDB_TIMEOUT_MS: timeout,
      }),
      log,
      options.now ? { now: options.now } : {},
    ),
    // The quality stages need the Python quality worker; these tests cover loading, so they are off
    // unless a test brings the worker (the lifecycle's own tests drive them with a stand-in).
    await startLoader(LoaderEnv.parse({ ...common, QUALITY_STAGE: options.qualityStage ?? "off" }), log),
  ];
  if (options.scrapeSites) {
    services.push(
      await startScraper(
        ScraperEnv.parse({
          ...common,
          RT_BASE_URL: urls.rt,
          MC_BASE_URL: urls.mc,
          RT_RATE_LIMIT_PER_SECOND: "200",
          MC_RATE_LIMIT_PER_SECOND: "200",
          SCRAPER_CONCURRENCY: "8",
          SCRAPER_BROWSER_PAGES: "3",
          SCRAPER_TIMEOUT_MS: timeout,
          SCRAPER_DIAGNOSTICS_DIR: diagnosticsDir,
        }),
        log,
      ),
    );
  }
  const redis = createRedis(TEST_REDIS_URL, "worker");
  const queues = createPipelineQueues(redis, queuePrefix.prefix);
  let stopped = false;

  const stopServices = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(services.map((s) => s.close()));
  };

  return {
    database,
    sandbox,
    urls,
    queues,
    redis,
    prefix: queuePrefix.prefix,
    diagnosticsDir,
    async start(input = {}) {
      const { run } = await startRun({ db: database.db, queues }, { mode: "sandbox", ...input });
      return run.id;
    },
    waitForRun: (runId, timeoutMs = 120_000) => waitForRun(database, runId, timeoutMs),
    stopServices,
    async close({ keepDatabase = false } = {}) {
      await stopServices();
      await queues.close();
      redis.disconnect();
      await sandbox.close();
      await queuePrefix.cleanup();
      if (keepDatabase) await database.close();
      else await database.drop();
      await rm(diagnosticsDir, { recursive: true, force: true });
    },
  };
}

export async function waitForRun(
  database: DatabaseHandle,
  runId: string,
  timeoutMs: number,
): Promise<RunSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = await summarizeRun(database.db, runId);
    if (!summary) throw new Error(`no run ${runId}`);
    if (isTerminal(summary.status)) return summary;
    if (Date.now() > deadline) {
      throw new Error(`run ${runId} still running after ${timeoutMs} ms: ${JSON.stringify(summary)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
