import { createLogger, type Logger } from "@tvr/config";
import { connectDatabase } from "@tvr/db";
import { createMetrics, startOpsServer } from "@tvr/metrics";
import { createRedis } from "@tvr/queues";
import { createRunGate, publishQuotaState } from "@tvr/runs";
import { createOmdbClient } from "@tvr/upstream";
import { createInstrumentedWorker, createPipelineQueues, type RunningService } from "@tvr/worker";
import type { Queue } from "bullmq";
import { createOmdbCache } from "./cache.ts";
import type { EnricherEnv } from "./env.ts";
import { createEnrichProcessor } from "./processor.ts";
import { createDailyQuota, type DailyQuota } from "./quota.ts";

export interface EnricherOverrides {
  /** Tests move the clock to another UTC day. */
  now?: () => Date;
}

export async function startEnricher(
  env: EnricherEnv,
  log: Logger = createLogger({ name: "omdb-enricher", level: env.LOG_LEVEL }),
  overrides: EnricherOverrides = {},
): Promise<RunningService> {
  const metrics = createMetrics("omdb-enricher");
  const database = connectDatabase(env.DATABASE_URL, { max: 4 });
  const producer = createRedis(env.REDIS_URL, "worker");
  const workerConnection = createRedis(env.REDIS_URL, "worker");
  const queues = createPipelineQueues(producer, env.QUEUE_PREFIX);
  const quota = createDailyQuota({
    redis: producer,
    prefix: env.QUEUE_PREFIX,
    apiKey: env.OMDB_API_KEY,
    limit: env.OMDB_DAILY_QUOTA,
    ...(overrides.now ? { now: overrides.now } : {}),
  });
  const quotaUsed = metrics.gauge(
    "omdb_quota_used",
    "OMDb requests spent today (UTC) against the daily quota",
  );
  const quotaLimit = metrics.gauge("omdb_quota_limit", "OMDb daily request quota");
  quotaLimit.set(env.OMDB_DAILY_QUOTA);
  const publishQuota = async () => {
    const state = await quota.state();
    quotaUsed.set(state.used);
    await publishQuotaState(producer, env.QUEUE_PREFIX, state);
  };
  await publishQuota();

  const processor = createEnrichProcessor({
    db: database.db,
    queues,
    omdb: createOmdbClient({
      baseUrl: env.OMDB_BASE_URL,
      apiKey: env.OMDB_API_KEY,
      timeoutMs: env.OMDB_TIMEOUT_MS,
      observe: metrics.observeUpstream,
    }),
    cache: createOmdbCache(producer, env.QUEUE_PREFIX, env.OMDB_CACHE_TTL_SECONDS, env.OMDB_CACHE_SCOPE),
    quota,
    gate: createRunGate(database.db),
    log,
    metrics,
    onQuotaChange: publishQuota,
  });
  await resumeIfQuotaAllows(quota, queues.omdb, log);
  const worker = createInstrumentedWorker({
    queue: "omdb",
    processor,
    connection: workerConnection,
    prefix: env.QUEUE_PREFIX,
    concurrency: env.ENRICHER_CONCURRENCY,
    worker: {
      limiter: { max: env.OMDB_RATE_LIMIT_PER_SECOND, duration: 1_000 },
      // A quota wait lasts until midnight UTC; looking again every few seconds
      // lets lookups resume promptly when an operator lifts it (or the day turns).
      maximumRateLimitDelay: 2_000,
    },
    log,
    metrics,
  });
  const ops = await startOpsServer({
    metrics,
    port: env.METRICS_PORT,
    ready: async () => (await producer.ping()) === "PONG",
  });
  log.info({ port: env.METRICS_PORT, dailyQuota: env.OMDB_DAILY_QUOTA }, "omdb-enricher started");
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

/**
 * A quota wait is a queue rate limit that lasts until midnight UTC. When this
 * process starts with budget left today (a raised OMDB_DAILY_QUOTA, another
 * key), that wait is lifted instead of outliving the reason for it.
 */
async function resumeIfQuotaAllows(quota: DailyQuota, queue: Queue, log: Logger) {
  const state = await quota.state();
  if (state.exhausted || (await queue.getRateLimitTtl()) <= 0) return;
  await queue.removeRateLimitKey();
  log.info(
    { used: state.used, limit: state.limit },
    "OMDb quota has budget left today; lifted the earlier quota wait",
  );
}
