import { type RequestRate, requestRate } from "./rates.ts";
import { rateLimits, type ServiceCode, startBenchStack } from "./stack.ts";
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

async function scalingRow(processes: number, options: ScalingBenchOptions): Promise<ScalingRow> {
  const limit = String(options.perSiteLimit);
  const stack = await startBenchStack({
    size: options.size,
    seed: options.seed,
    scrapers: processes,
    code: options.code,
    // The sandbox timestamps requests in this process; a /proc scan here would bunch them up.
    sampleUsage: false,
    // Plain HTML pages and no browser: four Chromiums on a small machine starve every process of
    // CPU, and a process that gets the CPU late sends its paced requests late, bunched together.
    knobs: { sites: { jsOnlyShare: 0, blockedShare: 0 } },
    // TMDB and OMDb well above the sites, so that the scrapers are what is measured.
    limits: {
      ...rateLimits(process.env),
      tmdb: 200,
      omdb: 200,
      rt: options.perSiteLimit,
      mc: options.perSiteLimit,
    },
    env: {
      SCRAPER_BROWSER: "off",
      SCRAPER_CONCURRENCY: String(options.concurrency),
      RT_RATE_LIMIT_PER_SECOND: limit,
      MC_RATE_LIMIT_PER_SECOND: limit,
    },
  });
  try {
    stack.sandbox.setKnobs({ latency: { fixedMs: options.latencyMs, jitterMs: 0 } });
    const { summary } = await stack.runToEnd();
    const { requestTimes } = stack.sandbox.stats.snapshot();
    const timesBySite = Object.fromEntries(SITES.map((site) => [site, requestTimes[site] ?? []]));
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
