export type UpstreamSource = "tmdb" | "omdb";

export type UpstreamErrorKind =
  | "auth"
  | "not_found"
  | "bad_request"
  | "rate_limited"
  | "quota_exhausted"
  | "transient"
  | "malformed";

const PERMANENT_KINDS: ReadonlySet<UpstreamErrorKind> = new Set(["auth", "not_found", "bad_request"]);

export interface UpstreamErrorInit {
  source: UpstreamSource;
  kind: UpstreamErrorKind;
  message: string;
  status?: number;
  retryAfterMs?: number;
  cause?: Error;
}

/**
 * The one error type both clients throw. Callers (BullMQ jobs) decide on
 * retries from `permanent`, `kind` and `retryAfterMs`; the clients never retry.
 * Messages are built from redacted text only, so the error can be logged as is.
 */
export class UpstreamError extends Error {
  override name = "UpstreamError";
  readonly source: UpstreamSource;
  readonly kind: UpstreamErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly permanent: boolean;

  constructor(init: UpstreamErrorInit) {
    super(init.message, init.cause ? { cause: init.cause } : undefined);
    this.source = init.source;
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.permanent = PERMANENT_KINDS.has(init.kind);
  }
}

/** Maps an HTTP error status to a kind when the body says nothing more specific. */
export function kindForHttpStatus(status: number): UpstreamErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status === 408 || status >= 500) return "transient";
  if (status >= 400) return "bad_request";
  // A 1xx/3xx that fetch did not resolve itself is not something we can use.
  return "malformed";
}

/**
 * `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Returns undefined when absent or unreadable, so callers fall back to backoff.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with the day name; Date.parse alone accepts "-5".
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
