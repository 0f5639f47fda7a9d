import type { JobsOptions } from "bullmq";
import type { z } from "zod";
import {
  LoadPayload,
  OmdbPayload,
  OmdbResult,
  QualityPayload,
  RunStagesPayload,
  ScheduledRunPayload,
  ScrapePayload,
  ScrapeResult,
  StageTimeoutPayload,
  TmdbDetailsPayload,
  TmdbPagePayload,
  TransformResult,
  ValidateResult,
} from "./payloads.ts";

const DAY_SECONDS = 24 * 3600;

/**
 * Completed jobs are kept long enough that a re-added job id within the same
 * week is recognised as done (BullMQ ignores an add whose id still exists).
 */
const retained: Pick<JobsOptions, "removeOnComplete" | "removeOnFail"> = {
  removeOnComplete: { age: 8 * DAY_SECONDS, count: 200_000 },
  removeOnFail: { age: 14 * DAY_SECONDS, count: 50_000 },
};

const retrying = (attempts: number, delayMs: number): JobsOptions => ({
  attempts,
  backoff: { type: "exponential", delay: delayMs },
  ...retained,
});

/**
 * A scrape job needs one to a few site requests (one per processing). A series' next request
 * goes ahead of series not started yet, so what a series started (a browser step above all)
 * finishes while new series are still coming, instead of queueing behind all of them. BullMQ
 * takes jobs without a priority before any prioritized job, so new series carry one too.
 */
export const SCRAPE_PRIORITY = { newSeries: 10, nextStep: 1 } as const;

export const queues = {
  tmdb: {
    name: "tmdb",
    jobs: { page: TmdbPagePayload, details: TmdbDetailsPayload },
    options: retrying(6, 1_000),
  },
  omdb: {
    name: "omdb",
    jobs: { lookup: OmdbPayload },
    result: OmdbResult,
    options: { ...retrying(6, 1_000), ignoreDependencyOnFailure: true },
  },
  scrapeRt: {
    name: "scrape-rt",
    jobs: { scrape: ScrapePayload },
    result: ScrapeResult,
    options: { ...retrying(5, 2_000), ignoreDependencyOnFailure: true, priority: SCRAPE_PRIORITY.newSeries },
  },
  scrapeMc: {
    name: "scrape-mc",
    jobs: { scrape: ScrapePayload },
    result: ScrapeResult,
    options: { ...retrying(5, 2_000), ignoreDependencyOnFailure: true, priority: SCRAPE_PRIORITY.newSeries },
  },
  load: {
    name: "load",
    jobs: { series: LoadPayload },
    options: retrying(8, 500),
  },
  /**
   * The run lifecycle's step job per run (`<runId>-stages`): once loading is
   * complete it adds the quality children one at a time, waits for each, and ends the run.
   */
  runs: {
    name: "runs",
    jobs: { stages: RunStagesPayload, "stage-timeout": StageTimeoutPayload },
    options: retrying(8, 2_000),
  },
  /**
   * Consumed by the Python quality worker (services/quality), which validates
   * payloads against schemas/quality.schema.json, generated from `QualityPayload`.
   * Job ids are `<runId>-validate` / `<runId>-transform`, chosen here.
   */
  quality: {
    name: "quality",
    jobs: { validate: QualityPayload, transform: QualityPayload },
    results: { validate: ValidateResult, transform: TransformResult },
    options: { ...retrying(3, 30_000), ignoreDependencyOnFailure: true },
  },
} as const;

export type QueueKey = keyof typeof queues;
export type JobName<Q extends QueueKey> = keyof (typeof queues)[Q]["jobs"] & string;
export type Payload<Q extends QueueKey, N extends JobName<Q>> = z.infer<
  (typeof queues)[Q]["jobs"][N] extends z.ZodType ? (typeof queues)[Q]["jobs"][N] : never
>;

/**
 * Not a pipeline stage: the API's scheduler adds one job per cron firing and
 * starts the week's run from it. Kept out of `queues` so pipeline producers
 * and workers stay exactly the series stages.
 */
export const controlQueue = {
  name: "control",
  jobs: { "scheduled-run": ScheduledRunPayload },
  options: {
    attempts: 5,
    backoff: { type: "exponential", delay: 5_000 },
    removeOnComplete: { count: 500 },
    removeOnFail: { count: 500 },
  } satisfies JobsOptions,
} as const;

/** Job ids are deterministic per run, stage and subject; BullMQ forbids ':' in them. */
export const jobId = (runId: string, stage: string, subject: string | number) =>
  `${runId}-${stage}-${subject}`;

export function parsePayload<Q extends QueueKey, N extends JobName<Q>>(
  queue: Q,
  name: N,
  data: unknown,
): Payload<Q, N> {
  const schema = (queues[queue].jobs as Record<string, z.ZodType>)[name];
  if (!schema) throw new Error(`unknown job ${name} on queue ${queue}`);
  return schema.parse(data) as Payload<Q, N>;
}
