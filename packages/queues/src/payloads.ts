import { z } from "zod";
import { Period } from "./period.ts";

export const RunId = z.uuid();

export const TmdbPagePayload = z.object({
  runId: RunId,
  page: z.number().int().min(1).max(500),
});

export const TmdbDetailsPayload = z.object({
  runId: RunId,
  seriesId: z.number().int().positive(),
});

const NamedRef = z.object({ id: z.number().int(), name: z.string() });

/** What the loader needs of a series, taken from TMDB details (+ external_ids). */
export const SeriesRecord = z.object({
  seriesId: z.number().int().positive(),
  title: z.string(),
  originalTitle: z.string().nullable(),
  firstAirDate: z.iso.date().nullable(),
  originalLanguage: z.string().nullable(),
  originCountry: z.array(z.string()),
  plot: z.string().nullable(),
  status: z.string().nullable(),
  seriesType: z.string().nullable(),
  numberOfSeasons: z.number().int().nullable(),
  numberOfEpisodes: z.number().int().nullable(),
  imdbId: z
    .string()
    .regex(/^tt\d+$/)
    .nullable(),
  genres: z.array(NamedRef),
  networks: z.array(NamedRef.extend({ originCountry: z.string().nullable() })),
  voteAverage: z.number().nullable(),
  voteCount: z.number().int().nullable(),
  popularity: z.number().nullable(),
});
export type SeriesRecord = z.infer<typeof SeriesRecord>;

export const OmdbPayload = z.object({
  runId: RunId,
  seriesId: z.number().int().positive(),
  imdbId: z.string().regex(/^tt\d+$/),
});

export const OmdbResult = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("found"),
    imdbRating: z.number().min(0).max(10).nullable(),
    imdbCount: z.number().int().nullable(),
  }),
  z.object({ status: z.literal("absent"), reason: z.string() }),
]);
export type OmdbResult = z.infer<typeof OmdbResult>;

export const LoadPayload = z.object({
  runId: RunId,
  series: SeriesRecord,
});

/** A run started by the API's built-in weekly schedule (control queue). */
export const ScheduledRunPayload = z.object({
  mode: z.enum(["sandbox", "live"]),
});
export type ScheduledRunPayload = z.infer<typeof ScheduledRunPayload>;

export const ScrapeSite = z.enum(["rt", "mc"]);
export type ScrapeSite = z.infer<typeof ScrapeSite>;

/** What a scraper needs to find and confirm a series' page on one site. */
export const ScrapePayload = z.object({
  runId: RunId,
  seriesId: z.number().int().positive(),
  title: z.string(),
  originalTitle: z.string().nullable(),
  firstAirYear: z.number().int().nullable(),
  /** Site-relative path confirmed by an earlier run ("/tv/the_office"); tried first. */
  knownPath: z.string().startsWith("/").nullable(),
});
export type ScrapePayload = z.infer<typeof ScrapePayload>;

const score100 = z.number().int().min(0).max(100).nullable();
const count = z.number().int().min(0).nullable();

/** Scores named like the `ratings` columns; null where the page shows no value. */
export const ScrapedScores = z.object({
  tomatoes_critic: score100,
  tomatoes_critic_count: count,
  tomatoes_audience: score100,
  tomatoes_audience_count: count,
  tomatoes_audience_count_is_lower_bound: z.boolean(),
  metacritic: score100,
  metacritic_count: count,
  metauser: z.number().min(0).max(10).nullable(),
  metauser_count: count,
});
export type ScrapedScores = z.infer<typeof ScrapedScores>;

export const ScrapeResult = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("found"),
    /** Confirmed site-relative path, stored on the series for later runs. */
    path: z.string().startsWith("/"),
    layout: z.string(),
    fetchedWith: z.enum(["http", "browser"]),
    scores: ScrapedScores,
  }),
  z.object({
    status: z.literal("absent"),
    reason: z.literal("not_found"),
    /** Every path tried, and why each was rejected, for the failure record. */
    tried: z.array(z.object({ path: z.string(), outcome: z.string() })),
  }),
]);
export type ScrapeResult = z.infer<typeof ScrapeResult>;

/** A quality job (`validate`: Great Expectations checkpoint, `transform`: dbt build) for one run. */
export const QualityPayload = z
  .strictObject({
    runId: RunId,
    period: Period,
  })
  .meta({
    title: "QualityJobPayload",
    description: "Payload of the `validate` and `transform` jobs on the `quality` queue",
  });
export type QualityPayload = z.infer<typeof QualityPayload>;

const ExpectationOutcome = z.object({
  suite: z.string(),
  expectation: z.string(),
  column: z.string().nullable(),
  observed: z.unknown(),
});

/** What a `validate` job returns. */
export const ValidateResult = z
  .object({
    success: z.boolean(),
    suites: z.array(
      z.object({
        suite: z.string(),
        success: z.boolean(),
        evaluated: z.number().int().min(0),
        failed: z.number().int().min(0),
      }),
    ),
    criticalFailures: z.array(ExpectationOutcome),
    warnings: z.array(ExpectationOutcome),
  })
  .meta({ title: "ValidateResult", description: "Return value of a `validate` job" });
export type ValidateResult = z.infer<typeof ValidateResult>;

/** What a `transform` job returns: rows per model built, and the nodes that failed. */
export const TransformResult = z
  .object({
    success: z.boolean(),
    models: z.record(z.string(), z.number().int().min(0)),
    failures: z.array(z.object({ node: z.string(), reason: z.string() })),
  })
  .meta({ title: "TransformResult", description: "Return value of a `transform` job" });
export type TransformResult = z.infer<typeof TransformResult>;

/** The quality stages of one run, driven by a step job on the `runs` queue. */
export const RunStagesPayload = z.object({
  runId: RunId,
  period: Period,
  /** The step the job resumes at; the job updates it as it moves on. */
  step: z.enum(["validate", "validated", "transformed"]).default("validate"),
});
export type RunStagesPayload = z.infer<typeof RunStagesPayload>;

/** Fires once a quality stage has waited its whole timeout; harmless when the stage has ended. */
export const StageTimeoutPayload = z.object({
  runId: RunId,
  stage: z.enum(["validate", "transform"]),
});
export type StageTimeoutPayload = z.infer<typeof StageTimeoutPayload>;
