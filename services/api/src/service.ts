import { createLogger, type Logger } from "@tvr/config";
import { connectDatabase } from "@tvr/db";
import { createMetrics } from "@tvr/metrics";
import { createRedis } from "@tvr/queues";
import { createPipelineQueues, type RunningService } from "@tvr/worker";
import type { Worker } from "bullmq";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";
import type { ApiEnv } from "./env.ts";
import type { AuthConfig } from "./plugins/auth.ts";
import { checkReadiness, redisReady } from "./readiness.ts";
import {
  createControlQueue,
  createScheduledRunProcessor,
  startSchedulerWorker,
  syncWeeklySchedule,
} from "./scheduler.ts";

export interface RunningApi extends RunningService {
  app: FastifyInstance;
  /** Where the server listens, e.g. http://127.0.0.1:3000 (the real port when API_PORT=0). */
  url: string;
}

export function authConfig(env: ApiEnv): AuthConfig {
  return {
    token: env.API_TOKEN,
    basic:
      env.API_BASIC_USER && env.API_BASIC_PASSWORD
        ? { user: env.API_BASIC_USER, password: env.API_BASIC_PASSWORD }
        : undefined,
    disabled: env.API_AUTH_DISABLED,
  };
}

export async function startApi(
  env: ApiEnv,
  log: Logger = createLogger({ name: "api", level: env.LOG_LEVEL }),
): Promise<RunningApi> {
  const auth = authConfig(env);
  if (auth.disabled) {
    log.warn(
      "API_AUTH_DISABLED=true: the API and Bull Board accept requests WITHOUT credentials; local development only",
    );
  }
  const database = connectDatabase(env.DATABASE_URL, { max: 5 });
  const redis = createRedis(env.REDIS_URL, "producer");
  const workerConnection = env.RUN_SCHEDULE_CRON ? createRedis(env.REDIS_URL, "worker") : undefined;
  const queues = createPipelineQueues(redis, env.QUEUE_PREFIX);
  const controlQueue = createControlQueue(redis, env.QUEUE_PREFIX);
  let worker: Worker | undefined;
  let app: FastifyInstance | undefined;

  const close = async () => {
    await app?.close();
    await worker?.close();
    await Promise.all([queues.close(), controlQueue.close()]);
    await database.close();
    workerConnection?.disconnect();
    redis.disconnect();
  };

  try {
    await redisReady(redis);
    const schedule = await syncWeeklySchedule(controlQueue, env.RUN_SCHEDULE_CRON, env.PIPELINE_MODE);
    app = await buildApp({
      db: database.db,
      redis,
      queues,
      controlQueue,
      auth,
      defaultMode: env.PIPELINE_MODE,
      metrics: createMetrics("api"),
      readiness: () => checkReadiness(database.pool, redis),
      log,
    });
    await app.listen({ port: env.API_PORT, host: env.API_HOST });
    if (workerConnection) {
      worker = startSchedulerWorker({
        connection: workerConnection,
        prefix: env.QUEUE_PREFIX,
        processor: createScheduledRunProcessor({ db: database.db, queues, log }),
        log,
      });
    }
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : env.API_PORT;
    const host = env.API_HOST === "0.0.0.0" || env.API_HOST === "::" ? "127.0.0.1" : env.API_HOST;
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    log.info(
      { url, mode: env.PIPELINE_MODE, schedule: schedule === "scheduled" ? env.RUN_SCHEDULE_CRON : "off" },
      "api started",
    );
    return { app, url, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}
