import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { connectDatabase, type DatabaseHandle, ensureDatabaseExists, migrateDatabase } from "@tvr/db";
import { diffAgainstTruth } from "@tvr/e2e";
import { createRedis } from "@tvr/queues";
import { isTerminal, type RunSummary, startRun, summarizeRun } from "@tvr/runs";
import { buildSandbox, type KnobsPatch } from "@tvr/sandbox";
import { createPipelineQueues } from "@tvr/worker";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  ChaosPostgres,
  ChaosRedis,
  chaosSchedule,
  SupervisedService,
  WORKER_SERVICES,
} from "../src/index.ts";

/**
 * The chaos suite: a sandbox run through the real services, each its own
 * process, on a Postgres and a Redis of its own (temporary data directories,
 * other ports; Redis with the project's AOF settings), while every worker type
 * is killed with SIGKILL at seeded random moments and restarted, Postgres is
 * crashed (immediate stop) and restarted, and Redis is restarted. The run must
 * end, its data must equal the sandbox truth, and no series may have two
 * snapshots. The quality stages are off (QUALITY_STAGE=off): the Python quality
 * worker is covered by its own tests.
 *
 * Default: one seed, 40 series, with clean upstreams and again with 30% upstream faults.
 * CHAOS_SEEDS=5 runs five seeds; CHAOS_SERIES sets the catalog size.
 */
const SEEDS = Number(process.env.CHAOS_SEEDS ?? 1);
const SERIES = Number(process.env.CHAOS_SERIES ?? 40);
const CHAOS_WINDOW_MS = Number(process.env.CHAOS_WINDOW_MS ?? 8_000);
const RUN_TIMEOUT_MS = 240_000;

const FAULTS: KnobsPatch = {
  faults: { rate: 0.3, kinds: ["http500", "http503", "timeout", "malformed", "empty"], timeoutHoldMs: 2_000 },
};

interface ChaosOutcome {
  summary: RunSummary;
  differences: string[];
  duplicates: number;
  kills: number;
  /** Every killed service was started again by the supervisor. */
  restartedAndUp: boolean;
}

