import { createLogger, parseEnv } from "@tvr/config";
import { connectDatabase, type DatabaseHandle } from "@tvr/db";
import { createRedis } from "@tvr/queues";
import { CommonEnv, createPipelineQueues, type PipelineQueues } from "@tvr/worker";
import type { Redis } from "ioredis";
import { z } from "zod";

export const CliEnv = CommonEnv.extend({
  /** A run's label; without TMDB and OMDb keys the stack runs against the sandbox. */
  PIPELINE_MODE: z.enum(["sandbox", "live"]).optional(),
  TMDB_API_KEY: z.string().optional(),
  TMDB_READ_TOKEN: z.string().optional(),
  OMDB_API_KEY: z.string().optional(),
}).transform(({ TMDB_API_KEY, TMDB_READ_TOKEN, OMDB_API_KEY, ...env }) => ({
  ...env,
  PIPELINE_MODE:
    env.PIPELINE_MODE ?? ((TMDB_API_KEY || TMDB_READ_TOKEN) && OMDB_API_KEY ? "live" : "sandbox"),
}));
export type CliEnv = z.infer<typeof CliEnv>;

export interface CliContext {
  env: CliEnv;
  database: DatabaseHandle;
  redis: Redis;
  queues: PipelineQueues;
  close(): Promise<void>;
}

/** Connections are opened per command, so `--help` works without any server. */
export function openContext(): CliContext {
  const env = parseEnv(CliEnv);
  const database = connectDatabase(env.DATABASE_URL, { max: 2 });
  const redis = createRedis(env.REDIS_URL, "worker");
  const queues = createPipelineQueues(redis, env.QUEUE_PREFIX);
  return {
    env,
    database,
    redis,
    queues,
    async close() {
      await queues.close();
      await database.close();
      redis.disconnect();
    },
  };
}

export const cliLog = () => createLogger({ name: "etl", level: process.env.LOG_LEVEL ?? "warn" });
