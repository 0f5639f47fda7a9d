import { createHash } from "node:crypto";
import type { QuotaState } from "@tvr/runs";
import type { Redis } from "ioredis";

const DAY_MS = 24 * 3600 * 1000;

export const utcDay = (at: Date) => at.toISOString().slice(0, 10);
export const nextUtcMidnight = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS + DAY_MS);

/** Identifies an API key in Redis keys without storing the key itself. */
export const keyFingerprint = (apiKey: string) =>
  createHash("sha256").update(apiKey).digest("hex").slice(0, 12);

const RESERVE_SCRIPT = `
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], 172800) end
if used > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return -1
end
return used`;

/**
 * A per-key, per-UTC-day request budget shared by every enricher process.
 * When it is spent, callers wait for the next UTC day instead of failing.
 */
export function createDailyQuota(options: {
  redis: Redis;
  prefix: string;
  apiKey: string;
  limit: number;
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  const counterKey = (at: Date) =>
    `${options.prefix}:omdb-quota:${keyFingerprint(options.apiKey)}:${utcDay(at)}`;

  return {
    /** Takes one request from today's budget, or says how long to wait. */
    async reserve(): Promise<{ ok: true; used: number } | { ok: false; waitMs: number }> {
      const at = now();
      const used = Number(await options.redis.eval(RESERVE_SCRIPT, 1, counterKey(at), options.limit));
      if (used >= 0) return { ok: true, used };
      return { ok: false, waitMs: Math.max(nextUtcMidnight(at).getTime() - at.getTime(), 1_000) };
    },
    /** OMDb itself said the limit is reached (the key is shared elsewhere): stop for today. */
    async markSpent(): Promise<number> {
      const at = now();
      await options.redis.set(counterKey(at), options.limit, "EX", 172800);
      return Math.max(nextUtcMidnight(at).getTime() - at.getTime(), 1_000);
    },
    async state(): Promise<QuotaState> {
      const at = now();
      const used = Number((await options.redis.get(counterKey(at))) ?? 0);
      return {
        day: utcDay(at),
        used,
        limit: options.limit,
        exhausted: used >= options.limit,
        resetsAt: nextUtcMidnight(at).toISOString(),
      };
    },
  };
}

export type DailyQuota = ReturnType<typeof createDailyQuota>;
