import { z } from "zod";

export const FAULT_KINDS = ["http500", "http503", "timeout", "malformed", "empty"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const milliseconds = z.int().min(0).max(600_000);

const latencySchema = z.strictObject({
  /** Added to every upstream response. */
  fixedMs: milliseconds,
  /** Plus a deterministic share of this, per request. */
  jitterMs: milliseconds,
});

const tmdbSchema = z.strictObject({
  /** Requests allowed per sliding 1 s window across TMDB routes; 0 = unlimited. */
  rateLimitPerSecond: z.int().min(0).max(1_000_000),
});

const omdbSchema = z.strictObject({
  /** Requests per API key per UTC day before "Request limit reached!". */
  dailyQuota: z.int().min(0),
});

const faultsSchema = z.strictObject({
  /** Probability that a request is answered with a fault (before the per-request cap). */
  rate: z.number().min(0).max(1),
  kinds: z
    .array(z.enum(FAULT_KINDS))
    .min(1, "at least one fault kind is needed")
    .transform((kinds) => [...new Set(kinds)]),
  /** How long a "timeout" fault holds the response (or until the client gives up). */
  timeoutHoldMs: milliseconds,
  /** At most this many faults for one distinct request, so retries always get through. */
  maxFaultsPerRequest: z.int().min(0).max(1_000),
});

const share = z.number().min(0).max(1);

const sitesFields = {
  /** Share of Rotten Tomatoes / Metacritic pages served in an unknown (redesigned) layout. */
  unparseableShare: share,
  /** Share of pages whose scores only exist after the inline script runs. */
  jsOnlyShare: share,
  /** Share of pages answered with a 403 bot wall unless the request carries the clearance cookie. */
  blockedShare: share,
};

const sitesSchema = z
  .strictObject(sitesFields)
  .refine((sites) => sites.jsOnlyShare + sites.blockedShare <= 1, {
    message: "jsOnlyShare + blockedShare must not exceed 1",
  });

export const knobsSchema = z.strictObject({
  latency: latencySchema,
  tmdb: tmdbSchema,
  omdb: omdbSchema,
  faults: faultsSchema,
  sites: sitesSchema,
});

export type Knobs = z.infer<typeof knobsSchema>;

/** Body of PUT /__sandbox/config: any subset of the knobs; arrays replace, objects merge. */
export const knobsPatchSchema = z.strictObject({
  latency: latencySchema.partial().optional(),
  tmdb: tmdbSchema.partial().optional(),
  omdb: omdbSchema.partial().optional(),
  faults: faultsSchema.partial().optional(),
  sites: z.strictObject(sitesFields).partial().optional(),
});

export type KnobsPatch = z.input<typeof knobsPatchSchema>;

export const DEFAULT_KNOBS: Knobs = {
  latency: { fixedMs: 0, jitterMs: 0 },
  tmdb: { rateLimitPerSecond: 0 },
  omdb: { dailyQuota: 100_000 },
  faults: { rate: 0, kinds: [...FAULT_KINDS], timeoutHoldMs: 15_000, maxFaultsPerRequest: 2 },
  sites: { unparseableShare: 0, jsOnlyShare: 0.08, blockedShare: 0.06 },
};

export type SiteKnobs = Knobs["sites"];

export function mergeKnobs(base: Knobs, patch: z.output<typeof knobsPatchSchema>): Knobs {
  return {
    latency: { ...base.latency, ...patch.latency },
    tmdb: { ...base.tmdb, ...patch.tmdb },
    omdb: { ...base.omdb, ...patch.omdb },
    faults: { ...base.faults, ...patch.faults },
    sites: { ...base.sites, ...patch.sites },
  };
}

/** Validates a patch and applies it; throws a ZodError naming the bad field. */
export function applyKnobsPatch(base: Knobs, patch: unknown): Knobs {
  return knobsSchema.parse(mergeKnobs(base, knobsPatchSchema.parse(patch)));
}
