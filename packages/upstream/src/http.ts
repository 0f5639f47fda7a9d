import { redactSecrets, redactUrl } from "@tvr/config";
import type { UpstreamObserver } from "@tvr/metrics";
import type { z } from "zod";
import { UpstreamError, type UpstreamSource } from "./errors.ts";

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpRequest {
  source: UpstreamSource;
  url: URL;
  headers: Record<string, string>;
  timeoutMs: number;
  observe?: UpstreamObserver | undefined;
  /** Credentials that must never leave this module in any text. */
  secrets: ReadonlyArray<string | undefined>;
}

export interface HttpReply {
  status: number;
  retryAfter: string | null;
  text: string;
}

/** `tmdb GET https://…/tv/1399?api_key=REDACTED`: safe to put in messages and logs. */
export function describeRequest(request: HttpRequest): string {
  return redactSecrets(`${request.source} GET ${redactUrl(request.url)}`, request.secrets);
}

/**
 * One GET, body read in full. The timeout covers the whole exchange, body
 * included. Timeouts and network failures become `transient` errors; any HTTP
 * status is returned for the caller to interpret. `observe` is called exactly
 * once, with the HTTP status, "timeout" or "network_error".
 */
export async function send(request: HttpRequest): Promise<HttpReply> {
  const started = performance.now();
  let outcome = "network_error";
  try {
    const response = await fetch(request.url, {
      headers: request.headers,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    outcome = String(response.status);
    const text = await response.text();
    return { status: response.status, retryAfter: response.headers.get("retry-after"), text };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    outcome = timedOut ? "timeout" : "network_error";
    const detail = timedOut
      ? `no complete response within ${request.timeoutMs} ms`
      : `network error: ${errorChainText(error)}`;
    throw new UpstreamError({
      source: request.source,
      kind: "transient",
      message: redactSecrets(`${describeRequest(request)}: ${detail}`, request.secrets),
      cause: sanitizedCause(error, request.secrets),
    });
  } finally {
    request.observe?.(request.source, outcome, (performance.now() - started) / 1000);
  }
}

export type DecodedBody =
  | { kind: "empty" }
  | { kind: "json"; value: unknown }
  | { kind: "invalid"; snippet: string };

export function decodeJson(text: string): DecodedBody {
  if (text.trim() === "") return { kind: "empty" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "invalid", snippet: text.trim().slice(0, 120).replace(/\s+/g, " ") };
  }
}

/** Compact, value-free summary of zod issues: `results.3.vote_count: Invalid input: expected number…`. */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const lines = error.issues
    .slice(0, limit)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  const more = error.issues.length > limit ? ` (+${error.issues.length - limit} more)` : "";
  return lines.join("; ") + more;
}

/**
 * An error from a pure interpretation step, rebuilt with the request in its
 * message (redacted) and the HTTP status. Anything that is not an
 * UpstreamError is a bug and is returned untouched.
 */
export function withRequestContext(error: unknown, request: HttpRequest, status: number): unknown {
  if (!(error instanceof UpstreamError)) return error;
  const retryAfterMs = error.retryAfterMs;
  return new UpstreamError({
    source: error.source,
    kind: error.kind,
    message: redactSecrets(`${describeRequest(request)}: ${error.message}`, request.secrets),
    status: error.status ?? status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

// fetch() wraps the useful part ("connect ECONNREFUSED …") in `cause`.
function errorChainText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.length ? parts.join(": ") : String(error);
}

// The original error may hold the request (and so the key) in its message or
// properties; keep only redacted text and the error code.
function sanitizedCause(error: unknown, secrets: ReadonlyArray<string | undefined>): Error {
  const cause = new Error(redactSecrets(errorChainText(error), secrets));
  const code = findCode(error);
  return code ? Object.assign(cause, { code }) : cause;
}

function findCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if ("code" in current && typeof current.code === "string") return current.code;
    current = current.cause;
  }
  return undefined;
}
