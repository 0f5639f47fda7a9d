import { z } from "zod";
import { SOURCE_KEYS, SOURCES } from "./sources.ts";

export const SERIES_SORTS = ["relevance", "composite", ...SOURCE_KEYS, "votes", "year"] as const;
export type SeriesSort = (typeof SERIES_SORTS)[number];

/** Longest search the API accepts; titles are far shorter. */
export const MAX_SEARCH_LENGTH = 200;

const year = z.coerce.number().int().min(1900).max(2100);
/** Ids are Postgres `integer`s: a larger one is a bad request, not a database error. */
const dbId = () => z.coerce.number().int().positive().max(2_147_483_647);
const minScoreParams = Object.fromEntries([
  [
    "minScore[composite]",
    z.coerce.number().min(0).max(100).optional().describe("composite score from the marts, 0-100"),
  ],
  ...SOURCE_KEYS.map((key) => [
    `minScore[${key}]`,
    z.coerce
      .number()
      .min(0)
      .max(SOURCES[key].scale)
      .optional()
      .describe(`${SOURCES[key].label}, 0-${SOURCES[key].scale}`),
  ]),
]) as Record<`minScore[${"composite" | (typeof SOURCE_KEYS)[number]}]`, z.ZodOptional<z.ZodCoercedNumber>>;

export const SeriesListQuery = z
  .strictObject({
    search: z
      .string()
      .trim()
      .min(1)
      .max(MAX_SEARCH_LENGTH)
      .optional()
      .describe("title or original title; accents, case and small typos don't matter"),
    genre: dbId().optional().describe("a genre id (see GET /facets)"),
    network: dbId().optional().describe("a network id (see GET /facets)"),
    yearFrom: year.optional().describe("first-air year at least"),
    yearTo: year.optional().describe("first-air year at most"),
    ...minScoreParams,
    sort: z
      .enum(SERIES_SORTS)
      .optional()
      .describe("default: relevance with a search, composite otherwise; votes are IMDb votes"),
    order: z.enum(["desc", "asc"]).default("desc"),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional().describe("nextCursor of the previous page"),
  })
  .refine((q) => q.yearFrom === undefined || q.yearTo === undefined || q.yearFrom <= q.yearTo, {
    message: "yearFrom must not be after yearTo",
    path: ["yearFrom"],
  })
  .refine((q) => q.sort !== "relevance" || q.search !== undefined, {
    message: "sort=relevance needs a search",
    path: ["sort"],
  });
export type SeriesListQuery = z.infer<typeof SeriesListQuery>;

const Ref = z.object({ id: z.number().int(), name: z.string() });
const score = z.number().nullable();

export const SourceScores = z
  .object(
    Object.fromEntries(SOURCE_KEYS.map((key) => [key, score])) as Record<
      (typeof SOURCE_KEYS)[number],
      typeof score
    >,
  )
  .meta({ id: "SourceScores", description: "each source's score on its own scale (null: no score)" });

export const SeriesSummary = z
  .object({
    id: z.number().int().describe("TMDB id"),
    title: z.string(),
    originalTitle: z.string().nullable(),
    year: z.number().int().nullable().describe("first-air year"),
    genres: z.array(Ref),
    networks: z.array(Ref),
    period: z.string().describe("ISO week of the latest snapshot"),
    composite: score.describe("composite score (0-100) from the marts"),
    scores: SourceScores,
    votes: z.object({ tmdb: score, imdb: score }),
  })
  .meta({ id: "SeriesSummary" });
export type SeriesSummary = z.infer<typeof SeriesSummary>;

export const SeriesList = z.object({
  items: z.array(SeriesSummary),
  nextCursor: z.string().nullable().describe("pass as cursor for the next page; null on the last"),
});

export const SeriesIdParams = z.object({ id: dbId().describe("TMDB id") });

const SourceLatest = z.object({
  score,
  votes: score,
  period: z.string().nullable().describe("ISO week of the newest snapshot with a score from this source"),
});

export const SeriesProfile = z
  .object({
    id: z.number().int(),
    title: z.string(),
    originalTitle: z.string().nullable(),
    firstAirDate: z.string().nullable(),
    year: z.number().int().nullable(),
    status: z.string().nullable(),
    seasons: z.number().int().nullable(),
    episodes: z.number().int().nullable(),
    overview: z.string().nullable(),
    genres: z.array(Ref),
    networks: z.array(Ref),
    links: z.object({
      tmdb: z.string(),
      imdb: z.string().nullable(),
      rottenTomatoes: z.string().nullable(),
      metacritic: z.string().nullable(),
    }),
    composite: z.object({ score, period: z.string().nullable() }),
    latest: z.object(
      Object.fromEntries(SOURCE_KEYS.map((key) => [key, SourceLatest])) as Record<
        (typeof SOURCE_KEYS)[number],
        typeof SourceLatest
      >,
    ),
    history: z
      .array(
        z.object({
          period: z.string(),
          runId: z.uuid(),
          collectedAt: z.iso.datetime({ offset: true }),
          composite: score,
          scores: SourceScores,
        }),
      )
      .describe("one snapshot per period (from the run that holds it), oldest first"),
  })
  .meta({ id: "SeriesProfile" });
export type SeriesProfile = z.infer<typeof SeriesProfile>;

export const Facets = z.object({
  genres: z.array(Ref.extend({ series: z.number().int() })),
  networks: z.array(Ref.extend({ series: z.number().int() })),
  years: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() }),
  latestPeriod: z.string().nullable().describe("newest period in the marts; null before they are built"),
});
