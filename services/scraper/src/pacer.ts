import type { ScrapeSite } from "@tvr/queues";
import type { Redis } from "ioredis";

/**
 * Reserves the next request slot for a site, shared by every scraper process through Redis:
 * slots are 1000/limit ms apart on Redis' clock, and the call returns how long to wait for
 * this one. Taken right before the request goes out.
 *
 * Why, on top of BullMQ's limiter: the limiter counts job starts in fixed one-second windows,
 * and the time from a start to its request varies (opening a browser page takes 0.1-1 s on a
 * busy machine), so ten late requests from one window and ten prompt ones from the next can
 * land within one second at the site. Spacing the requests themselves keeps any one-second
 * window at the limit.
 */
const RESERVE = `
local now = redis.call("TIME")
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local interval = tonumber(ARGV[1])
local last = tonumber(redis.call("GET", KEYS[1]) or "0")
local slot = math.max(nowMs, last + interval)
redis.call("SET", KEYS[1], slot, "PX", slot - nowMs + 60000)
return slot - nowMs
`;

export type Pacer = (site: ScrapeSite) => Promise<void>;

export function createPacer(redis: Redis, prefix: string, perSecond: Record<ScrapeSite, number>): Pacer {
  return async (site) => {
    const interval = Math.ceil(1000 / perSecond[site]);
    const waitMs = Number(await redis.eval(RESERVE, 1, `${prefix}:scrape-pacer:${site}`, interval));
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  };
}
