import { createLogger } from "@tvr/config";
import { connectDatabase } from "@tvr/db";
import { createMetrics } from "@tvr/metrics";
import { createRedis } from "@tvr/queues";
import { createTestQueuePrefix, TEST_REDIS_URL } from "@tvr/testing";
import { createPipelineQueues } from "@tvr/worker";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { checkReadiness, redisReady } from "../src/readiness.ts";
import { createControlQueue } from "../src/scheduler.ts";
import { ALL_QUEUE_NAMES } from "./helpers.ts";

// An API whose database does not exist: every query fails the way an outage would.
const MISSING_DB = "tvr_test_no_such_database";
const prefix = createTestQueuePrefix("api_degraded");
const database = connectDatabase(`postgres://postgres@127.0.0.1:5432/${MISSING_DB}`, { max: 1 });
const redis = createRedis(TEST_REDIS_URL, "producer");
const queues = createPipelineQueues(redis, prefix.prefix);
const controlQueue = createControlQueue(redis, prefix.prefix);
let app: FastifyInstance;

beforeAll(async () => {
  await redisReady(redis);
  app = await buildApp({
    db: database.db,
    redis,
    queues,
    controlQueue,
    auth: { disabled: true },
    defaultMode: "sandbox",
    metrics: createMetrics("api"),
    readiness: () => checkReadiness(database.pool, redis),
    log: createLogger({ name: "api-test", level: "silent" }),
  });
});
afterAll(async () => {
  await app.close();
  await Promise.all([queues.close(), controlQueue.close()]);
  await database.close();
  redis.disconnect();
  await prefix.cleanup();
});

describe("when Postgres is unavailable", () => {
  it("answers 500 without internal details", async () => {
    const res = await app.inject({ url: "/runs" });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: "Internal Server Error",
      message: "internal error; see the API server log",
    });
    expect(res.body).not.toContain(MISSING_DB);
  });

  it("is not ready, and says which dependency is down", async () => {
    const res = await app.inject({ url: "/readyz" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: "not_ready", postgres: false, redis: true });
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);
  });
});

describe("with API_AUTH_DISABLED", () => {
  it("serves protected routes without credentials", async () => {
    const res = await app.inject({ url: "/queues/api/queues" });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .queues.map((q: { name: string }) => q.name)
        .sort(),
    ).toEqual(ALL_QUEUE_NAMES);
  });
});
