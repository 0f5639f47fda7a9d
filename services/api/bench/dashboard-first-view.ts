/// <reference lib="dom" />
/**
 * The dashboard's first view in real Chromium: for each view, the time from
 * navigation start to the view rendered with a chart holding data. The first
 * load of a view runs in a fresh browser context (empty cache), the next ones
 * reuse it.
 */
import { chromium, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Under this a first view counts as fast enough. */
export const FIRST_VIEW_BUDGET_MS = 1_000;

export interface FirstViewTiming {
  view: string;
  firstMs: number;
  medianMs: number;
}

/**
 * Waits for the readiness signal the browser test waits for (`#view` no longer
 * busy) and returns its page time, i.e. ms since navigation start. A view that
 * rendered no chart with data (an error message, an empty state) throws.
 */
async function msToFirstView(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  const ready = await page.waitForFunction(
    () => {
      if (!document.querySelector('#view[aria-busy="false"]')) return false;
      const charts = (window as unknown as { dashboardCharts?: Record<string, { getOption(): unknown }> })
        .dashboardCharts;
      const withData = Object.values(charts ?? {}).some((chart) => {
        const option = chart.getOption() as { series?: Array<{ data?: unknown[] }> };
        return (option.series ?? []).some((series) => (series.data?.length ?? 0) > 0);
      });
      return { at: performance.now(), withData };
    },
    undefined,
    { polling: "raf", timeout: 30_000 },
  );
  const { at, withData } = (await ready.jsonValue()) as { at: number; withData: boolean };
  if (!withData) throw new Error(`${url} rendered no chart with data`);
  return at;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export async function measureFirstViews(options: {
  apiUrl: string;
  credentials: { username: string; password: string };
  views: Record<string, string>;
  loads: number;
}): Promise<FirstViewTiming[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
  try {
    const timings: FirstViewTiming[] = [];
    for (const [view, query] of Object.entries(options.views)) {
      const context = await browser.newContext({
        httpCredentials: options.credentials,
        viewport: { width: 1280, height: 860 },
      });
      const page = await context.newPage();
      const loads: number[] = [];
      for (let i = 0; i < options.loads; i++) {
        loads.push(await msToFirstView(page, `${options.apiUrl}/dashboard${query}`));
      }
      await context.close();
      timings.push({ view, firstMs: loads[0] ?? 0, medianMs: median(loads) });
    }
    return timings;
  } finally {
    await browser.close();
  }
}
