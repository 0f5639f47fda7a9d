import type { DatabaseHandle } from "@tvr/db";
import type { Redis } from "ioredis";
import type { Readiness } from "./routes/ops.ts";

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Both checks run at once and give up after `timeoutMs`, so a probe never hangs. */
export async function checkReadiness(
  pool: DatabaseHandle["pool"],
  redis: Redis,
  timeoutMs = 2_000,
): Promise<Readiness> {
  const [postgres, redisOk] = await Promise.all([
    within(timeoutMs, pool.query("select 1")).then(
      () => true,
      () => false,
    ),
    within(timeoutMs, redis.ping()).then(
      (reply) => reply === "PONG",
      () => false,
    ),
  ]);
  return { postgres, redis: redisOk };
}

/** Resolves once the connection is ready; a producer connection rejects commands before that. */
export function redisReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return within(timeoutMs, new Promise<void>((resolve) => redis.once("ready", () => resolve()))).catch(
    (error: Error) => {
      throw new Error(`Redis not reachable at start-up: ${error.message}`);
    },
  );
}
