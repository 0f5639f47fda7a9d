import { createLogger, type Logger } from "@tvr/config";
import { connectDatabase } from "@tvr/db";
import { createMetrics, startOpsServer } from "@tvr/metrics";
import { createRedis } from "@tvr/queues";
import { completeLoadingIfDone, createRunGate, createRunStagesProcessor, recordBadPayload } from "@tvr/runs";
import { createInstrumentedWorker, createPipelineQueues, type RunningService } from "@tvr/worker";
import { createBatcher } from "./batcher.ts";
import type { LoaderEnv } from "./env.ts";
import type { LoadItem } from "./model.ts";
import { createLoadProcessor, recordLoadFailure } from "./processor.ts";
import { writeBatch } from "./writer.ts";

export async function startLoader(
  env: LoaderEnv,
  log: Logger = createLogger({ name: "loader", level: env.LOG_LEVEL }),
): Promise<RunningService> {
  const metrics = createMetrics("loader");
  const database = connectDatabase(env.DATABASE_URL, { max: 6 });
  const producer = createRedis(env.REDIS_URL, "worker");
  const workerConnection = createRedis(env.REDIS_URL, "worker");
  const stagesConnection = createRedis(env.REDIS_URL, "worker");
  const queues = createPipelineQueues(producer, env.QUEUE_PREFIX);
  const rowsPerBatch = metrics.histogram(
    "load_batch_rows",
    "Series written per loader batch",
    [1, 5, 10, 25, 50, 100, 250, 500, 1000],
  );

  const batcher = createBatcher<LoadItem>({
    maxSize: env.LOAD_BATCH_SIZE,
    maxWaitMs: env.LOAD_BATCH_WAIT_MS,
    async flush(items) {
      await writeBatch(database.db, items);
      rowsPerBatch.observe(items.length);
      for (const runId of new Set(items.map((i) => i.runId))) {
        const status = await completeLoadingIfDone({ db: database.db, queues }, runId);
        if (status) log.info({ runId, status }, "run loaded; quality stages next");
      }
    },
  });
  const worker = createInstrumentedWorker({
    queue: "load",
    processor: createLoadProcessor({
      gate: createRunGate(database.db),
      write: batcher.add,
      childQueues: Object.fromEntries(
        [queues.omdb, queues.scrapeRt, queues.scrapeMc].map((queue) => [queue.name, queue]),
      ),
      log,
    }),
    connection: workerConnection,
    prefix: env.QUEUE_PREFIX,
    // Concurrency is what fills a batch: up to one batch of jobs in flight.
    concurrency: env.LOAD_BATCH_SIZE,
    onFinalFailure: (job, error) => recordLoadFailure({ db: database.db, queues }, job, error),
    onBadPayload: (bad) => recordBadPayload({ db: database.db, queues }, bad),
    log,
    metrics,
  });
  // The loader hosts the run lifecycle's stage job (`runs` queue): it sees loading end first.
  const stagesWorker = createInstrumentedWorker({
    queue: "runs",
    processor: createRunStagesProcessor({
      db: database.db,
      queues,
      log,
      qualityStage: env.QUALITY_STAGE,
      stageTimeoutMs: env.QUALITY_STAGE_TIMEOUT_SECONDS * 1000,
    }),
    connection: stagesConnection,
    prefix: env.QUEUE_PREFIX,
    concurrency: 4,
    onBadPayload: (bad) => recordBadPayload({ db: database.db, queues }, bad),
    log,
    metrics,
  });
  const ops = await startOpsServer({
    metrics,
    port: env.METRICS_PORT,
    ready: async () => (await database.pool.query("select 1")).rowCount === 1,
  });
  log.info(
    { port: env.METRICS_PORT, batchSize: env.LOAD_BATCH_SIZE, qualityStage: env.QUALITY_STAGE },
    "loader started",
  );
  return {
    async close() {
      await Promise.all([worker.close(), stagesWorker.close()]);
      await batcher.flush();
      await queues.close();
      await Promise.all([ops.close(), database.close()]);
      workerConnection.disconnect();
      stagesConnection.disconnect();
      producer.disconnect();
    },
  };
}
