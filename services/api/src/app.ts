import type { Logger } from "@tvr/config";
import type { Database } from "@tvr/db";
import type { Metrics } from "@tvr/metrics";
import { queues as contract, type QueueKey } from "@tvr/queues";
import type { RunMode } from "@tvr/runs";
import type { PipelineQueues } from "@tvr/worker";
import type { Queue } from "bullmq";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Redis } from "ioredis";
import { registerControlPlaneMetrics } from "./metrics.ts";
import { type AuthConfig, authPlugin } from "./plugins/auth.ts";
import { registerBullBoard } from "./plugins/bull-board.ts";
import { errorsPlugin } from "./plugins/errors.ts";
import { openapiPlugin } from "./plugins/openapi.ts";
import { opsRoutes, type Readiness } from "./routes/ops.ts";
import { runRoutes } from "./routes/runs.ts";

export interface AppDeps {
  db: Database;
  /** Fails fast when Redis is down, so a request errors instead of hanging. */
  redis: Redis;
  queues: PipelineQueues;
  controlQueue: Queue;
  auth: AuthConfig;
  defaultMode: RunMode;
  metrics: Metrics;
  readiness: () => Promise<Readiness>;
  log: Logger;
}

/** Every queue of the contract, so Bull Board and the metrics pick up new stages by themselves. */
const pipelineQueues = (queues: PipelineQueues): Queue[] =>
  (Object.keys(contract) as QueueKey[]).map((key) => queues[key]);

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.log;
  const app = Fastify({ loggerInstance });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(authPlugin, deps.auth);
  await app.register(openapiPlugin);

  const queues = [...pipelineQueues(deps.queues), deps.controlQueue];
  registerControlPlaneMetrics({ metrics: deps.metrics, db: deps.db, queues });
  await app.register(opsRoutes, { metrics: deps.metrics, readiness: deps.readiness });
  await app.register(runRoutes, {
    db: deps.db,
    redis: deps.redis,
    queues: deps.queues,
    defaultMode: deps.defaultMode,
  });
  await registerBullBoard(app, queues);
  return app;
}
