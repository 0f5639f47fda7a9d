import { randomUUID } from "node:crypto";
import type { ScrapeSite } from "@tvr/queues";
import type { Redis } from "ioredis";

/**
 * Takes a request slot for a site, shared by every scraper process through Redis, right before
 * the request goes out; waits until one is free.
 *
 * A slot is granted, on Redis' clock, when fewer than `limit` requests went out in the last
 * window (one second plus a margin for the time from here to the site) and the last one is at
 * least half an interval old. So no one-second window at the site sees more than the limit,
 * however the processes' requests interleave, and a slow moment (a browser step, a busy
 * event loop) can be made up for at up to twice the rate instead of being lost, as it is with
 * fixed spacing. BullMQ's limiter alone is not enough: it counts job starts in fixed windows,
 * and the time from a start to its request varies.
 */
const ACQUIRE = `
local now = redis.call("TIME")
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local limit = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local minGapMs = tonumber(ARGV[3])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", nowMs - windowMs)
local count = redis.call("ZCARD", KEYS[1])
local wait = 0
if count >= limit then
  local oldest = redis.call("ZRANGE", KEYS[1], count - limit, count - limit, "WITHSCORES")
  wait = tonumber(oldest[2]) + windowMs - nowMs
end
local last = redis.call("ZRANGE", KEYS[1], -1, -1, "WITHSCORES")
if last[2] then wait = math.max(wait, tonumber(last[2]) + minGapMs - nowMs) end
if wait > 0 then return wait end
redis.call("ZADD", KEYS[1], nowMs, ARGV[4])
redis.call("PEXPIRE", KEYS[1], windowMs * 2)
return 0
`;

/** Allowance for the time from taking a slot to the request reaching the site. */
export const PACER_MARGIN_MS = 30;
const WINDOW_MS = 1_000 + PACER_MARGIN_MS;

export type Pacer = (site: ScrapeSite) => Promise<void>;

export function createPacer(redis: Redis, prefix: string, perSecond: Record<ScrapeSite, number>): Pacer {
  return async (site) => {
    const limit = perSecond[site];
    const minGapMs = Math.floor(500 / limit);
    for (;;) {
      const waitMs = Number(
        await redis.eval(
          ACQUIRE,
          1,
          `${prefix}:scrape-pacer:${site}`,
          limit,
          WINDOW_MS,
          minGapMs,
          randomUUID(),
        ),
      );
      if (waitMs <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  };
}
