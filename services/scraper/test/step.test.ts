import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createMetrics } from "@tvr/metrics";
import type { ScrapePayload } from "@tvr/queues";
import { UnrecoverableError } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  renderJsShell,
  renderMcPage,
  renderRtPage,
  renderUnknownLayoutPage,
} from "../../../tools/sandbox/src/pages/index.ts";
import type { BrowserFetcher, BrowserPage } from "../src/browser.ts";
import { createDiagnostics } from "../src/diagnostics.ts";
import type { HttpFetcher, PageResponse } from "../src/http.ts";
import { createScrapeMetrics } from "../src/metrics.ts";
import { type Cursor, initialCursor } from "../src/plan.ts";
import { createSiteUrls } from "../src/site.ts";
import { runStep, type StepDeps, type StepOutcome } from "../src/step.ts";

const BASE = "https://www.metacritic.com";
const dark: ScrapePayload = {
  runId: "5b0b3c4e-8f55-4a53-9c57-1a2b3c4d5e6f",
  seriesId: 70523,
  title: "Dark",
  originalTitle: null,
  firstAirYear: 2017,
  knownPath: null,
};
const mcData = (year: number, slug: string) => ({
  title: "Dark",
  year,
  slug,
  metacritic: 82,
  metacritic_count: 9,
  metauser: 8.9,
  metauser_count: 1210,
});
const ok = (html: string): PageResponse => ({ status: 200, html, location: null, retryAfterMs: null });
const status = (code: number, extra: Partial<PageResponse> = {}): PageResponse => ({
  status: code,
  html: "",
  location: null,
  retryAfterMs: null,
  ...extra,
});

interface Fakes {
  http?: Record<string, PageResponse>;
  browser?: (path: string, cookies: boolean) => BrowserPage;
}

let diagnosticsDir: string;
beforeAll(async () => {
  diagnosticsDir = await mkdtemp(path.join(tmpdir(), "scraper-diag-"));
});
afterAll(() => rm(diagnosticsDir, { recursive: true, force: true }));

function harness(fakes: Fakes, site: "rt" | "mc" = "mc") {
  const requests: string[] = [];
  const siteUrls = createSiteUrls(site, site === "mc" ? BASE : "https://www.rottentomatoes.com");
  const pathOf = (url: string) => siteUrls.sitePathOf(url) ?? url;
  const http: HttpFetcher = async (_site, url) => {
    requests.push(`http ${pathOf(url)}`);
    return fakes.http?.[pathOf(url)] ?? status(404);
  };
  const browser: BrowserFetcher | null = fakes.browser
    ? {
        async fetch(_site, url, cookies) {
          requests.push(`browser ${pathOf(url)}${cookies ? " +cookies" : ""}`);
          // biome-ignore lint/style/noNonNullAssertion: checked above
          return fakes.browser!(pathOf(url), cookies !== null);
        },
        launch: async () => undefined,
        close: async () => undefined,
      }
    : null;
  const metrics = createMetrics("scraper-test");
  const deps: StepDeps = {
    site: siteUrls,
    http,
    browser,
    diagnostics: createDiagnostics(diagnosticsDir),
    metrics: createScrapeMetrics(metrics),
  };
  /** Runs steps until the series is resolved, as the queue would. */
  const resolve = async (payload: ScrapePayload = dark) => {
    let cursor: Cursor = initialCursor();
    for (let i = 0; i < 50; i++) {
      const outcome: StepOutcome = await runStep(deps, payload, cursor);
      if (outcome.kind !== "next") return outcome;
      cursor = JSON.parse(JSON.stringify(outcome.cursor));
    }
    throw new Error("did not finish");
  };
  return { requests, resolve, metrics };
}