async function chaosRun(seed: number, knobs: KnobsPatch): Promise<ChaosOutcome> {
  const postgres = await ChaosPostgres.start();
  const redis = await ChaosRedis.start();
  const logDir = await mkdtemp(path.join(tmpdir(), "tvr-chaos-logs-"));
  const sandbox = await buildSandbox({ catalogSize: SERIES, seed, datasetsDir: null, knobs });
  const urls = await sandbox.listen({ port: 0, host: "127.0.0.1" });
  await ensureDatabaseExists(postgres.url);
  let database: DatabaseHandle = connectDatabase(postgres.url, { max: 4 });
  await migrateDatabase(database);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: "chaos",
    METRICS_PORT: "0",
    LOG_LEVEL: "info",
    SHUTDOWN_TIMEOUT_MS: "5000",
    QUALITY_STAGE: "off",
    TMDB_BASE_URL: urls.tmdb,
    TMDB_API_KEY: "sandbox-tmdb-key",
    TMDB_READ_TOKEN: "",
    TMDB_TIMEOUT_MS: "1500",
    OMDB_BASE_URL: urls.omdb,
    OMDB_API_KEY: "sandboxk",
    OMDB_DAILY_QUOTA: "1000000",
    OMDB_TIMEOUT_MS: "1500",
    RT_BASE_URL: urls.rt,
    MC_BASE_URL: urls.mc,
    SCRAPE_SITES: "rt,mc",
    SCRAPER_TIMEOUT_MS: "3000",
    // A killed worker's jobs are taken over once their lock expires.
    SCRAPER_LOCK_DURATION_MS: "10000",
    SCRAPER_STALLED_INTERVAL_MS: "5000",
  };
  const eventLog = createWriteStream(path.join(logDir, "events.log"));
  const services = WORKER_SERVICES.map((name) => new SupervisedService(name, env, logDir));
  const timers: NodeJS.Timeout[] = [];
  const connection = createRedis(redis.url, "worker");
  const queues = createPipelineQueues(connection, "chaos");
  try {
    for (const service of services) service.start();
    // Chaos starts once every service is up, so each kill lands mid-run.
    await Promise.all(services.map((s) => s.waitUntilStarted()));
    const { run } = await startRun({ db: database.db, queues }, { mode: "sandbox" });
    const events = chaosSchedule(seed, WORKER_SERVICES, CHAOS_WINDOW_MS);
    const chaos = Promise.all(
      events.map(
        (event) =>
          new Promise<void>((resolve, reject) => {
            timers.push(
              setTimeout(async () => {
                try {
                  const summary = await summarizeRun(database.db, run.id).catch(() => null);
                  eventLog.write(
                    `${event.at} ms ${JSON.stringify(event)} run ${summary?.status} loaded ${summary?.series.loaded}\n`,
                  );
                  if (event.kind === "kill") services.find((s) => s.name === event.service)?.kill();
                  if (event.kind === "restart-postgres") {
                    await database.close();
                    postgres.stop("immediate");
                    await new Promise((r) => setTimeout(r, event.downMs));
                    postgres.start();
                    database = connectDatabase(postgres.url, { max: 4 });
                  }
                  if (event.kind === "restart-redis") {
                    await redis.stop();
                    await new Promise((r) => setTimeout(r, event.downMs));
                    await redis.start();
                  }
                  resolve();
                } catch (error) {
                  reject(error);
                }
              }, event.at),
            );
          }),
      ),
    );
    await chaos;
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    let summary = await summarizeRun(database.db, run.id);
    while (!summary || !isTerminal(summary.status)) {
      if (Date.now() > deadline) {
        throw new Error(
          `seed ${seed}: run not ended after chaos (logs in ${logDir}): ${JSON.stringify(summary)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
      summary = await summarizeRun(database.db, run.id);
    }
    const differences = await diffAgainstTruth(database.db, run.id, sandbox.truth(), { scraped: true });
    const duplicates = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from (select series_id from ratings where run_id = ${run.id}
          group by series_id having count(*) > 1) d`,
    );
    const kills = services.reduce((sum, s) => sum + s.kills, 0);
    const restartedAndUp = services.every((s) => s.restarts >= s.kills);
    eventLog.write(`started ${services.map((s) => `${s.name}=${s.startedCount}`).join(" ")}\n`);
    eventLog.write(`restarts ${services.map((s) => `${s.name}=${s.restarts}`).join(" ")}\n`);
    eventLog.end();
    return { summary, differences, duplicates: duplicates.rows[0]?.n ?? -1, kills, restartedAndUp };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(services.map((s) => s.stop()));
    await queues.close().catch(() => {});
    connection.disconnect();
    await database.close().catch(() => {});
    await sandbox.close();
    await redis.destroy();
    await postgres.destroy();
    if (!process.env.CHAOS_KEEP_LOGS) await rm(logDir, { recursive: true, force: true });
  }
}

describe("chaos: processes, Postgres and Redis die mid-run", () => {
  for (let i = 0; i < SEEDS; i++) {
    const seed = 1401 + i;
    const variants = [
      ["clean upstreams", {}],
      ["30% upstream faults", FAULTS],
    ] as const;
    for (const [label, knobs] of variants) {
      it(
        `seed ${seed}, ${label}: the run ends, equals the truth, no duplicate snapshot`,
        async () => {
          const outcome = await chaosRun(seed, knobs);
          expect(outcome.kills).toBeGreaterThanOrEqual(WORKER_SERVICES.length);
          expect(outcome.restartedAndUp).toBe(true);
          const why = `${outcome.summary.error ?? ""} ${JSON.stringify(outcome.summary.failures)}`;
          expect(outcome.summary.status, why).toBe("succeeded");
          expect(outcome.differences).toEqual([]);
          expect(outcome.duplicates).toBe(0);
        },
        RUN_TIMEOUT_MS + 60_000,
      );
    }
  }
});
