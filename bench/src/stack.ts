import { execFileSync } from "node:child_process";
import path from "node:path";
import { createRedis } from "@tvr/queues";
import { isTerminal, type RunStatus, type RunSummary, startRun, summarizeRun } from "@tvr/runs";
import { buildSandbox, type KnobsPatch, type Sandbox, type SandboxUrls } from "@tvr/sandbox";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL } from "@tvr/testing";
import { createPipelineQueues } from "@tvr/worker";
import { ServiceProcess } from "./processes.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/**
 * The limits `make run` uses against the sandbox (scripts/stack.sh: the services' defaults for
 * TMDB and OMDb, 25/s per site); the environment overrides them as it does there.
 */
export function rateLimits(env: NodeJS.ProcessEnv) {
  const limit = (name: string, fallback: number) => Number(env[name] ?? fallback);
  return {
    tmdb: limit("TMDB_RATE_LIMIT_PER_SECOND", 40),
    omdb: limit("OMDB_RATE_LIMIT_PER_SECOND", 20),
    rt: limit("RT_RATE_LIMIT_PER_SECOND", 25),
    mc: limit("MC_RATE_LIMIT_PER_SECOND", 25),
  };
}
export type BenchRateLimits = ReturnType<typeof rateLimits>;

const SERVICES = ["ingestor", "omdb-enricher", "loader", "scraper"] as const;

/** The workers' V8 heap cap, as their images and scripts/stack.sh set it (tests/deploy checks). */
export const WORKER_NODE_OPTIONS = "--max-old-space-size=128";
type ServiceName = (typeof SERVICES)[number];

/** The built artefacts' folder, or "source" to run the TypeScript through tsx. */
export type ServiceCode = { artefacts: string } | "source";

function nodeArgsFor(name: ServiceName, code: ServiceCode): string[] {
  return code === "source"
    ? ["--import", "tsx", path.join(repoRoot, "services", name, "src/main.ts")]
    : [path.join(code.artefacts, "services", name, "dist/main.js")];
}

/**
 * Builds the services as production runs them (`scripts/build-artefacts.sh`, about a minute)
 * into .build/bench, so that memory and CPU are those of the built code rather than of tsx.
 */
export function buildBenchArtefacts(): ServiceCode {
  const artefacts = path.join(repoRoot, ".build/bench");
  console.error(`bench: building the services into ${path.relative(repoRoot, artefacts)}`);
  execFileSync(path.join(repoRoot, "scripts/build-artefacts.sh"), [artefacts], {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { artefacts };
}

export interface PipelineServicesOptions {
  /** The upstreams the services read (a sandbox's URLs). */
  urls: SandboxUrls;
  limits: BenchRateLimits;
  /** How many scraper processes to start (default 1). */
  scrapers?: number;
  /** Extra environment for every service. */
  env?: NodeJS.ProcessEnv;
  /**
   * Where the services' code comes from: a folder made by `scripts/build-artefacts.sh`, run with
   * plain node as production runs it (default: see `benchArtefacts`), or "source" (tsx).
   */
  code?: ServiceCode;
  /**
   * The services' nice value (default 0). Where a sandbox in its own process stands in for
   * remote sites and times their requests, a lower priority for the services keeps its clock
   * from waiting on theirs for the CPU, as a remote site's would not.
   */
  nice?: number;
}

export interface FinishedRun {
  runId: string;
  summary: RunSummary;
  /** From starting the run to it leaving `running`. */
  seconds: number;
}

export interface PipelineServices {
  services: ServiceProcess[];
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  /** Starts a sandbox run and waits for the pipeline's part of it (until it leaves `running`). */
  runToEnd(timeoutSeconds?: number): Promise<FinishedRun>;
  /** Prints the services' last log lines (for a failure). */
  printTails(): void;
  close(): Promise<void>;
}

/**
 * The real services, each its own Node process (as `make run` starts them), against the
 * upstreams at `urls`, on a fresh database and queue prefix.
 */
export async function startPipelineServices(options: PipelineServicesOptions): Promise<PipelineServices> {
  const { limits, urls } = options;
  const database = await createTestDatabase("bench");
  const queuePrefix = createTestQueuePrefix("bench");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix.prefix,
    METRICS_PORT: "0",
    LOG_LEVEL: "info",
    // The benches time collection against the upstreams' bound; the quality stages come after it.
    QUALITY_STAGE: "off",
    NODE_OPTIONS: WORKER_NODE_OPTIONS,
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
    ...options.env,
  };
  const copies = (name: ServiceName) => (name === "scraper" ? (options.scrapers ?? 1) : 1);
  const services = SERVICES.flatMap((name) =>
    Array.from(
      { length: copies(name) },
      (_, index) =>
        new ServiceProcess(
          copies(name) > 1 ? `${name} ${index + 1}` : name,
          nodeArgsFor(name, options.code ?? "source"),
          env,
          `${name} started`,
          options.nice,
        ),
    ),
  );
  const redis = createRedis(TEST_REDIS_URL, "worker");
  const queues = createPipelineQueues(redis, queuePrefix.prefix);
  // The services' memory, from /proc every second.
  const sampler = setInterval(() => {
    for (const service of services) service.sample();
  }, 1_000);
  const close = async () => {
    clearInterval(sampler);
    await Promise.all(services.map((service) => service.stop()));
    await queues.close();
    redis.disconnect();
    await queuePrefix.cleanup();
    await database.drop();
  };
  try {
    await Promise.all(services.map((service) => service.started));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    services,
    database,
    async runToEnd(timeoutSeconds = 3_600) {
      const startedAt = performance.now();
      const { run } = await startRun({ db: database.db, queues }, { mode: "sandbox" });
      const deadline = Date.now() + timeoutSeconds * 1000;
      const poll = async (until: (status: RunStatus) => boolean) => {
        for (;;) {
          const summary = await summarizeRun(database.db, run.id);
          if (!summary) throw new Error(`run ${run.id} disappeared`);
          if (until(summary.status)) return summary;
          if (Date.now() > deadline) throw new Error(`run ${summary.status} after ${timeoutSeconds} s`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      };
      // The pipeline's part ends when the run leaves `running` (later stages are not bounded by the upstreams).
      await poll((status) => status !== "running");
      const seconds = (performance.now() - startedAt) / 1000;
      // Its status once ended (the quality stages are off here: skipped at once).
      return { runId: run.id, summary: await poll(isTerminal), seconds };
    },
    printTails() {
      for (const service of services) console.error(`--- ${service.name}\n${service.tail()}`);
    },
    close,
  };
}

export interface BenchStackOptions extends Omit<PipelineServicesOptions, "urls"> {
  size: number;
  seed?: number;
  /** The sandbox's knobs (latency, page kinds...), over its defaults. */
  knobs?: KnobsPatch;
}

export interface BenchStack extends PipelineServices {
  /** In this process, so that its truth and stats are read directly. */
  sandbox: Sandbox;
}

/** The pipeline services against a sandbox of `size` series served from this process. */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const sandbox = await buildSandbox({
    catalogSize: options.size,
    seed: options.seed ?? 42,
    knobs: options.knobs,
  });
  const urls = await sandbox.listen({ port: 0, host: "127.0.0.1" });
  let pipeline: PipelineServices;
  try {
    pipeline = await startPipelineServices({ ...options, urls });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return {
    ...pipeline,
    sandbox,
    async close() {
      await pipeline.close();
      await sandbox.close();
    },
  };
}
