import { mcCandidates, rtCandidates } from "@tvr/page-parsers";
import type { ScrapePayload, ScrapeSite } from "@tvr/queues";
import { z } from "zod";

/**
 * Paths to try for a series, in order: the path an earlier run confirmed, then the slug
 * candidates. Recomputed from the payload at every step (it is deterministic), so the job
 * only has to remember an index into it.
 */
export function planPaths(site: ScrapeSite, payload: ScrapePayload): string[] {
  const candidates =
    site === "rt"
      ? rtCandidates(payload.title, payload.firstAirYear, payload.originalTitle)
      : mcCandidates(payload.title, payload.firstAirYear, payload.originalTitle);
  return [...new Set([...(payload.knownPath ? [payload.knownPath] : []), ...candidates])];
}

export const BrowserCookie = z.object({
  name: z.string(),
  value: z.string(),
  domain: z.string(),
  path: z.string(),
  expires: z.number(),
  httpOnly: z.boolean(),
  secure: z.boolean(),
  sameSite: z.enum(["Strict", "Lax", "None"]),
});
export type BrowserCookie = z.infer<typeof BrowserCookie>;

export const Tried = z.object({ path: z.string(), outcome: z.string() });
export type Tried = z.infer<typeof Tried>;

/**
 * Where a job is in resolving its series, kept in the job's data between steps. One step
 * is one site request: a plain fetch, or one browser navigation.
 */
export const Cursor = z.object({
  /** Index into planPaths(). */
  index: z.number().int().min(0),
  /** How the next request for this candidate is made. */
  via: z.enum(["http", "browser"]),
  /** A same-site redirect target being followed for the current candidate, else null. */
  target: z.string().startsWith("/").nullable(),
  redirects: z.number().int().min(0),
  /** Clearance cookies a challenge page set in the previous (browser) step. */
  cookies: z.array(BrowserCookie).nullable(),
  tried: z.array(Tried),
  /** Site requests made so far for this job (a guard against loops). */
  steps: z.number().int().min(0),
});
export type Cursor = z.infer<typeof Cursor>;

export const MAX_STEPS = 40;
export const MAX_REDIRECTS = 3;

export const initialCursor = (): Cursor => ({
  index: 0,
  via: "http",
  target: null,
  redirects: 0,
  cookies: null,
  tried: [],
  steps: 0,
});

/** The cursor stored in a job's data, or a fresh one; a malformed cursor starts over. */
export function readCursor(data: unknown): Cursor {
  const parsed = z.object({ cursor: Cursor }).safeParse(data);
  return parsed.success ? parsed.data.cursor : initialCursor();
}

/** The path the current step requests. */
export const currentPath = (plan: readonly string[], cursor: Cursor): string | undefined =>
  cursor.target ?? plan[cursor.index];

/** The current candidate is done with (not found, decoy, ...): record why and move to the next. */
export function rejectCurrent(cursor: Cursor, path: string, outcome: string): Cursor {
  return {
    ...cursor,
    index: cursor.index + 1,
    via: "http",
    target: null,
    redirects: 0,
    cookies: null,
    tried: [...cursor.tried, { path, outcome }],
  };
}

export const withBrowser = (cursor: Cursor, cookies: BrowserCookie[] | null = null): Cursor => ({
  ...cursor,
  via: "browser",
  cookies,
});

export const followRedirect = (cursor: Cursor, target: string): Cursor => ({
  ...cursor,
  via: "http",
  target,
  redirects: cursor.redirects + 1,
  cookies: null,
});

/** Start the current candidate over with a plain fetch (after a failed browser attempt). */
export const restartCandidate = (cursor: Cursor): Cursor => ({
  ...cursor,
  via: "http",
  cookies: null,
});