describe("runStep", () => {
  it("each step makes one request; a 404 moves on to the next candidate", async () => {
    const { requests, resolve } = harness({
      http: { "/tv/dark-2017/": ok(renderMcPage("mc-2023", mcData(2017, "dark-2017"))) },
    });
    const outcome = await resolve();
    expect(requests).toEqual(["http /tv/dark/", "http /tv/dark-2017/"]);
    expect(outcome).toMatchObject({
      kind: "done",
      result: { status: "found", path: "/tv/dark-2017/", layout: "mc-2023", fetchedWith: "http" },
    });
  });

  it("rejects a decoy (same title, other year) and records it in tried", async () => {
    const { resolve } = harness({
      http: {
        "/tv/dark/": ok(renderMcPage("mc-legacy", mcData(1990, "dark"))),
        "/tv/dark-2017/": ok(renderMcPage("mc-legacy", mcData(2017, "dark-2017"))),
      },
    });
    const outcome = await resolve();
    expect(outcome).toMatchObject({ kind: "done", result: { status: "found", path: "/tv/dark-2017/" } });
  });

  it("returns absent with every candidate tried when none is the series", async () => {
    const { requests, resolve } = harness({
      http: { "/tv/dark/": ok(renderMcPage("mc-2023", mcData(1990, "dark"))) },
    });
    const outcome = await resolve();
    expect(outcome).toEqual({
      kind: "done",
      result: {
        status: "absent",
        reason: "not_found",
        tried: [
          { path: "/tv/dark/", outcome: "year mismatch: page 1990 vs series 2017" },
          { path: "/tv/dark-2017/", outcome: "not_found" },
        ],
      },
    });
    expect(requests).toHaveLength(2);
  });

  it("tries the known path first: one request when it is still right", async () => {
    const { requests, resolve } = harness({
      http: { "/tv/dark-netflix/": ok(renderMcPage("mc-2023", mcData(2017, "dark-netflix"))) },
    });
    const outcome = await resolve({ ...dark, knownPath: "/tv/dark-netflix/" });
    expect(requests).toEqual(["http /tv/dark-netflix/"]);
    expect(outcome).toMatchObject({ result: { path: "/tv/dark-netflix/" } });
  });

  it("follows a same-site redirect as its own step and refuses one to another host", async () => {
    const same = harness({
      http: {
        "/tv/dark/": status(301, { location: `${BASE}/tv/dark-2017/` }),
        "/tv/dark-2017/": ok(renderMcPage("mc-2023", mcData(2017, "dark-2017"))),
      },
    });
    expect(await same.resolve()).toMatchObject({ result: { status: "found", path: "/tv/dark-2017/" } });
    expect(same.requests).toEqual(["http /tv/dark/", "http /tv/dark-2017/"]);

    const offsite = harness({
      http: { "/tv/dark/": status(302, { location: "https://evil.example/tv/dark/" }) },
    });
    const outcome = await offsite.resolve();
    expect(outcome).toMatchObject({
      result: {
        status: "absent",
        tried: [{ path: "/tv/dark/", outcome: "redirect to another host refused (evil.example)" }, {}],
      },
    });
    expect(offsite.requests).toEqual(["http /tv/dark/", "http /tv/dark-2017/"]);
  });

  it("pauses the site on 429 with Retry-After; 5xx and timeouts are transient", async () => {
    const limited = harness({ http: { "/tv/dark/": status(429, { retryAfterMs: 7_000 }) } });
    expect(await limited.resolve()).toEqual({ kind: "pause", ms: 7_000 });

    const broken = harness({ http: { "/tv/dark/": status(503) } });
    const error = await broken.resolve().catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toBe("server_error: /tv/dark/: HTTP 503");
  });

  it("renders a JS shell in the browser and marks the result fetchedWith browser", async () => {
    const data = mcData(2017, "dark");
    const { requests, resolve } = harness({
      http: { "/tv/dark/": ok(renderJsShell({ site: "mc", layout: "mc-2023", data })) },
      browser: () => ({ ...ok(renderMcPage("mc-2023", data)), challenge: null }),
    });
    const outcome = await resolve();
    expect(requests).toEqual(["http /tv/dark/", "browser /tv/dark/"]);
    expect(outcome).toMatchObject({ result: { status: "found", fetchedWith: "browser", path: "/tv/dark/" } });
  });

  it("passes a challenge in two browser steps: the challenge, then the page with its cookie", async () => {
    const data = mcData(2017, "dark");
    const cookie = {
      name: "tvr_clearance",
      value: "x",
      domain: "www.metacritic.com",
      path: "/",
      expires: -1,
      httpOnly: false,
      secure: false,
      sameSite: "Lax" as const,
    };
    const { requests, resolve } = harness({
      http: { "/tv/dark/": status(403, { html: "<title>403 Forbidden</title>Guru Meditation" }) },
      browser: (_path, cookies) =>
        cookies
          ? { ...ok(renderMcPage("mc-legacy", data)), challenge: null }
          : { ...status(403, { html: "Guru Meditation" }), challenge: { cookies: [cookie] } },
    });
    const outcome = await resolve();
    expect(requests).toEqual(["http /tv/dark/", "browser /tv/dark/", "browser /tv/dark/ +cookies"]);
    expect(outcome).toMatchObject({ result: { status: "found", fetchedWith: "browser" } });
  });

  it("blocked even through the browser is a transient 'blocked' error that restarts the candidate", async () => {
    const { resolve } = harness({
      http: { "/tv/dark/": status(403, { html: "Guru Meditation" }) },
      browser: () => ({
        ...status(403, { html: "<title>403 Forbidden</title>Guru Meditation" }),
        challenge: null,
      }),
    });
    const outcome = await resolve();
    expect(outcome.kind).toBe("retry");
    if (outcome.kind !== "retry") return;
    expect(outcome.error).not.toBeInstanceOf(UnrecoverableError);
    expect(outcome.error.message).toMatch(/^blocked: \/tv\/dark\/: blocked through the browser/);
    expect(outcome.cursor).toMatchObject({ index: 0, via: "http", cookies: null });
  });

  it("with the browser off, a blocked page is a transient error", async () => {
    const { resolve } = harness({ http: { "/tv/dark/": status(403, { html: "Guru Meditation" }) } });
    await expect(resolve()).rejects.toThrow(
      /^blocked: \/tv\/dark\/: blocked \(HTTP 403\), SCRAPER_BROWSER=off/,
    );
  });

  it("a page of no known layout is saved with its URL and fingerprint and fails the job for good", async () => {
    const unknown = `<!DOCTYPE html><html><head><title>Dark - Reviews</title></head><body><main>${"Text. ".repeat(80)}</main></body></html>`;
    const { resolve, metrics } = harness({ http: { "/tv/dark/": ok(unknown) } });
    const error = await resolve().catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toMatch(/^parse_failed: \/tv\/dark\/ title="Dark - Reviews" absent=\[/);
    const files = (await readdir(diagnosticsDir)).filter((name) => name.startsWith("mc-70523-"));
    expect(files.sort().map((name) => path.extname(name))).toEqual([".html", ".json"]);
    const htmlFile = files.find((name) => name.endsWith(".html")) ?? "";
    expect(await readFile(path.join(diagnosticsDir, htmlFile), "utf8")).toBe(unknown);
    const about = JSON.parse(
      await readFile(path.join(diagnosticsDir, htmlFile.replace(/\.html$/, ".json")), "utf8"),
    );
    expect(about).toMatchObject({ url: `${BASE}/tv/dark/`, site: "mc", seriesId: 70523, status: 200 });
    expect(about.fingerprint).toContain('title="Dark - Reviews"');
    expect(await metrics.registry.getSingleMetricAsString("tvr_scrape_parse_failures_total")).toMatch(
      /site="mc"[^\n]* 1/,
    );
  });

  it("reads Rotten Tomatoes pages too, keeping only RT fields", async () => {
    const { resolve } = harness(
      {
        http: {
          "/tv/dark": ok(
            renderRtPage("rt-media-scorecard-2024", {
              title: "Dark",
              year: 2017,
              slug: "dark",
              tomatoes_critic: 95,
              tomatoes_critic_count: 60,
              tomatoes_audience: 93,
              tomatoes_audience_count: 5000,
            }),
          ),
        },
      },
      "rt",
    );
    const outcome = await resolve();
    expect(outcome).toMatchObject({
      result: {
        status: "found",
        path: "/tv/dark",
        scores: { tomatoes_critic: 95, tomatoes_critic_count: 60, metacritic: null, metauser: null },
      },
    });
  });
});

describe("runStep on empty and cut-off pages", () => {
  const data = mcData(2017, "dark");
  const full = renderMcPage("mc-2023", data);
  // Its own series id, so the diagnostics directory shows whether anything was saved for it.
  const cutSeries: ScrapePayload = { ...dark, seriesId: 4_040 };
  const savedFor = async (seriesId: number) =>
    (await readdir(diagnosticsDir)).filter((name) => name.startsWith(`mc-${seriesId}-`));
  const transient = async (outcome: Promise<StepOutcome>) => {
    const error = await outcome.then(
      () => null,
      (caught: Error) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    return (error as Error).message;
  };

  it("an empty 200 is a transient incomplete_page, not a block sent to the browser", async () => {
    const { requests, resolve, metrics } = harness({
      http: { "/tv/dark/": ok(" \n") },
      browser: () => ({ ...ok(full), challenge: null }),
    });
    expect(await transient(resolve(cutSeries))).toBe("incomplete_page: /tv/dark/: empty body (HTTP 200)");
    expect(requests).toEqual(["http /tv/dark/"]);
    expect(await metrics.registry.getSingleMetricAsString("tvr_scrape_steps_total")).toMatch(
      /fetched_with="http",outcome="incomplete_page"[^\n]* 1/,
    );
    expect(await savedFor(cutSeries.seriesId)).toEqual([]);
  });

  it("a page cut short is retried wherever the cut falls, before or after its scores", async () => {
    const scores = full.indexOf("c-productScoreInfo");
    expect(scores).toBeGreaterThan(0);
    const cuts = [40, scores - 10, scores + 400, full.length / 2, full.lastIndexOf("</html>")];
    for (const cut of cuts.map(Math.floor)) {
      const { resolve } = harness({ http: { "/tv/dark/": ok(full.slice(0, cut)) } });
      const bytes = Buffer.byteLength(full.slice(0, cut));
      expect(await transient(resolve(cutSeries)), `cut at ${cut}`).toBe(
        `incomplete_page: /tv/dark/: cut short: no </html> in ${bytes} bytes (HTTP 200)`,
      );
    }
    expect(await savedFor(cutSeries.seriesId)).toEqual([]);
  });

  it("the same through the browser: the document as served is judged, not its rendering", async () => {
    const { requests, resolve } = harness({
      http: { "/tv/dark/": ok(renderJsShell({ site: "mc", layout: "mc-2023", data })) },
      browser: () => ({ ...ok(full.slice(0, 300)), challenge: null }),
    });
    expect(await transient(resolve(cutSeries))).toBe(
      "incomplete_page: /tv/dark/: cut short: no </html> in 300 bytes (HTTP 200)",
    );
    expect(requests).toEqual(["http /tv/dark/", "browser /tv/dark/"]);
  });

  it("a complete page in a layout no parser knows is still a parse failure, saved", async () => {
    const { resolve } = harness({
      http: { "/tv/dark/": ok(renderUnknownLayoutPage({ site: "mc", data })) },
    });
    const error = await resolve({ ...dark, seriesId: 4_041 }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toMatch(/^parse_failed: \/tv\/dark\/ title="Dark \| Metacritic"/);
    expect(await savedFor(4_041)).toHaveLength(2);
  });
});
