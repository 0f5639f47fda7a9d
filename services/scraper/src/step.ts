import { confirmMatch, detectBlock, type ParsedPage, parsePage, UnknownLayoutError } from "@tvr/page-parsers";
import type { ScrapePayload, ScrapeResult } from "@tvr/queues";
import { stageError } from "@tvr/worker";
import { ZodError } from "zod";
import type { BrowserFetcher, BrowserPage } from "./browser.ts";
import type { ClearanceStore } from "./clearance.ts";
import { incompletePage, servesPage } from "./completeness.ts";
import type { Diagnostics } from "./diagnostics.ts";
import { FetchFailure, type HttpFetcher, type PageResponse } from "./http.ts";
import type { ScrapeMetrics } from "./metrics.ts";
import {
  type Cursor,
  currentPath,
  followRedirect,
  MAX_REDIRECTS,
  MAX_STEPS,
  planPaths,
  rejectCurrent,
  restartCandidate,
  withBrowser,
} from "./plan.ts";
import { absentResult, foundResult } from "./result.ts";
import type { SiteUrls } from "./site.ts";

export interface StepDeps {
  site: SiteUrls;
  http: HttpFetcher;
  /** null when SCRAPER_BROWSER=off. */
  browser: BrowserFetcher | null;
  diagnostics: Diagnostics;
  metrics: ScrapeMetrics;
  /** Bot-wall clearance shared by every scraper process; without it each challenge is met anew. */
  clearance?: ClearanceStore;
}

/** What one step (one site request) leads to. */
export type StepOutcome =
  /** The series is resolved: found on a confirmed page, or absent. */
  | { kind: "done"; result: ScrapeResult }
  /** Another request is needed: save the cursor and queue the job again. */
  | { kind: "next"; cursor: Cursor }
  /** The site said 429 with Retry-After: pause the site's queue. */
  | { kind: "pause"; ms: number }
  /** A transient failure after which the candidate starts over: save the cursor, then throw. */
  | { kind: "retry"; cursor: Cursor; error: Error };

const MIN_PAUSE_MS = 1_000;
const MAX_PAUSE_MS = 10 * 60_000;

/**
 * Makes exactly one request to the site (plain HTTP or one browser navigation) for the
 * job's current candidate and decides what follows. Candidates that need no request (an
 * unusable path) are skipped within the same step.
 */
export async function runStep(deps: StepDeps, payload: ScrapePayload, start: Cursor): Promise<StepOutcome> {
  const plan = planPaths(deps.site.site, payload);
  let cursor = start;
  let path = currentPath(plan, cursor);
  while (path !== undefined && !isRequestablePath(path)) {
    cursor = rejectCurrent(cursor, path, "not a site path");
    path = currentPath(plan, cursor);
  }
  if (path === undefined) return { kind: "done", result: absentResult(cursor.tried) };
  if (cursor.steps >= MAX_STEPS) {
    throw stageError("too_many_steps", `${cursor.steps} requests without an answer`, true);
  }
  const stepped: Cursor = { ...cursor, steps: cursor.steps + 1 };
  const step = new Step(deps, payload, plan, stepped, path);
  return cursor.via === "http" ? step.viaHttp() : step.viaBrowser();
}

const isRequestablePath = (path: string) => path.startsWith("/") && !path.startsWith("//");

class Step {
  readonly url: string;

  constructor(
    private readonly deps: StepDeps,
    private readonly payload: ScrapePayload,
    private readonly plan: readonly string[],
    private readonly cursor: Cursor,
    private readonly path: string,
  ) {
    this.url = deps.site.urlFor(path);
  }

  private get siteName() {
    return this.deps.site.site;
  }

  async viaHttp(): Promise<StepOutcome> {
    const clearance = (await this.deps.clearance?.get(this.siteName)) ?? [];
    const response = await this.request(() => this.deps.http(this.siteName, this.url, clearance));
    const common = this.judgeStatus(response, "http");
    if (common) return common;
    this.requireWholePage(response, "http");
    const block = detectBlock(response.html, response.status);
    if (block) {
      this.deps.metrics.step(this.siteName, "http", block);
      if (!this.deps.browser) {
        throw stageError(
          "blocked",
          `${this.path}: ${block} (HTTP ${response.status}), SCRAPER_BROWSER=off`,
          false,
        );
      }
      this.deps.metrics.fallback(this.siteName, block);
      return { kind: "next", cursor: withBrowser(this.cursor) };
    }
    return this.evaluate(response, "http");
  }

  async viaBrowser(): Promise<StepOutcome> {
    const browser = this.deps.browser;
    if (!browser) return { kind: "next", cursor: restartCandidate(this.cursor) };
    const stored = this.cursor.cookies === null ? await this.deps.clearance?.get(this.siteName) : undefined;
    const cookies = this.cursor.cookies ?? (stored?.length ? stored : null);
    const page: BrowserPage = await this.request(() => browser.fetch(this.deps.site, this.url, cookies));
    const common = this.judgeStatus(page, "browser");
    if (common) return common;
    this.requireWholePage(page, "browser");
    if (page.challenge) {
      this.deps.metrics.step(this.siteName, "browser", "challenge");
      // The challenge set its clearance cookie and asked to reload: the reload is the next step,
      // and the cookie clears the wall for every later page of the site, in every process.
      if (this.cursor.cookies === null) {
        await this.deps.clearance?.save(this.siteName, page.challenge.cookies);
        return { kind: "next", cursor: withBrowser(this.cursor, page.challenge.cookies) };
      }
      return this.blocked(`challenge again with its clearance cookie (HTTP ${page.status})`);
    }
    const block = detectBlock(page.html, page.status);
    if (block) {
      this.deps.metrics.step(this.siteName, "browser", block);
      return this.blocked(`${block} through the browser (HTTP ${page.status})`);
    }
    return this.evaluate(page, "browser");
  }

