import type { Redis } from "ioredis";

const progressKey = (prefix: string, runId: string) => `${prefix}:run-progress:${runId}`;
const PROGRESS_TTL_SECONDS = 14 * 24 * 3600;

/** Live per-stage counters (jobs completed per queue/job name) for progress displays. */
export async function incrementStageCount(redis: Redis, prefix: string, runId: string, stage: string) {
  const key = progressKey(prefix, runId);
  await redis.multi().hincrby(key, stage, 1).expire(key, PROGRESS_TTL_SECONDS).exec();
}

export async function readStageCounts(redis: Redis, prefix: string, runId: string) {
  const raw = await redis.hgetall(progressKey(prefix, runId));
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
}
