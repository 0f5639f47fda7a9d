import { parseEnv } from "@tvr/config";
import { CommonEnv } from "@tvr/worker";
import { z } from "zod";

/** A recent desktop Chrome on Linux; the same string is sent by plain HTTP and by the browser. */
export const DEFAULT_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const perSecond = z.coerce.number().int().positive().default(2);
const siteBase = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .default(fallback)
    .transform((value) => value.replace(/\/+$/, ""));

export const ScraperEnv = CommonEnv.extend({
  /** Site roots; candidate paths ("/tv/the_office") are appended to them. */
  RT_BASE_URL: siteBase("https://www.rottentomatoes.com"),
  MC_BASE_URL: siteBase("https://www.metacritic.com"),
  /** Site requests per second across every scraper process, held by the Redis pacer (src/pacer.ts). */
  RT_RATE_LIMIT_PER_SECOND: perSecond,
  MC_RATE_LIMIT_PER_SECOND: perSecond,
  SCRAPER_TIMEOUT_MS: ms(15_000),
  /** How long the browser waits for scores to appear (or a challenge to reload) after the page loads. */
  SCRAPER_BROWSER_WAIT_MS: ms(5_000),
  SCRAPER_BROWSER: z.enum(["auto", "off"]).default("auto"),
  /** Browser pages open at once per process; more steps needing the browser wait for a page. */
  SCRAPER_BROWSER_PAGES: z.coerce.number().int().positive().default(2),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  SCRAPER_USER_AGENT: z.string().min(1).default(DEFAULT_USER_AGENT),
  SCRAPER_DIAGNOSTICS_DIR: z.string().min(1).default(".run/scraper-pages"),
  /** Jobs in flight per site worker (each processing makes at most one site request). */
  SCRAPER_CONCURRENCY: z.coerce.number().int().positive().default(12),
  SCRAPER_LOCK_DURATION_MS: ms(30_000),
  SCRAPER_STALLED_INTERVAL_MS: ms(30_000),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9104),
});
export type ScraperEnv = z.infer<typeof ScraperEnv>;

export const loadScraperEnv = (source: Record<string, string | undefined> = process.env) =>
  parseEnv(ScraperEnv, source);
