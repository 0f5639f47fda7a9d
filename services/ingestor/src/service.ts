import { createLogger, type Logger } from "@tvr/config";
import { connectDatabase } from "@tvr/db";
import { createMetrics, startOpsServer } from "@tvr/metrics";
import { createRedis } from "@tvr/queues";
import { createRunGate, recordBadPayload } from "@tvr/runs";
import { createTmdbClient } from "@tvr/upstream";
import { createInstrumentedWorker, createPipelineQueues, type RunningService } from "@tvr/worker";
import type { IngestorEnv } from "./env.ts";
import { createTmdbProcessor, recordTmdbFailure } from "./processors/tmdb.ts";

export async function startIngestor(
  env: IngestorEnv,
  log: Logger = createLogger({ name: "ingestor", level: env.LOG_LEVEL }),
): Promise<RunningService> {
  const metrics = createMetrics("ingestor");
  const database = connectDatabase(env.DATABASE_URL);
  const producer = createRedis(env.REDIS_URL, "worker");
  const workerConnection = createRedis(env.REDIS_URL, "worker");
  const queues = createPipelineQueues(producer, env.QUEUE_PREFIX);
  const tmdb = createTmdbClient({
    baseUrl: env.TMDB_BASE_URL,
    apiKey: env.TMDB_API_KEY,
    readToken: env.TMDB_READ_TOKEN,
    timeoutMs: env.TMDB_TIMEOUT_MS,
    observe: metrics.observeUpstream,
  });
  const processor = createTmdbProcessor({
    db: database.db,
    queues,
    tmdb,
    gate: createRunGate(database.db),
    log,
    scrapeSites: env.SCRAPE_SITES,
    credentialVariable: env.TMDB_READ_TOKEN ? "TMDB_READ_TOKEN" : "TMDB_API_KEY",
  });
  const worker = createInstrumentedWorker({
    queue: "tmdb",
    processor,
    connection: workerConnection,
    prefix: env.QUEUE_PREFIX,
    concurrency: env.INGESTOR_CONCURRENCY,
    worker: { limiter: { max: env.TMDB_RATE_LIMIT_PER_SECOND, duration: 1_000 } },
    onFinalFailure: (job, error) => recordTmdbFailure({ db: database.db, queues }, job, error),
    onBadPayload: (bad) => recordBadPayload({ db: database.db, queues }, bad),
    log,
    metrics,
  });
  const ops = await startOpsServer({
    metrics,
    port: env.METRICS_PORT,
    ready: async () =>
      (await producer.ping()) === "PONG" && (await database.pool.query("select 1")).rowCount === 1,
  });
  log.info(
    { port: env.METRICS_PORT, rateLimitPerSecond: env.TMDB_RATE_LIMIT_PER_SECOND },
    "ingestor started",
  );
  return {
    async close() {
      await worker.close();
      await queues.close();
      await Promise.all([ops.close(), database.close()]);
      workerConnection.disconnect();
      producer.disconnect();
    },
  };
}
