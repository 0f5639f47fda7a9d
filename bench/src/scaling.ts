import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type RequestRate, requestRate } from "./rates.ts";
import { startSandboxProcess } from "./sandbox-process.ts";
import { rateLimits, type ServiceCode, startPipelineServices } from "./stack.ts";
import { formatTable, round } from "./table.ts";

/** The sites the scraper reads; their limit is per site, shared by every scraper process. */
const SITES = ["rt", "mc"] as const;

export interface ScalingBenchOptions {
  size: number;
  /** Scraper process counts, one row each. */
  processes: number[];
  /** Per-site limit (requests per second), for both sites. */
  perSiteLimit: number;
  /** Steps each scraper process works on at once, per site. */
  concurrency: number;
  /** Added to every sandbox answer: what keeps one process below the limit, as a real site's latency does. */
  latencyMs: number;
  seed?: number;
  code: ServiceCode;
}

export interface ScalingRow {
  processes: number;
  status: string;
  pages: number;
  pagesPerSecond: number;
  sites: Record<(typeof SITES)[number], RequestRate>;
}

/** Pages per second over the scraping window: from the first site request to the last, across sites. */
export function scrapingThroughput(timesBySite: Record<string, readonly number[]>): {
  pages: number;
  pagesPerSecond: number;
} {
  const times = Object.values(timesBySite).flat();
  return { pages: times.length, pagesPerSecond: requestRate(times).averagePerSecond };
}

/** The table, with whether each site stayed within its limit (over every 1 s window, and on average). */
export function formatScalingTable(rows: ScalingRow[], options: ScalingBenchOptions): string {
  const withinLimit = (rate: RequestRate) =>
    rate.maxPerSecond <= options.perSiteLimit && rate.averagePerSecond <= options.perSiteLimit;
  return formatTable(
    `Scraper scaling: ${options.size}-series sandbox catalog, per-site limit ${options.perSiteLimit}/s, ` +
      `${options.concurrency} steps per site per process, upstream latency ${options.latencyMs} ms, plain HTML pages`,
    [
      "scrapers",
      "status",
      "pages",
      "pages/s",
      "rt max 1 s",
      "rt avg/s",
      "mc max 1 s",
      "mc avg/s",
      "within limit",
    ],
    rows.map((row) => [
      row.processes,
      row.status,
      row.pages,
      round(row.pagesPerSecond, 1),
      row.sites.rt.maxPerSecond,
      round(row.sites.rt.averagePerSecond, 1),
      row.sites.mc.maxPerSecond,
      round(row.sites.mc.averagePerSecond, 1),
      SITES.every((site) => withinLimit(row.sites[site])) ? "yes" : "NO",
    ]),
  );
}

/** With BENCH_LOG_DIR set, each row's request times go there too, for looking into a dense second. */
function keepRequestTimes(processes: number, timesBySite: Record<string, number[]>): void {
  const logDir = process.env.BENCH_LOG_DIR;
  if (!logDir) return;
  mkdirSync(logDir, { recursive: true });
  writeFileSync(path.join(logDir, `request-times-${processes}.json`), JSON.stringify(timesBySite));
}

async function scalingRow(processes: number, options: ScalingBenchOptions): Promise<ScalingRow> {
  const limit = String(options.perSiteLimit);
  // Its own process: the request times it records are then not late by this process's work.
  const sandbox = await startSandboxProcess({
    SANDBOX_CATALOG_SIZE: String(options.size),
    SANDBOX_SEED: String(options.seed ?? 42),
    // Plain HTML pages and no browser: four Chromiums on a small machine starve every process of
    // CPU, and a process that gets the CPU late sends its paced requests late, bunched together.
    SANDBOX_SITES_JS_ONLY_SHARE: "0",
    SANDBOX_SITES_BLOCKED_SHARE: "0",
    SANDBOX_LATENCY_MS: String(options.latencyMs),
    SANDBOX_LATENCY_JITTER_MS: "0",
  });
  try {
    const stack = await startPipelineServices({
      urls: sandbox.urls,
      scrapers: processes,
      code: options.code,
      // The sandbox, which times the sites' requests, gets the CPU before the services: a remote
      // site's clock does not wait for our processes. The scrapers' slots count from when their
      // requests leave, so their lower priority does not loosen the pacing.
      nice: 19,
      // TMDB and OMDb at `make run`'s limits: they feed series faster than the sites' limits
      // let them be scraped, so that the scrapers are what is measured.
      limits: { ...rateLimits(process.env), rt: options.perSiteLimit, mc: options.perSiteLimit },
      env: {
        SCRAPER_BROWSER: "off",
        SCRAPER_CONCURRENCY: String(options.concurrency),
        RT_RATE_LIMIT_PER_SECOND: limit,
        MC_RATE_LIMIT_PER_SECOND: limit,
      },
    });
    try {
      const { summary } = await stack.runToEnd();
      const requestTimes = await sandbox.requestTimes();
      const timesBySite = Object.fromEntries(SITES.map((site) => [site, requestTimes[site] ?? []]));
      keepRequestTimes(processes, timesBySite);
      return {
        processes,
        status: summary.status,
        ...scrapingThroughput(timesBySite),
        sites: { rt: requestRate(timesBySite.rt ?? []), mc: requestRate(timesBySite.mc ?? []) },
      };
    } catch (error) {
      stack.printTails();
      throw error;
    } finally {
      await stack.close();
    }
  } finally {
    await sandbox.close();
  }
}

/**
 * The same sandbox run with 1, 2, 4... scraper processes: pages per second should grow with
 * processes until the per-site limit, and the per-site rate the sandbox saw never exceed it.
 */
export async function scalingBench(options: ScalingBenchOptions): Promise<string> {
  const rows: ScalingRow[] = [];
  for (const processes of options.processes) {
    rows.push(await scalingRow(processes, options));
    console.error(`scaling: ${processes} scraper process(es) done`);
  }
  return formatScalingTable(rows, options);
}
