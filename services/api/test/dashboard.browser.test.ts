/// <reference lib="dom" />
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { BASIC } from "./helpers.ts";
import { buildMarts, type ReadModelFixture, startReadModel } from "./read-model.ts";

declare global {
  interface Window {
    /** Set by the dashboard (dashboard/src/charts.ts): its charts by name. */
    dashboardCharts: Record<string, import("echarts/core").ECharts>;
  }
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots of every run (gitignored); UPDATE_SCREENSHOTS=1 also refreshes the README's. */
const ARTIFACTS = fileURLToPath(new URL("../test-artifacts/dashboard/", import.meta.url));
const README_SHOTS = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));

let f: ReadModelFixture;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  f = await startReadModel();
  await buildMarts(f.harness.database.url);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
  context = await browser.newContext({
    httpCredentials: { username: BASIC.user, password: BASIC.password },
    viewport: { width: 1280, height: 860 },
  });
  await mkdir(ARTIFACTS, { recursive: true });
  if (process.env.UPDATE_SCREENSHOTS) await mkdir(README_SHOTS, { recursive: true });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS)
    await page.screenshot({ path: `${README_SHOTS}${name}.png`, fullPage: true });
}

/** Opens a dashboard URL and waits until its view has rendered. */
async function open(page: Page, query: string) {
  await page.goto(`${f.api.url}/dashboard${query}`);
  await page.locator('#view[aria-busy="false"]').waitFor({ timeout: 20_000 });
}

/** The page pixel of a chart's data point, as ECharts computes it. */
async function pointOf(page: Page, chart: string, value: Array<number | string>, seriesIndex = 0) {
  const box = await page.locator(`[data-chart="${chart}"]`).boundingBox();
  const [x, y] = await page.evaluate(
    ({ chart, value, seriesIndex }) =>
      window.dashboardCharts[chart]?.convertToPixel({ seriesIndex }, value) as number[],
    { chart, value, seriesIndex },
  );
  if (!box || x === undefined || y === undefined) throw new Error(`chart ${chart} is not on the page`);
  return { x: box.x + x, y: box.y + y };
}

/** A real pointer click on a chart's data point: moved onto it first, as a hand would. */
async function clickPoint(page: Page, chart: string, value: Array<number | string>) {
  const { x, y } = await pointOf(page, chart, value);
  await page.mouse.move(x - 20, y - 20);
  await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.click(x, y);
}

interface ChartOption {
  xAxis: Array<{ data?: string[] }>;
  yAxis: Array<{ data?: string[] }>;
  series: Array<{ data: unknown[] }>;
}

/** What a chart on the page draws (its ECharts option, as JSON). */
const chartOption = (page: Page, chart: string): Promise<ChartOption> =>
  page.evaluate((name) => {
    const instance = window.dashboardCharts[name];
    if (!instance) throw new Error(`no chart ${name}`);
    return JSON.parse(JSON.stringify(instance.getOption()));
  }, chart);

const titlesOfTopChart = async (page: Page) => (await chartOption(page, "top")).yAxis[0]?.data ?? [];

