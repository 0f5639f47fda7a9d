import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
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

/** One row per pipeline run; ratings snapshots and failures point here. */
export const pipelineRuns = pgTable(
  "pipeline_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mode: text("mode", { enum: ["sandbox", "live"] }).notNull(),
    status: text("status", {
      enum: ["running", "succeeded", "partial", "failed", "cancelled"],
    })
      .notNull()
      .default("running"),
    idempotencyKey: text("idempotency_key").unique(),
    maxPages: integer("max_pages"),
    totalPages: integer("total_pages"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    discoveredAt: timestamp("discovered_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [
    index("pipeline_runs_started_at_idx").on(t.startedAt),
    check("pipeline_runs_mode_valid", sql`${t.mode} in ('sandbox', 'live')`),
    check(
      "pipeline_runs_status_valid",
      sql`${t.status} in ('running', 'succeeded', 'partial', 'failed', 'cancelled')`,
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
    collectedAt: timestamp("collected_at", { withTimezone: true }).notNull().defaultNow(),
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
    /** When the OMDb answer in this snapshot was fetched; older than collected_at when it came from the enricher's cache. */
    omdbFetchedAt: timestamp("omdb_fetched_at", { withTimezone: true }),
  },
  (t) => [
    index("ratings_series_idx").on(t.seriesId, t.collectedAt),
    uniqueIndex("ratings_run_series_uq").on(t.runId, t.seriesId),
    // Scores are stored as the upstream served them, even outside their scale: the
    // validation suites flag those. Only what no source can mean is refused.
    check(
      "ratings_scores_not_negative",
      sql`least(${t.imdbRating}, ${t.tomatoesCritic}, ${t.tomatoesAudience}, ${t.metacritic}, ${t.metauser}) >= 0`,
    ),
  ],
);
