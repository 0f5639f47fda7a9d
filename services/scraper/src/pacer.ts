import { randomUUID } from "node:crypto";
import type { ScrapeSite } from "@tvr/queues";
import type { Redis } from "ioredis";

/**
 * Takes a request slot for a site, shared by every scraper process through Redis, right before
 * the request goes out; waits until one is free.
 *
 * A slot is granted, on Redis' clock, when fewer than `limit` requests went out in the last
 * window (one second plus a margin for the time from leaving here to reaching the site) and the
 * last one is at least half an interval old. So no one-second window at the site sees more than
 * the limit, however the processes' requests interleave, and a slow moment (a browser step, a
 * busy event loop) can be made up for at up to twice the rate instead of being lost, as it is
 * with fixed spacing. BullMQ's limiter alone is not enough: it counts job starts in fixed
 * windows, and the time from a start to its request varies.
 *
 * A slot counts from when it was granted until its request is marked sent (`PaceSlot.sent`):
 * then from that moment. The time from a grant to the request leaving varies by tens of
 * milliseconds (a new connection, a busy process), more than the margin; counted from the grant,
 * a request that left late could reach the site in the same second as requests paced a second
 * after it.
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

/**
 * Moves a slot to the current time (Redis' clock); puts it back if it left the window while its
 * request waited to go out.
 */
const MARK_SENT = `
local now = redis.call("TIME")
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local score = redis.call("ZSCORE", KEYS[1], ARGV[1])
if score and tonumber(score) >= nowMs then return 0 end
redis.call("ZADD", KEYS[1], nowMs, ARGV[1])
redis.call("PEXPIRE", KEYS[1], tonumber(ARGV[2]) * 2)
return 1
`;

/** Allowance for the time from a request leaving to it reaching the site. */
export const PACER_MARGIN_MS = 50;
const WINDOW_MS = 1_000 + PACER_MARGIN_MS;

export interface PaceSlot {
  /** The request has left: the slot now counts from this moment. Never throws. */
  sent(): void;
}

export type Pacer = (site: ScrapeSite) => Promise<PaceSlot>;

export function createPacer(redis: Redis, prefix: string, perSecond: Record<ScrapeSite, number>): Pacer {
  return async (site) => {
    const limit = perSecond[site];
    const minGapMs = Math.floor(500 / limit);
    const key = `${prefix}:scrape-pacer:${site}`;
    const member = randomUUID();
    for (;;) {
      const waitMs = Number(await redis.eval(ACQUIRE, 1, key, limit, WINDOW_MS, minGapMs, member));
      if (waitMs <= 0) {
        return {
          // Fire and forget: a lost update leaves the slot at its grant time, as before sending.
          sent: () => void redis.eval(MARK_SENT, 1, key, member, WINDOW_MS).catch(() => undefined),
        };
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  };
}
