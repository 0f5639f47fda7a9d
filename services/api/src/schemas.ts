import { z } from "zod";

export const ErrorBody = z
  .object({
    error: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Error" });

/** Every route can answer these; declared once so each route stays short. */
export const errorResponses = { "4xx": ErrorBody, "5xx": ErrorBody } as const;

export const RunMode = z.enum(["sandbox", "live"]);
export const RunStatus = z.enum(["running", "succeeded", "partial", "failed", "cancelled"]);
const timestamp = z.iso.datetime({ offset: true });

export const StartRunBody = z
  .strictObject({
    idempotencyKey: z
      .string()
      .regex(/^[\x21-\x7e]{1,200}$/, "1-200 printable ASCII characters, no spaces")
      .optional()
      .describe("the same key returns the existing run instead of starting another"),
    maxPages: z.number().int().min(1).max(500).optional().describe("read at most this many top-rated pages"),
    mode: RunMode.optional().describe("defaults to the server's PIPELINE_MODE"),
  })
  .default({});

export const RunIdParams = z.object({
  id: z.union([z.uuid(), z.literal("latest")]).describe("a run id, or 'latest'"),
});

export const ListRunsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const RunItem = z
  .object({
    id: z.uuid(),
    mode: RunMode,
    status: RunStatus,
    idempotencyKey: z.string().nullable(),
    maxPages: z.number().int().nullable(),
    totalPages: z.number().int().nullable(),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: "RunItem" });
export type RunItem = z.infer<typeof RunItem>;

export const RunList = z.object({
  items: z.array(RunItem),
  limit: z.number().int(),
  offset: z.number().int(),
  nextOffset: z.number().int().nullable().describe("offset of the next page, null on the last"),
});

const count = z.number().int().min(0);

export const RunDetail = RunItem.extend({
  durationSeconds: z.number(),
  pages: z.object({ total: count.nullable(), done: count, failed: count }),
  series: z.object({ discovered: count, loaded: count, failed: count, pending: z.number().int() }),
  stages: z.record(z.string(), count).describe("jobs completed per stage, e.g. tmdb:details, omdb:lookup"),
  sources: z
    .object({ tmdb: count, imdb: count, rottenTomatoes: count, metacritic: count, metacriticUser: count })
    .describe("loaded series with a rating from each source"),
  omdbCache: z
    .object({ answers: count, fromCache: count, oldestCachedAgeSeconds: count.nullable() })
    .describe(
      "OMDb answers loaded, how many the enricher served from its cache (fetched before the run, so possibly older than OMDb today), and the oldest one's age when loaded",
    ),
  waiting: z
    .object({ reason: z.literal("omdb_daily_quota"), until: timestamp, used: count, limit: count })
    .nullable()
    .describe("while running: what the run is waiting for (the OMDb daily quota is spent until `until`)"),
  failures: z.array(
    z.object({ stage: z.string(), kind: z.enum(["absent", "failed"]), reason: z.string(), count }),
  ),
  eta: z
    .object({
      expectedSeries: count.nullable(),
      seriesPerSecond: z.number(),
      remainingSeconds: z.number().nullable(),
      estimatedFinishAt: timestamp.nullable(),
    })
    .nullable()
    .describe("while running: an estimate from the throughput so far"),
}).meta({ id: "RunDetail" });
export type RunDetail = z.infer<typeof RunDetail>;
