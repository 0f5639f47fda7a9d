import { RUN_STATUSES } from "@tvr/db";
import { Period } from "@tvr/queues";
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
export const RunStatus = z.enum(RUN_STATUSES);
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
    period: Period.optional().describe(
      "the ISO week the run collects, e.g. 2026-W49; defaults to the current UTC week",
    ),
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
    period: Period,
    holdsPeriod: z
      .boolean()
      .describe("whether this run holds its week (the last run of the week to finish loading)"),
    supersedesRunId: z.uuid().nullable().describe("the run that held the week before this one took it over"),
    idempotencyKey: z.string().nullable(),
    maxPages: z.number().int().nullable(),
    totalPages: z.number().int().nullable(),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: "RunItem" });
export type RunItem = z.infer<typeof RunItem>;

const periodHolderRunId = z
  .uuid()
  .nullable()
  .describe("the run that holds this run's week now (null until a run of the week has finished loading)");

export const StartedRun = RunItem.extend({ periodHolderRunId }).meta({ id: "StartedRun" });

export const RunList = z.object({
  items: z.array(RunItem),
  limit: z.number().int(),
  offset: z.number().int(),
  nextOffset: z.number().int().nullable().describe("offset of the next page, null on the last"),
});

const count = z.number().int().min(0);

const expectationOutcome = z.object({
  suite: z.string(),
  expectation: z.string(),
  column: z.string().nullable(),
  observed: z.unknown(),
});
const stageOutcome = z.enum(["passed", "failed", "error", "timed_out", "skipped", "running"]);

export const RunDetail = RunItem.extend({
  periodHolderRunId,
  loadedAt: timestamp.nullable(),
  durationSeconds: z.number(),
  pages: z.object({ total: count.nullable(), done: count, failed: count }),
  series: z.object({ discovered: count, loaded: count, failed: count, pending: z.number().int() }),
  stages: z.record(z.string(), count).describe("jobs completed per stage, e.g. tmdb:details, omdb:lookup"),
  sources: z
    .object({ tmdb: count, imdb: count, rottenTomatoes: count, metacritic: count, metacriticUser: count })
    .describe("loaded series with a rating from each source"),
  waiting: z
    .discriminatedUnion("reason", [
      z.object({ reason: z.literal("omdb_daily_quota"), until: timestamp, used: count, limit: count }),
      z.object({
        reason: z.literal("quality_worker"),
        stage: z.enum(["validate", "transform"]),
        jobId: z.string(),
        jobState: z.string(),
        workers: count.describe("quality workers connected to the queue"),
        message: z.string(),
      }),
    ])
    .nullable()
    .describe(
      "what the run is waiting for: the OMDb daily quota (spent until `until`), or the quality worker to take its validate/transform job",
    ),
  failures: z.array(
    z.object({ stage: z.string(), kind: z.enum(["absent", "failed"]), reason: z.string(), count }),
  ),
  quality: z
    .object({
      validation: z
        .object({
          outcome: stageOutcome,
          error: z.string().nullable(),
          suites: z.array(
            z.object({ suite: z.string(), success: z.boolean(), evaluated: count, failed: count }),
          ),
          expectations: z.object({ evaluated: count, failed: count }),
          criticalFailures: z.array(expectationOutcome),
          warnings: z.array(expectationOutcome),
        })
        .nullable(),
      transform: z
        .object({
          outcome: stageOutcome,
          error: z.string().nullable(),
          models: z.record(z.string(), count).describe("rows per dbt model built (the marts' row counts)"),
          failures: z.array(z.object({ node: z.string(), reason: z.string() })),
        })
        .nullable(),
    })
    .describe("data quality: Great Expectations suites and failed expectations, then dbt's models"),
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
