import path from "node:path";
import { diffAgainstTruth } from "@tvr/e2e";
import { createRedis } from "@tvr/queues";
import { startRun, summarizeRun } from "@tvr/runs";
import { buildSandbox } from "@tvr/sandbox";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL } from "@tvr/testing";
import { createPipelineQueues } from "@tvr/worker";
import { runBound } from "./bound.ts";
import { ServiceProcess } from "./processes.ts";
import { formatTable, round } from "./table.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/**
 * The limits `make run` uses against the sandbox (scripts/stack.sh: the services' defaults for
 * TMDB and OMDb, 25/s per site); the environment overrides them as it does there.
 */
function rateLimits(env: NodeJS.ProcessEnv) {
  const limit = (name: string, fallback: number) => Number(env[name] ?? fallback);
  return {
    tmdb: limit("TMDB_RATE_LIMIT_PER_SECOND", 40),
    omdb: limit("OMDB_RATE_LIMIT_PER_SECOND", 20),
    rt: limit("RT_RATE_LIMIT_PER_SECOND", 25),
    mc: limit("MC_RATE_LIMIT_PER_SECOND", 25),
  };
}

const SERVICES = [
  { name: "ingestor", started: "ingestor started" },
  { name: "omdb-enricher", started: "omdb-enricher started" },
  { name: "loader", started: "loader started" },
  { name: "scraper", started: "scraper started" },
] as const;

export interface RunBenchOptions {
  size: number;
  seed?: number;
  /** Give up after this long. */
  timeoutSeconds?: number;
}

/**
 * One sandbox run of `size` series through the real services, each its own process (as
 * `make run` starts them), on a fresh database and queue prefix. Prints the run time against
 * its bound, and CPU and peak memory per service.
 */
export async function runBench(options: RunBenchOptions): Promise<string> {
  const limits = rateLimits(process.env);
  const database = await createTestDatabase("bench");
  const queuePrefix = createTestQueuePrefix("bench");
  const sandbox = await buildSandbox({ catalogSize: options.size, seed: options.seed ?? 42 });
  const urls = await sandbox.listen({ port: 0, host: "127.0.0.1" });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix.prefix,
    METRICS_PORT: "0",
    LOG_LEVEL: "info",
    // The bench times collection against the upstreams' bound; the quality stages come after it.
    QUALITY_STAGE: "off",
    TMDB_BASE_URL: urls.tmdb,
    TMDB_API_KEY: "sandbox-tmdb-key",
    TMDB_READ_TOKEN: "",
    OMDB_BASE_URL: urls.omdb,
    OMDB_API_KEY: "sandboxk",
    OMDB_DAILY_QUOTA: "1000000",
    RT_BASE_URL: urls.rt,
    MC_BASE_URL: urls.mc,
    TMDB_RATE_LIMIT_PER_SECOND: String(limits.tmdb),
    OMDB_RATE_LIMIT_PER_SECOND: String(limits.omdb),
    RT_RATE_LIMIT_PER_SECOND: String(limits.rt),
    MC_RATE_LIMIT_PER_SECOND: String(limits.mc),
  };
  const services = SERVICES.map(
    (service) =>
      new ServiceProcess(
        service.name,
        path.join(repoRoot, "services", service.name, "src/main.ts"),
        env,
        service.started,
      ),
  );
  const redis = createRedis(TEST_REDIS_URL, "worker");
  const queues = createPipelineQueues(redis, queuePrefix.prefix);
  const sampler = setInterval(() => {
    for (const service of services) service.sample();
  }, 1_000);
  try {
    await Promise.all(services.map((service) => service.started));
    const startedAt = performance.now();
    const { run } = await startRun({ db: database.db, queues }, { mode: "sandbox" });
    const deadline = Date.now() + (options.timeoutSeconds ?? 3_600) * 1000;
    let summary = await summarizeRun(database.db, run.id);
    // The pipeline's part ends when the run leaves `running` (later stages are not bounded by the upstreams).
    while (summary?.status === "running") {
      if (Date.now() > deadline) throw new Error(`run still running after ${options.timeoutSeconds} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      summary = await summarizeRun(database.db, run.id);
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const usage = services.map((service) => ({ name: service.name, ...service.usage() }));
    if (!summary) throw new Error(`run ${run.id} disappeared`);
    const stats = sandbox.stats.snapshot({ requestTimes: false });
    const requests = Object.fromEntries(
      Object.entries(stats.families).map(([family, counts]) => [family, counts.requests]),
    );
    const bound = runBound(requests, limits);
    const differences = await diffAgainstTruth(database.db, run.id, sandbox.truth(), { scraped: true });
    const series = summary.series.discovered;
    const perThousand = (value: number) => (series === 0 ? 0 : (value / series) * 1000);
    const mib = (bytes: number) => round(bytes / 1024 / 1024, 0);

    const runTable = formatTable(
      `Run against its bound: ${options.size}-series sandbox catalog, services as separate processes`,
      ["series", "status", "equals truth", "run s", "bound s", "bound by", "× bound"],
      [
        [
          series,
          summary.status,
          differences.length === 0 ? "yes" : `no (${differences.length} differences)`,
          round(seconds, 1),
          round(bound.seconds, 1),
          bound.family,
          round(seconds / bound.seconds),
        ],
      ],
    );
    const boundTable = formatTable(
      "The bound, per upstream family (requests from the sandbox's stats)",
      ["family", "requests", "limit /s", "seconds"],
      bound.families.map((entry) => [entry.family, entry.requests, entry.perSecond, round(entry.seconds, 1)]),
    );
    const memoryTable = formatTable(
      `Memory and cost per service (${series} series; CPU after start-up)`,
      ["service", "peak RSS MiB", "CPU s", "CPU s per 1,000 series"],
      usage.flatMap((entry) => [
        [entry.name, mib(entry.peakRss), round(entry.cpuSeconds, 1), round(perThousand(entry.cpuSeconds), 1)],
        ...(entry.children.cpuSeconds > 0
          ? [
              [
                `  ${entry.name} child processes`,
                mib(entry.children.peakRss),
                round(entry.children.cpuSeconds, 1),
                round(perThousand(entry.children.cpuSeconds), 1),
              ],
            ]
          : []),
      ]),
    );
    for (const problem of differences.slice(0, 10)) console.error(`truth: ${problem}`);
    return [runTable, boundTable, memoryTable].join("\n");
  } catch (error) {
    for (const service of services) console.error(`--- ${service.name}\n${service.tail()}`);
    throw error;
  } finally {
    clearInterval(sampler);
    await Promise.all(services.map((service) => service.stop()));
    await queues.close();
    redis.disconnect();
    await sandbox.close();
    await queuePrefix.cleanup();
    await database.drop();
  }
}