describe("dashboard in Chromium", () => {
  it("refuses an anonymous browser", async () => {
    const anonymous = await browser.newContext();
    try {
      const page = await anonymous.newPage();
      const challenged = page.waitForResponse(`${f.api.url}/dashboard`);
      await expect(page.goto(`${f.api.url}/dashboard`)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
      expect((await challenged).status()).toBe(401);
    } finally {
      await anonymous.close();
    }
  });

  it("renders each of the four views with data", async () => {
    const page = await context.newPage();
    const started = Date.now();
    await open(page, "");
    const firstView = Date.now() - started;
    expect(firstView).toBeLessThan(5_000); // generous on a shared CI machine; typically ~300 ms
    expect(await titlesOfTopChart(page)).toHaveLength(20);
    await screenshot(page, "top-by-platform");

    await open(page, "?view=genres");
    const genres = (await chartOption(page, "genres")).xAxis[0]?.data;
    expect(genres?.length).toBeGreaterThan(3);
    await screenshot(page, "genres");

    await open(page, "?view=trends");
    const lines = (await chartOption(page, "trends")).series;
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]?.data).toHaveLength(2); // two periods
    await screenshot(page, "trends");

    await open(page, "?view=sources");
    await expect(page.locator(".note").textContent()).resolves.toMatch(/^\d+ series/);
    await screenshot(page, "sources");
    for (const view of ["top", "genres", "trends", "sources"]) {
      expect(await page.locator(`[data-view="${view}"]`).first().textContent()).toBeTruthy();
    }
    await page.close();
  });

  it("a platform filter changes what is shown and stays in the URL", async () => {
    const page = await context.newPage();
    await open(page, "?view=top");
    const everything = await titlesOfTopChart(page);
    await page.selectOption('select[name="network"]', "213");
    await page.waitForURL(/network=213/);
    await page.locator('#view[aria-busy="false"]').waitFor();
    await expect(page.locator("h1").textContent()).resolves.toBe("Top rated on Netflix");
    const netflix = await titlesOfTopChart(page);
    expect(netflix.length).toBeGreaterThan(0);
    expect(netflix).not.toEqual(everything);
    const netflixTitles = await f.harness.database.db.execute<{ t: string }>(sql`
      select s.title || ' (' || coalesce(s.release_year::text, '?') || ')' as t
      from series s join series_network n using (series_id) where n.network_id = 213`);
    const allowed = new Set(netflixTitles.rows.map((r) => r.t));
    expect(netflix.every((t) => allowed.has(t))).toBe(true);

    // The filter travels with the URL: another view, and a reload, keep it.
    await page.click('#views [data-view="sources"]');
    await page.waitForURL(/view=sources.*network=213|network=213.*view=sources/);
    await page.reload();
    await page.locator('#view[aria-busy="false"]').waitFor();
    expect(await page.locator('select[name="network"]').inputValue()).toBe("213");
    await page.close();
  });

  it("opens the right show from a click on a chart, with its history", async () => {
    const page = await context.newPage();
    await open(page, "?view=top");
    const titles = await titlesOfTopChart(page);
    const bottom = titles[0];
    if (!bottom) throw new Error("no bars");
    const [firstBar] = (await chartOption(page, "top")).series[0]?.data ?? [];
    const composite = z.object({ value: z.number() }).parse(firstBar).value;
    await clickPoint(page, "top", [composite / 2, bottom]);
    await page.waitForURL(/view=show&id=\d+|id=\d+.*view=show/);
    await page.locator('#view[aria-busy="false"]').waitFor();
    const id = new URL(page.url()).searchParams.get("id");
    const row = await f.harness.database.db.execute<{ title: string; year: number | null }>(
      sql`select title, release_year as year from series where series_id = ${Number(id)}`,
    );
    expect(`${row.rows[0]?.title} (${row.rows[0]?.year ?? "?"})`).toBe(bottom);
    await expect(page.locator("h1.show-title").textContent()).resolves.toBe(bottom);
    expect(await page.locator('[data-chart="history"]').count()).toBe(1);
    await expect(page.locator("h2").textContent()).resolves.toBe("History across 2 runs");
    await screenshot(page, "show-profile");

    await open(page, "?view=sources");
    const [firstDot] = (await chartOption(page, "sources")).series[0]?.data ?? [];
    const dot = z.tuple([z.number(), z.number()]).parse(firstDot);
    await clickPoint(page, "sources", dot);
    await page.waitForURL(/view=show/);
    await page.locator('#view[aria-busy="false"]').waitFor();
    await expect(page.locator('[data-source="imdb"]').textContent()).resolves.toBe(String(dot[0]));
    await page.close();
  });

  it("finds accented and misspelled titles from the search box", async () => {
    const page = await context.newPage();
    await open(page, "");
    for (const [typed, expected] of [
      ["Elite", "Élite (2018)"],
      ["quien nato a sara", "Who Killed Sara? (2021)"],
    ] as const) {
      await page.fill('input[name="q"]', typed);
      await page.press('input[name="q"]', "Enter");
      await page.waitForURL(/view=search/);
      await page.locator('#view[aria-busy="false"]').waitFor();
      await expect(page.locator(".results li a").first().textContent()).resolves.toBe(expected);
    }
    await screenshot(page, "search");
    await page.locator(".results li a").first().click();
    await page.waitForURL(/view=show/);
    await page.locator('#view[aria-busy="false"]').waitFor();
    await expect(page.locator("h1.show-title").textContent()).resolves.toBe("Who Killed Sara? (2021)");
    await page.close();
  });

  it("shows an empty state, never a stack trace, for what doesn't exist", async () => {
    const page = await context.newPage();
    await open(page, "?view=show&id=999999999");
    await expect(page.locator(".empty").textContent()).resolves.toBe("There is no show 999999999.");
    await open(page, "?view=top&genre=123456789");
    await expect(page.locator(".empty").textContent()).resolves.toBe("No rated series match these filters.");
    await open(page, `?view=search&q=${"x".repeat(300)}`);
    const text = (await page.locator(".empty").textContent()) ?? "";
    expect(text).toMatch(/^Nothing to show: .*search/);
    expect(text).not.toMatch(/\bat \S+:\d+|Error:/);
    await page.close();
  });

  it("is readable on a phone", async () => {
    const phone = await browser.newContext({
      httpCredentials: { username: BASIC.user, password: BASIC.password },
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const page = await phone.newPage();
      await open(page, "?view=top");
      const box = await page.locator('[data-chart="top"]').boundingBox();
      expect(box?.width).toBeLessThanOrEqual(390);
      expect(box?.width).toBeGreaterThan(300);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, "phone-top");
    } finally {
      await phone.close();
    }
  });
});