  private async request<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof FetchFailure)
        throw stageError(error.kind, `${this.path}: ${error.message}`, false);
      throw error;
    }
  }

  /** Statuses handled the same way however the page was fetched; null: look at the page. */
  private judgeStatus(response: PageResponse, via: "http" | "browser"): StepOutcome | null {
    const { status } = response;
    const metrics = this.deps.metrics;
    if (status === 404 || status === 410) {
      metrics.step(this.siteName, via, "not_found");
      return this.reject("not_found");
    }
    if (status === 429 && response.retryAfterMs !== null) {
      metrics.step(this.siteName, via, "rate_limited");
      return { kind: "pause", ms: Math.min(Math.max(response.retryAfterMs, MIN_PAUSE_MS), MAX_PAUSE_MS) };
    }
    if (status >= 300 && status < 400) {
      metrics.step(this.siteName, via, "redirect");
      return this.redirect(status, response.location);
    }
    if (status >= 500) {
      metrics.step(this.siteName, via, "server_error");
      throw stageError("server_error", `${this.path}: HTTP ${status}`, false);
    }
    return null;
  }

  /**
   * An empty or cut-off page is retried with the job's backoff, as a 5xx is: parsed, it would
   * pass for a page in an unknown layout (parse_failed, permanent) or a page without scores.
   */
  private requireWholePage(response: PageResponse, via: "http" | "browser") {
    if (!servesPage(response.status)) return;
    const incomplete = incompletePage(response.html);
    if (incomplete === null) return;
    this.deps.metrics.step(this.siteName, via, "incomplete_page");
    throw stageError("incomplete_page", `${this.path}: ${incomplete} (HTTP ${response.status})`, false);
  }

  private redirect(status: number, location: string | null): StepOutcome {
    if (!location) return this.reject(`redirect ${status} without a location`);
    const target = this.deps.site.sitePathOf(location);
    if (target === null) return this.reject(`redirect to another host refused (${hostOf(location)})`);
    if (this.cursor.redirects >= MAX_REDIRECTS) return this.reject("too many redirects");
    return { kind: "next", cursor: followRedirect(this.cursor, target) };
  }

  private async evaluate(response: PageResponse, fetchedWith: "http" | "browser"): Promise<StepOutcome> {
    const metrics = this.deps.metrics;
    if (response.status < 200 || response.status >= 300) {
      metrics.step(this.siteName, fetchedWith, "rejected");
      return this.reject(`HTTP ${response.status}`);
    }
    let page: ParsedPage;
    try {
      page = parsePage(this.siteName, response.html);
    } catch (error) {
      if (!(error instanceof UnknownLayoutError)) throw error;
      return this.parseFailed(response, fetchedWith, error.fingerprint);
    }
    if (page.canonicalUrl && !/\/tv\//.test(page.canonicalUrl)) {
      metrics.step(this.siteName, fetchedWith, "rejected");
      return this.reject(`not a TV page (${page.canonicalUrl})`);
    }
    const match = confirmMatch(page, this.payload);
    if (!match.ok) {
      metrics.step(this.siteName, fetchedWith, "rejected");
      return this.reject(match.reason);
    }
    try {
      const result = foundResult(this.siteName, this.path, page, fetchedWith);
      metrics.step(this.siteName, fetchedWith, "parsed");
      return { kind: "done", result };
    } catch (error) {
      if (!(error instanceof ZodError)) throw error;
      const problems = error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
      return this.parseFailed(response, fetchedWith, `scores outside the contract: ${problems}`);
    }
  }

  /** Saves the page for diagnosis and fails the job for good: a silent null would hide a redesign. */
  private async parseFailed(
    response: PageResponse,
    fetchedWith: "http" | "browser",
    fingerprint: string,
  ): Promise<never> {
    this.deps.metrics.step(this.siteName, fetchedWith, "parse_failed");
    this.deps.metrics.parseFailure(this.siteName);
    await this.deps.diagnostics.savePage({
      site: this.siteName,
      seriesId: this.payload.seriesId,
      url: this.url,
      status: response.status,
      fetchedWith,
      fingerprint,
      html: response.html,
    });
    throw stageError("parse_failed", `${new URL(this.url).pathname} ${fingerprint}`, true);
  }

  /** The candidate is not the series: record why, then the next candidate (or absent). */
  private reject(outcome: string): StepOutcome {
    const cursor = rejectCurrent(this.cursor, this.path, outcome);
    return currentPath(this.plan, cursor) === undefined
      ? { kind: "done", result: absentResult(cursor.tried) }
      : { kind: "next", cursor };
  }

  private blocked(detail: string): StepOutcome {
    return {
      kind: "retry",
      cursor: restartCandidate(this.cursor),
      error: stageError("blocked", `${this.path}: ${detail}`, false),
    };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "unreadable URL";
  }
}
