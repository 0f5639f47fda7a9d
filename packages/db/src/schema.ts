import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** Statuses of a run; the last four are terminal. */
export const RUN_STATUSES = [
  "running",
  "validating",
  "transforming",
  "succeeded",
  "partial",
  "failed",
  "cancelled",
] as const;
const quoted = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/** An ISO week, `YYYY-Www` (weeks 01–53). */
export const ISO_WEEK_PATTERN = "^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$";

/**
 * One row per pipeline run; ratings snapshots and failures point here. A run
 * stands for a period (the ISO week it collects). Several runs may collect the
 * same week; the one that last finished loading holds it (`holds_period`, one per
 * week) and names the run it superseded.
 */
export const pipelineRuns = pgTable(
  "pipeline_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mode: text("mode", { enum: ["sandbox", "live"] }).notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull().default("running"),
    period: text("period").notNull().default(sql`to_char(now() at time zone 'UTC', 'IYYY-"W"IW')`),
    holdsPeriod: boolean("holds_period").notNull().default(false),
    supersedesRunId: uuid("supersedes_run_id").references((): AnyPgColumn => pipelineRuns.id, {
      onDelete: "set null",
    }),
    idempotencyKey: text("idempotency_key").unique(),
    maxPages: integer("max_pages"),
    totalPages: integer("total_pages"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    discoveredAt: timestamp("discovered_at", { withTimezone: true }),
    loadedAt: timestamp("loaded_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [
    index("pipeline_runs_started_at_idx").on(t.startedAt),
    index("pipeline_runs_period_idx").on(t.period, t.startedAt),
    uniqueIndex("pipeline_runs_period_holder_uq").on(t.period).where(sql`${t.holdsPeriod}`),
    check("pipeline_runs_mode_valid", sql`${t.mode} in ('sandbox', 'live')`),
    check("pipeline_runs_status_valid", sql`${t.status} in (${quoted(RUN_STATUSES)})`),
    check("pipeline_runs_period_valid", sql`${t.period} ~ ${sql.raw(`'${ISO_WEEK_PATTERN}'`)}`),
  ],
);

/**
 * The quality stages of a run (`validate`: Great Expectations, `transform`: dbt
 * build) as the run lifecycle saw them: when each started and ended, and the
 * value the quality worker returned (or why there is none).
 */
export const runStages = pgTable(
  "run_stages",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: "cascade" }),
    stage: text("stage", { enum: ["validate", "transform"] }).notNull(),
    outcome: text("outcome", { enum: ["passed", "failed", "error", "timed_out", "skipped"] }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    result: jsonb("result"),
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.stage] }),
    check("run_stages_stage_valid", sql`${t.stage} in ('validate', 'transform')`),
    check(
      "run_stages_outcome_valid",
      sql`${t.outcome} in ('passed', 'failed', 'error', 'timed_out', 'skipped')`,
    ),
  ],
);

/** Top-rated pages a run has finished reading (or given up on after retries). */
export const runPages = pgTable(
  "run_pages",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: "cascade" }),
    page: integer("page").notNull(),
    status: text("status", { enum: ["done", "failed"] }).notNull(),
    seriesCount: integer("series_count").notNull().default(0),
    reason: text("reason"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.page] })],
);

/** Which series a run discovered, and whether each is finished. */
export const runSeries = pgTable(
  "run_series",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: "cascade" }),
    seriesId: integer("series_id").notNull(),
    page: integer("page").notNull(),
    rank: integer("rank").notNull(),
    outcome: text("outcome", { enum: ["loaded", "failed"] }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.seriesId] }),
    index("run_series_pending_idx").on(t.runId).where(sql`${t.outcome} is null`),
  ],
);

/** Absences (expected gaps) and failures (work that failed after its retries). */
export const runFailures = pgTable(
  "run_failures",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: "cascade" }),
    seriesId: integer("series_id").notNull(),
    stage: text("stage").notNull(),
    kind: text("kind", { enum: ["absent", "failed"] }).notNull(),
    reason: text("reason").notNull(),
    detail: text("detail"),
    attempts: integer("attempts").notNull().default(1),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.seriesId, t.stage] }),
    check("run_failures_kind_valid", sql`${t.kind} in ('absent', 'failed')`),
  ],
);

export const series = pgTable(
  "series",
  {
    seriesId: integer("series_id").primaryKey(),
    title: text("title").notNull(),
    originalTitle: text("original_title"),
    firstAirDate: date("first_air_date"),
    releaseYear: smallint("release_year"),
    originalLanguage: text("original_language"),
    originCountry: text("origin_country").array(),
    plot: text("plot"),
    status: text("status"),
    seriesType: text("series_type"),
    numberOfSeasons: integer("number_of_seasons"),
    numberOfEpisodes: integer("number_of_episodes"),
    imdbId: text("imdb_id"),
    /** Site-relative paths of the confirmed Rotten Tomatoes / Metacritic pages. */
    rtPath: text("rt_path"),
    mcPath: text("mc_path"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("series_imdb_id_idx").on(t.imdbId)],
);

export const genreDim = pgTable("genre_dim", {
  genreId: integer("genre_id").primaryKey(),
  name: text("name").notNull(),
});

export const networkDim = pgTable("network_dim", {
  networkId: integer("network_id").primaryKey(),
  name: text("name").notNull(),
  originCountry: text("origin_country"),
});

export const seriesGenre = pgTable(
  "series_genre",
  {
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.seriesId, { onDelete: "cascade" }),
    genreId: integer("genre_id")
      .notNull()
      .references(() => genreDim.genreId),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.genreId] }), index("series_genre_genre_idx").on(t.genreId)],
);

