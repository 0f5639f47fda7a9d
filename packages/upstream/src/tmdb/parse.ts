import { SeriesRecord } from "@tvr/queues";
import { z } from "zod";
import { kindForHttpStatus, parseRetryAfter, UpstreamError, type UpstreamErrorKind } from "../errors.ts";
import { describeIssues } from "../http.ts";

// Schemas read only the fields we use; unknown keys (appends, newer fields) are ignored.

/** Optional descriptive text: absent, null and "" all mean "unknown". */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value ? value : null));

const optionalInt = z
  .number()
  .int()
  .nullish()
  .transform((value) => value ?? null);

const NamedRef = z.object({ id: z.number().int(), name: z.string() });

const TopRatedResponse = z.object({
  page: z.number().int().min(1),
  total_pages: z.number().int().min(0),
  total_results: z.number().int().min(0),
  results: z.array(
    z.object({
      id: z.number().int().positive(),
      name: z.string(),
      vote_average: z.number(),
      vote_count: z.number().int().min(0),
    }),
  ),
});

/**
 * Identity, ratings, genres and networks are present in every field-set
 * generation seen (2016 docs example to 2023) and are required; descriptive
 * fields may be absent or null. `origin_country` is missing from old payloads.
 */
const SeriesDetailsResponse = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  original_name: optionalText,
  first_air_date: z
    .union([z.literal(""), z.iso.date()])
    .nullish()
    .transform((value) => (value ? value : null)),
  original_language: optionalText,
  origin_country: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
  overview: optionalText,
  status: optionalText,
  type: optionalText,
  number_of_seasons: optionalInt,
  number_of_episodes: optionalInt,
  genres: z.array(NamedRef),
  networks: z.array(NamedRef.extend({ origin_country: optionalText })),
  vote_average: z.number(),
  vote_count: z.number().int().min(0),
  popularity: z
    .number()
    .nullish()
    .transform((value) => value ?? null),
  external_ids: z.object({ imdb_id: z.string().nullish() }).nullish(),
});

const ErrorResponse = z.object({ status_code: z.number().int(), status_message: z.string() });

/** TMDB's own status codes, where they say more than the HTTP status. */
const KIND_BY_TMDB_CODE: ReadonlyMap<number, UpstreamErrorKind> = new Map([
  [3, "auth"], // Authentication failed
  [7, "auth"], // Invalid API key
  [10, "auth"], // API key suspended
  [6, "not_found"], // Invalid id
  [34, "not_found"], // The resource you requested could not be found
  [22, "bad_request"], // Invalid page
  [25, "rate_limited"], // Request count over limit
]);

export interface TopRatedPage {
  page: number;
  totalPages: number;
  totalResults: number;
  results: Array<{ id: number; name: string; voteAverage: number; voteCount: number }>;
}

export function parseTopRatedPage(json: unknown): TopRatedPage {
  const parsed = TopRatedResponse.safeParse(json);
  if (!parsed.success) throw malformed("top_rated", parsed.error);
  const { page, total_pages, total_results, results } = parsed.data;
  return {
    page,
    totalPages: total_pages,
    totalResults: total_results,
    results: results.map((r) => ({
      id: r.id,
      name: r.name,
      voteAverage: r.vote_average,
      voteCount: r.vote_count,
    })),
  };
}

/** Maps `GET /tv/{id}?append_to_response=external_ids` to the loader's SeriesRecord. */
export function toSeriesRecord(json: unknown): SeriesRecord {
  const parsed = SeriesDetailsResponse.safeParse(json);
  if (!parsed.success) throw malformed("tv details", parsed.error);
  const d = parsed.data;
  const record = SeriesRecord.safeParse({
    seriesId: d.id,
    title: d.name,
    originalTitle: d.original_name,
    firstAirDate: d.first_air_date,
    originalLanguage: d.original_language,
    originCountry: d.origin_country,
    plot: d.overview,
    status: d.status,
    seriesType: d.type,
    numberOfSeasons: d.number_of_seasons,
    numberOfEpisodes: d.number_of_episodes,
    imdbId: normalizeImdbId(d.external_ids?.imdb_id),
    genres: d.genres.map((g) => ({ id: g.id, name: g.name })),
    networks: d.networks.map((n) => ({ id: n.id, name: n.name, originCountry: n.origin_country })),
    voteAverage: d.vote_average,
    voteCount: d.vote_count,
    popularity: d.popularity,
  });
  if (!record.success) throw malformed("tv details (as SeriesRecord)", record.error);
  return record.data;
}

/**
 * TMDB's imdb_id is crowd-edited: "", null and junk occur. A bad id only costs
 * the IMDb rating of one series, so it becomes null instead of failing the job.
 */
export function normalizeImdbId(value: string | null | undefined): string | null {
  const id = value?.trim();
  return id && /^tt\d+$/.test(id) ? id : null;
}

/**
 * Error for a non-2xx TMDB reply. Body `{status_code, status_message}` refines
 * the HTTP status, except that 5xx is always transient.
 */
export function tmdbErrorFromResponse(
  status: number,
  json: unknown,
  retryAfter?: string | null,
): UpstreamError {
  const body = ErrorResponse.safeParse(json);
  const code = body.success ? body.data.status_code : undefined;
  const kind =
    status >= 500
      ? "transient"
      : ((code !== undefined ? KIND_BY_TMDB_CODE.get(code) : undefined) ?? kindForHttpStatus(status));
  const detail = body.success ? ` (status_code ${code}: ${body.data.status_message})` : "";
  const retryAfterMs = kind === "rate_limited" ? parseRetryAfter(retryAfter) : undefined;
  return new UpstreamError({
    source: "tmdb",
    kind,
    status,
    message: `HTTP ${status}${detail}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function malformed(what: string, error: z.ZodError): UpstreamError {
  return new UpstreamError({
    source: "tmdb",
    kind: "malformed",
    message: `unexpected ${what} response shape: ${describeIssues(error)}`,
  });
}
