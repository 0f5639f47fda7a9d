import { detectBlock } from "@tvr/page-parsers";
import { type Browser, type BrowserContext, chromium, type Page, type Route } from "playwright-core";
import { incompletePage, servesPage } from "./completeness.ts";
import { FetchFailure, type PageResponse, parseRetryAfter } from "./http.ts";
import type { Pacer } from "./pacer.ts";
import type { BrowserCookie } from "./plan.ts";
import type { SiteUrls } from "./site.ts";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
];

/**
 * `html` is the rendered DOM, except when the document came empty or cut short: then it is the
 * body as served, since rendered it would read as a whole (empty) page (see completeness.ts).
 */
export interface BrowserPage extends PageResponse {
  /**
   * The page tried to load again after it was served (a bot challenge's `location.reload()`):
   * the cookies it had set by then. The reload itself is not let through.
   */
  challenge: { cookies: BrowserCookie[] } | null;
}

export interface BrowserFetcher {
  /**
   * Loads one URL in the site's context (adding `cookies`, if any) and lets it run until the page
   * shows parseable content, tries to navigate again, or `waitMs` passes. Exactly one request
   * reaches the site: the document. Requests to other hosts, a second request to the site
   * and redirects are refused (a redirect comes back as a 3xx with its `location`).
   */
  fetch(site: SiteUrls, url: string, cookies: BrowserCookie[] | null): Promise<BrowserPage>;
  /**
   * Starts Chromium and opens a page per site ahead of the first fetch, which would otherwise
   * wait a second or more for them.
   */
  launch(sites: readonly SiteUrls[]): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserFetcherOptions {
  executablePath: string;
  /** Pages open at once; further fetches wait their turn (a page costs a renderer process). */
  maxPages: number;
  userAgent: string;
  timeoutMs: number;
  waitMs: number;
  observe?: (site: string, status: string, seconds: number) => void;
  onAborted?: (site: string, reason: "other_host" | "extra_request") => void;
  /** Waits for the site's next request slot; called right before the document request goes out. */
  pace?: Pacer;
}

const POLL_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the route handler of a page lets through while one fetch is using it. */
interface FetchState {
  site: SiteUrls;
  url: string;
  document: {
    status: number;
    location: string | null;
    retryAfterMs: number | null;
    /** The body as served, kept only when it is empty or cut short. */
    incomplete: string | null;
  } | null;
  failure: FetchFailure | null;
  requested: boolean;
  challenged: boolean;
}

interface PooledPage {
  page: Page;
  /** null between fetches: then every request is refused. */
  current: FetchState | null;
}

/**
 * Chromium through Playwright: launched on first use, once per process, and reused. Each site
 * gets one browser context, and its pages are reused from one fetch to the next: a page that
 * navigates within its site keeps its renderer process, which costs a fifth of the CPU of a
 * fresh context and page per fetch (measured: ~0.14 s against ~0.75 s per load). The site's
 * cookies (its clearance) stay in its context.
 */
export function createBrowserFetcher(options: BrowserFetcherOptions): BrowserFetcher {
  let launching: Promise<Browser> | null = null;
  let closed = false;
  const contexts = new Map<string, Promise<BrowserContext>>();
  const idle = new Map<string, PooledPage[]>();

  const forget = () => {
    contexts.clear();
    idle.clear();
  };
  const browser = (): Promise<Browser> => {
    if (closed) return Promise.reject(new Error("browser is closed"));
    if (!launching) {
      const attempt = chromium
        .launch({ executablePath: options.executablePath, headless: true, args: CHROMIUM_ARGS })
        .then((launched) => {
          launched.on("disconnected", () => {
            if (launching === attempt) {
              launching = null;
              forget();
            }
          });
          return launched;
        });
      attempt.catch(() => {
        if (launching === attempt) launching = null;
      });
      launching = attempt;
    }
    return launching;
  };

  const contextFor = (site: SiteUrls): Promise<BrowserContext> => {
    let context = contexts.get(site.site);
    if (!context) {
      context = browser().then((launched) =>
        launched.newContext({
          userAgent: options.userAgent,
          locale: "en-US",
          serviceWorkers: "block",
          acceptDownloads: false,
        }),
      );
      context.catch(() => contexts.delete(site.site));
      contexts.set(site.site, context);
    }
    return context;
  };

  const takePage = async (site: SiteUrls, context: BrowserContext): Promise<PooledPage> => {
    const pool = idle.get(site.site) ?? [];
    idle.set(site.site, pool);
    for (let reused = pool.pop(); reused; reused = pool.pop()) if (!reused.page.isClosed()) return reused;
    const pooled: PooledPage = { page: await context.newPage(), current: null };
    await pooled.page.route("**/*", (route) => handleRoute(pooled, route, options));
    return pooled;
  };

  const slots = createSemaphore(options.maxPages);
  return {
    async fetch(site, url, cookies) {
      const release = await slots.acquire();
      let pooled: PooledPage | null = null;
      let reusable = false;
      try {
        const context = await contextFor(site);
        if (cookies?.length) await context.addCookies(cookies);
        pooled = await takePage(site, context);
        const result = await loadPage(pooled, context, site, url, options);
        reusable = true;
        return result;
      } finally {
        if (pooled) {
          pooled.current = null;
          if (reusable && !closed) idle.get(site.site)?.push(pooled);
          else await pooled.page.close().catch(() => undefined);
        }
        release();
      }
    },
    async launch(sites) {
      await Promise.all(
        sites.map(async (site) => {
          const pooled = await takePage(site, await contextFor(site));
          idle.get(site.site)?.push(pooled);
        }),
      );
    },
    async close() {
      closed = true;
      const current = launching;
      launching = null;
      forget();
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}

async function handleRoute(pooled: PooledPage, route: Route, options: BrowserFetcherOptions): Promise<void> {
  const state = pooled.current;
  const request = route.request();
  if (!state) return route.abort("blockedbyclient").catch(() => undefined);
  const site = state.site;
  if (!site.allows(request.url())) {
    options.onAborted?.(site.site, "other_host");
    return route.abort("blockedbyclient").catch(() => undefined);
  }
  if (state.requested) {
    // One site request per step: a reload (challenge) or any further fetch is refused.
    if (request.isNavigationRequest() && request.frame() === pooled.page.mainFrame()) state.challenged = true;
    options.onAborted?.(site.site, "extra_request");
    return route.abort("blockedbyclient").catch(() => undefined);
  }
  state.requested = true;
  try {
    await sendDocument(route, state, options);
  } catch (error) {
    state.failure ??=
      error instanceof FetchFailure ? error : new FetchFailure("network_error", (error as Error).message);
    // The page may be gone already (the step gave up): nothing left to answer then.
    await route.abort("failed").catch(() => undefined);
  }
}

async function sendDocument(route: Route, state: FetchState, options: BrowserFetcherOptions): Promise<void> {
  const site = state.site.site;
  const slot = await options.pace?.(site);
  const started = performance.now();
  let response: Awaited<ReturnType<Route["fetch"]>>;
  try {
    // Playwright sends it from this process right away; as near to when it leaves as can be seen.
    slot?.sent();
    response = await route.fetch({ maxRedirects: 0, timeout: options.timeoutMs });
  } catch (error) {
    const kind = /timeout/i.test((error as Error).message) ? "timeout" : "network_error";
    options.observe?.(site, kind, (performance.now() - started) / 1000);
    throw new FetchFailure(kind, (error as Error).message);
  }
  const status = response.status();
  options.observe?.(site, String(status), (performance.now() - started) / 1000);
  const headers = response.headers();
  const served = servesPage(status) ? await response.text() : null;
  state.document = {
    status,
    location: headers.location ? resolveUrl(headers.location, state.url) : null,
    retryAfterMs: parseRetryAfter(headers["retry-after"] ?? null),
    incomplete: served !== null && incompletePage(served) !== null ? served : null,
  };
  // A redirect is not followed here: the step decides (same site only), as its own request.
  if (status >= 300 && status < 400) await route.abort("blockedbyclient");
  else await route.fulfill({ response });
}

async function loadPage(
  pooled: PooledPage,
  context: BrowserContext,
  site: SiteUrls,
  url: string,
  options: BrowserFetcherOptions,
): Promise<BrowserPage> {
  const state: FetchState = { site, url, document: null, failure: null, requested: false, challenged: false };
  pooled.current = state;
  const { page } = pooled;
  try {
    // The document request may first wait for its slot (pace), so allow for that too.
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 2 * options.timeoutMs });
  } catch (error) {
    // A challenge that reloads at once, or a refused redirect, interrupts the navigation.
    if (!state.document && !state.failure) throw new FetchFailure("network_error", (error as Error).message);
  }
  if (state.failure) throw state.failure;
  if (!state.document) throw new FetchFailure("network_error", "the browser made no request");
  const { status, location, retryAfterMs, incomplete } = state.document;
  if (incomplete !== null) return { status, html: incomplete, location: null, retryAfterMs, challenge: null };
  if ((status >= 300 && status < 400) || status === 404 || status === 410 || status >= 500) {
    return { status, html: "", location, retryAfterMs, challenge: null };
  }
  if (status === 429 && retryAfterMs !== null)
    return { status, html: "", location, retryAfterMs, challenge: null };
  const html = await settle(page, () => state.challenged, options.waitMs);
  const challenge = state.challenged ? { cookies: (await context.cookies(url)).map(toCookie) } : null;
  return { status, html, location: null, retryAfterMs, challenge };
}

/**
 * Reads the rendered DOM until it holds parseable markup, the page tries to reload, or time is
 * up. Between reads it waits for the DOM to change (at most POLL_MS), so a page that renders
 * its scores by script is read right after it does, and a page that doesn't change isn't read
 * over and over.
 */
async function settle(page: Page, challenged: () => boolean, waitMs: number): Promise<string> {
  const deadline = Date.now() + waitMs;
  let html = "";
  for (;;) {
    if (challenged()) return html;
    try {
      html = await page.content();
    } catch {
      // navigating (a reload being refused); look again
    }
    if (html && detectBlock(html, 200) === null) return html;
    const left = deadline - Date.now();
    if (left <= 0) return html;
    await domChange(page, Math.min(left, POLL_MS));
  }
}

/** In the page (as source: this package has no DOM types): resolves on a DOM change or after ms. */
const DOM_CHANGE_OR_TIMEOUT = (ms: number) => `new Promise((resolve) => {
  const done = () => { observer.disconnect(); clearTimeout(timer); resolve(); };
  const observer = new MutationObserver(done);
  const timer = setTimeout(done, ${Math.max(0, Math.round(ms))});
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})`;

/** Resolves when the page's DOM changes or after `ms`, whichever comes first. */
async function domChange(page: Page, ms: number): Promise<void> {
  const waited = page.evaluate(DOM_CHANGE_OR_TIMEOUT(ms)).catch(() => undefined);
  // The evaluation ends with the document if the page navigates; the timer bounds it either way.
  await Promise.race([waited, sleep(ms + 20)]);
}

function createSemaphore(size: number) {
  let free = Math.max(1, size);
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    async acquire(): Promise<() => void> {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      return release;
    },
  };
}

function resolveUrl(location: string, base: string): string | null {
  try {
    return new URL(location, base).toString();
  } catch {
    return null;
  }
}

function toCookie(cookie: Awaited<ReturnType<BrowserContext["cookies"]>>[number]): BrowserCookie {
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    path: cookie.path,
    expires: cookie.expires,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
  };
}