export const seriesNetwork = pgTable(
  "series_network",
  {
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.seriesId, { onDelete: "cascade" }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networkDim.networkId),
  },
  (t) => [
    primaryKey({ columns: [t.seriesId, t.networkId] }),
    index("series_network_network_idx").on(t.networkId),
  ],
);

/** One snapshot per series per run: the fact table analysts trend over time. */
export const ratings = pgTable(
  "ratings",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid("run_id")
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: "cascade" }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.seriesId, { onDelete: "cascade" }),
    /** The ISO week of the run that took the snapshot (`pipeline_runs.period`). */
    period: text("period").notNull(),
    collectedAt: timestamp("collected_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the OMDb answer was fetched from OMDb (older than collected_at when it came from the cache). */
    omdbFetchedAt: timestamp("omdb_fetched_at", { withTimezone: true }),
    tmdbVoteAverage: numeric("tmdb_vote_average", { precision: 5, scale: 3, mode: "number" }),
    tmdbVoteCount: integer("tmdb_vote_count"),
    tmdbPopularity: numeric("tmdb_popularity", { precision: 12, scale: 3, mode: "number" }),
    imdbRating: numeric("imdb_rating", { precision: 3, scale: 1, mode: "number" }),
    imdbCount: integer("imdb_count"),
    tomatoesCritic: smallint("tomatoes_critic"),
    tomatoesCriticCount: integer("tomatoes_critic_count"),
    tomatoesAudience: smallint("tomatoes_audience"),
    tomatoesAudienceCount: integer("tomatoes_audience_count"),
    /** True when the site showed a banded count ("250,000+"): the count is a lower bound. */
    tomatoesAudienceCountIsLowerBound: boolean("tomatoes_audience_count_is_lower_bound"),
    metacritic: smallint("metacritic"),
    metacriticCount: integer("metacritic_count"),
    metauser: numeric("metauser", { precision: 3, scale: 1, mode: "number" }),
    metauserCount: integer("metauser_count"),
  },
  (t) => [
    index("ratings_series_idx").on(t.seriesId, t.collectedAt),
    index("ratings_period_idx").on(t.period),
    uniqueIndex("ratings_run_series_uq").on(t.runId, t.seriesId),
    check("ratings_imdb_rating_range", sql`${t.imdbRating} between 0 and 10`),
    check("ratings_tomatoes_critic_range", sql`${t.tomatoesCritic} between 0 and 100`),
    check("ratings_tomatoes_audience_range", sql`${t.tomatoesAudience} between 0 and 100`),
    check("ratings_metacritic_range", sql`${t.metacritic} between 0 and 100`),
    check("ratings_metauser_range", sql`${t.metauser} between 0 and 10`),
  ],
);

/** One row per Great Expectations suite validated for a run (written by the quality worker). */
export const qualityValidations = pgTable(
  "quality_validations",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: "cascade" }),
    suite: text("suite").notNull(),
    success: boolean("success").notNull(),
    evaluated: integer("evaluated").notNull(),
    failed: integer("failed").notNull(),
    criticalFailed: integer("critical_failed").notNull(),
    validatedAt: timestamp("validated_at", { withTimezone: true }).notNull().defaultNow(),
    dataDocsPath: text("data_docs_path"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.suite] })],
);

/** One row per expectation evaluated for a run and suite (written by the quality worker). */
export const qualityExpectationResults = pgTable(
  "quality_expectation_results",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: "cascade" }),
    suite: text("suite").notNull(),
    /** Stable name of the expectation within its suite. */
    expectationId: text("expectation_id").notNull(),
    expectationType: text("expectation_type").notNull(),
    columnName: text("column_name"),
    severity: text("severity", { enum: ["critical", "warning"] }).notNull(),
    success: boolean("success").notNull(),
    observedValue: jsonb("observed_value"),
    unexpectedShare: doublePrecision("unexpected_share"),
    details: jsonb("details"),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.suite, t.expectationId] }),
    check("quality_expectation_results_severity_valid", sql`${t.severity} in ('critical', 'warning')`),
  ],
);

/** One row per dbt node built (or not) for a run (written by the quality worker). */
export const transformResults = pgTable(
  "transform_results",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: "cascade" }),
    /** dbt unique_id, e.g. `model.tv_ratings.dim_series`. */
    node: text("node").notNull(),
    resourceType: text("resource_type").notNull(),
    status: text("status").notNull(),
    message: text("message"),
    rowsAffected: bigint("rows_affected", { mode: "number" }),
    executionSeconds: doublePrecision("execution_seconds"),
    finishedAt: timestamp("finished_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.node] })],
);
