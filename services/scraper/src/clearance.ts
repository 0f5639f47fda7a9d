import type { ScrapeSite } from "@tvr/queues";
import type { Redis } from "ioredis";
import { z } from "zod";
import { BrowserCookie } from "./plan.ts";

/**
 * A site's bot-wall clearance (the cookies its challenge set), shared through Redis by every
 * scraper process until the cookies expire, so one challenge clears the wall for all pages
 * after it, plain HTTP included. These are the site's cookies, not our secrets, but they are
 * never logged either.
 */
export interface ClearanceStore {
  /** The site's unexpired clearance cookies; empty when there is none. */
  get(site: ScrapeSite): Promise<BrowserCookie[]>;
  save(site: ScrapeSite, cookies: BrowserCookie[]): Promise<void>;
}

/** Session cookies (no expiry) are kept this long. */
const SESSION_COOKIE_TTL_MS = 30 * 60_000;

const StoredCookies = z.array(BrowserCookie);

export function createClearanceStore(redis: Redis, prefix: string, now = () => Date.now()): ClearanceStore {
  const key = (site: ScrapeSite) => `${prefix}:scrape-clearance:${site}`;
  return {
    async get(site) {
      const raw = await redis.get(key(site));
      if (raw === null) return [];
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return [];
      }
      const cookies = StoredCookies.safeParse(parsed);
      return cookies.success ? cookies.data.filter((cookie) => !hasExpired(cookie, now())) : [];
    },
    async save(site, cookies) {
      const live = cookies.filter((cookie) => !hasExpired(cookie, now()));
      if (live.length === 0) return;
      const expiries = live.map((cookie) =>
        cookie.expires > 0 ? cookie.expires * 1000 - now() : SESSION_COOKIE_TTL_MS,
      );
      const ttlMs = Math.max(1_000, Math.floor(Math.min(...expiries)));
      await redis.set(key(site), JSON.stringify(live), "PX", ttlMs);
    },
  };
}

const hasExpired = (cookie: BrowserCookie, nowMs: number) =>
  cookie.expires > 0 && cookie.expires * 1000 <= nowMs;

/** The Cookie header a browser would send to `url` with these cookies (domain, path, secure); null when none apply. */
export function cookieHeader(cookies: readonly BrowserCookie[], url: string): string | null {
  const target = new URL(url);
  const applies = cookies.filter((cookie) => {
    const domain = cookie.domain.replace(/^\./, "").toLowerCase();
    const hostMatches = target.hostname === domain || target.hostname.endsWith(`.${domain}`);
    const pathMatches = target.pathname.startsWith(cookie.path || "/");
    return hostMatches && pathMatches && (!cookie.secure || target.protocol === "https:");
  });
  return applies.length === 0 ? null : applies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}
