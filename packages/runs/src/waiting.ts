import type { Redis } from "ioredis";
import { z } from "zod";

/** The OMDb daily quota as the enrichers publish it, for status displays (CLI, API). */
export const QuotaState = z.object({
  day: z.string(),
  used: z.number().int(),
  limit: z.number().int(),
  exhausted: z.boolean(),
  resetsAt: z.string(),
});
export type QuotaState = z.infer<typeof QuotaState>;

const quotaStateKey = (prefix: string) => `${prefix}:omdb-quota-state`;

export async function publishQuotaState(redis: Redis, prefix: string, state: QuotaState): Promise<void> {
  await redis.set(quotaStateKey(prefix), JSON.stringify(state), "EX", 3 * 24 * 3600);
}

export async function readQuotaState(redis: Redis, prefix: string): Promise<QuotaState | null> {
  const raw = await redis.get(quotaStateKey(prefix));
  if (!raw) return null;
  const parsed = QuotaState.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}
