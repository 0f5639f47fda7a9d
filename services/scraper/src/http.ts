import { AsyncLocalStorage } from "node:async_hooks";
import diagnosticsChannel from "node:diagnostics_channel";
import type { UpstreamObserver } from "@tvr/metrics";
import type { ScrapeSite } from "@tvr/queues";
import { parseRetryAfter as parseUpstreamRetryAfter } from "@tvr/upstream";
import { cookieHeader } from "./clearance.ts";
import type { Pacer, PaceSlot } from "./pacer.ts";
import type { BrowserCookie } from "./plan.ts";

export interface PageResponse {
  status: number;
  html: string;
  /** Location header of a 3xx, resolved against the request URL. */
  location: string | null;
  /** Retry-After of a 429/503 in milliseconds, when the header was there and readable. */
  retryAfterMs: number | null;
}

/** No response at all: the request timed out or the connection failed. Always transient. */
export class FetchFailure extends Error {
  override readonly name = "FetchFailure";
  constructor(
    readonly kind: "timeout" | "network_error",
    message: string,
  ) {
    super(message);
  }
}

export interface HttpFetcherOptions {
  userAgent: string;
  timeoutMs: number;
  observe?: UpstreamObserver;
  /** Waits for the site's next request slot; called right before the request goes out. */
  pace?: Pacer;
}

/** `cookies`: the site's clearance, sent when they apply to the URL. */
export type HttpFetcher = (
  site: ScrapeSite,
  url: string,
  cookies?: readonly BrowserCookie[],
) => Promise<PageResponse>;

export const browserLikeHeaders = (userAgent: string): Record<string, string> => ({
  "user-agent": userAgent,
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8",
  "accept-language": "en-US,en;q=0.9",
  "upgrade-insecure-requests": "1",
});

function resolveLocation(location: string, base: string): string | null {
  try {
    return new URL(location, base).toString();
  } catch {
    return null;
  }
}

/** Retry-After in ms (seconds or an HTTP date), null when absent or unreadable. */
export const parseRetryAfter = (value: string | null): number | null =>
  parseUpstreamRetryAfter(value) ?? null;

/**
 * Tells a fetch's pace slot when its request has really left: on its own connection's socket,
 * once connected (a new connection takes a while), and once this process got to it. Node's fetch
 * is undici, which reports each request's creation (inside the fetch call, so it sees the slot
 * the call runs with) and the moment its headers are written.
 */
const slotOfFetch = new AsyncLocalStorage<PaceSlot>();
const slotOfRequest = new WeakMap<object, PaceSlot>();
diagnosticsChannel.subscribe("undici:request:create", (message) => {
  const slot = slotOfFetch.getStore();
  if (slot) slotOfRequest.set((message as { request: object }).request, slot);
});
diagnosticsChannel.subscribe("undici:client:sendHeaders", (message) => {
  const { request } = message as { request: object };
  slotOfRequest.get(request)?.sent();
  slotOfRequest.delete(request);
});

/**
 * One GET per call, never following redirects (the caller decides, one step each).
 * Node's fetch keeps connections alive through its global undici agent.
 */
export function createHttpFetcher(options: HttpFetcherOptions): HttpFetcher {
  const headers = browserLikeHeaders(options.userAgent);
  return async (site, url, cookies = []) => {
    const cookie = cookieHeader(cookies, url);
    const slot = await options.pace?.(site);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const send = () =>
      fetch(url, {
        headers: cookie === null ? headers : { ...headers, cookie },
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    try {
      const response = await (slot ? slotOfFetch.run(slot, send) : send());
      const html = await response.text();
      options.observe?.(site, String(response.status), seconds());
      const location = response.headers.get("location");
      return {
        status: response.status,
        html,
        location: location ? resolveLocation(location, url) : null,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      };
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      const kind = timedOut ? "timeout" : "network_error";
      options.observe?.(site, kind, seconds());
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      throw new FetchFailure(
        kind,
        timedOut ? `no answer within ${options.timeoutMs} ms` : `${(error as Error).message}${cause}`,
      );
    }
  };
}
