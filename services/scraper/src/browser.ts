import { detectBlock } from "@tvr/page-parsers";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { FetchFailure, type PageResponse } from "./http.ts";
import type { BrowserCookie } from "./plan.ts";
import type { SiteUrls } from "./site.ts";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
];

export interface BrowserPage extends PageResponse {
  /**
   * The page tried to load again after it was served (a bot challenge's `location.reload()`):
   * the cookies it had set by then. The reload itself is not let through.
   */
  challenge: { cookies: BrowserCookie[] } | null;
}

export interface BrowserFetcher {
  /**
   * Loads one URL in a fresh context (with `cookies`, if any) and lets it run until the page
   * shows parseable content, tries to navigate again, or `waitMs` passes. Exactly one request
   * reaches the site: the document. Requests to other hosts, a second request to the site
   * and redirects are refused (a redirect comes back as a 3xx with its `location`).
   */
  fetch(site: SiteUrls, url: string, cookies: BrowserCookie[] | null): Promise<BrowserPage>;
  close(): Promise<void>;
}

export interface BrowserFetcherOptions {
  executablePath: string;
  userAgent: string;
  timeoutMs: number;
  waitMs: number;
  observe?: (site: string, status: string, seconds: number) => void;
  onAborted?: (site: string, reason: "other_host" | "extra_request") => void;
}

const POLL_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Chromium through Playwright: launched on first use, once per process, and reused. */
export function createBrowserFetcher(options: BrowserFetcherOptions): BrowserFetcher {
  let launching: Promise<Browser> | null = null;
  let closed = false;

  const browser = (): Promise<Browser> => {
    if (closed) return Promise.reject(new Error("browser is closed"));
    if (!launching) {
      const attempt = chromium
        .launch({ executablePath: options.executablePath, headless: true, args: CHROMIUM_ARGS })
        .then((launched) => {
          launched.on("disconnected", () => {
            if (launching === attempt) launching = null;
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

  return {
    async fetch(site, url, cookies) {
      const context = await (await browser()).newContext({
        userAgent: options.userAgent,
        locale: "en-US",
        serviceWorkers: "block",
        acceptDownloads: false,
      });
      try {
        if (cookies?.length) await context.addCookies(cookies);
        return await loadPage(context, site, url, options);
      } finally {
        await context.close().catch(() => undefined);
      }
    },
    async close() {
      closed = true;
      const current = launching;
      launching = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}

async function loadPage(
  context: BrowserContext,
  site: SiteUrls,
  url: string,
  options: BrowserFetcherOptions,
): Promise<BrowserPage> {
  const page = await context.newPage();
  // Written by the route handler while the page loads.
  const state: {
    document: { status: number; location: string | null } | null;
    failure: FetchFailure | null;
    requested: boolean;
    challenged: boolean;
  } = { document: null, failure: null, requested: false, challenged: false };

  await context.route("**/*", async (route) => {
    const request = route.request();
    if (!site.allows(request.url())) {
      options.onAborted?.(site.site, "other_host");
      return route.abort("blockedbyclient");
    }
    if (state.requested) {
      // One site request per step: a reload (challenge) or any further fetch is refused.
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) state.challenged = true;
      options.onAborted?.(site.site, "extra_request");
      return route.abort("blockedbyclient");
    }
    state.requested = true;
    const started = performance.now();
    try {
      const response = await route.fetch({ maxRedirects: 0, timeout: options.timeoutMs });
      const status = response.status();
      options.observe?.(site.site, String(status), (performance.now() - started) / 1000);
      const location = response.headers().location;
      state.document = { status, location: location ? new URL(location, url).toString() : null };
      if (status >= 300 && status < 400) return route.abort("blockedbyclient");
      return route.fulfill({ response });
    } catch (error) {
      const timedOut = /timeout/i.test((error as Error).message);
      options.observe?.(
        site.site,
        timedOut ? "timeout" : "network_error",
        (performance.now() - started) / 1000,
      );
      state.failure = new FetchFailure(timedOut ? "timeout" : "network_error", (error as Error).message);
      return route.abort("failed");
    }
  });

  try {
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: options.timeoutMs });
  } catch (error) {
    // A challenge that reloads at once, or a refused redirect, interrupts the navigation.
    if (!state.document && !state.failure) throw new FetchFailure("network_error", (error as Error).message);
  }
  if (state.failure) throw state.failure;
  if (!state.document) throw new FetchFailure("network_error", "the browser made no request");
  const { status, location } = state.document;
  if ((status >= 300 && status < 400) || status === 404 || status === 410 || status >= 500) {
    return { status, html: "", location, retryAfterMs: null, challenge: null };
  }
  const html = await settle(page, () => state.challenged, options.waitMs);
  const challenge = state.challenged ? { cookies: (await context.cookies(url)).map(toCookie) } : null;
  return { status, html, location: null, retryAfterMs: null, challenge };
}

/** Polls the rendered DOM until it holds parseable markup, the page tries to reload, or time is up. */
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
    if (Date.now() >= deadline) return html;
    await sleep(POLL_MS);
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
