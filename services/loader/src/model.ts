import type { OmdbResult, ScrapeResult, SeriesRecord } from "@tvr/queues";
import type { FailureRecord } from "@tvr/runs";
import { sql } from "drizzle-orm";

/** A series with what each source gave for it, ready to be written. */
export interface LoadItem {
  runId: string;
  series: SeriesRecord;
  omdb: OmdbResult | null;
  rt: ScrapeResult | null;
  mc: ScrapeResult | null;
  failures: FailureRecord[];
}

export const releaseYear = (firstAirDate: string | null) =>
  firstAirDate ? Number.parseInt(firstAirDate.slice(0, 4), 10) : null;

export function seriesRow(s: SeriesRecord) {
  return {
    seriesId: s.seriesId,
    title: s.title,
    originalTitle: s.originalTitle,
    firstAirDate: s.firstAirDate,
    releaseYear: releaseYear(s.firstAirDate),
    originalLanguage: s.originalLanguage,
    originCountry: s.originCountry,
    plot: s.plot,
    status: s.status,
    seriesType: s.seriesType,
    numberOfSeasons: s.numberOfSeasons,
    numberOfEpisodes: s.numberOfEpisodes,
    imdbId: s.imdbId,
  };
}

const scoresOf = (result: ScrapeResult | null) => (result?.status === "found" ? result.scores : null);

export function ratingsRow(item: LoadItem) {
  const imdb = item.omdb?.status === "found" ? item.omdb : null;
  const rt = scoresOf(item.rt);
  const mc = scoresOf(item.mc);
  return {
    runId: item.runId,
    seriesId: item.series.seriesId,
    // The snapshot carries its run's period, read in the same statement (one owner: pipeline_runs).
    period: sql`(select period from pipeline_runs where id = ${item.runId})`,
    tmdbVoteAverage: item.series.voteAverage,
    tmdbVoteCount: item.series.voteCount,
    tmdbPopularity: item.series.popularity,
    imdbRating: imdb?.imdbRating ?? null,
    imdbCount: imdb?.imdbCount ?? null,
    tomatoesCritic: rt?.tomatoes_critic ?? null,
    tomatoesCriticCount: rt?.tomatoes_critic_count ?? null,
    tomatoesAudience: rt?.tomatoes_audience ?? null,
    tomatoesAudienceCount: rt?.tomatoes_audience_count ?? null,
    tomatoesAudienceCountIsLowerBound:
      rt?.tomatoes_audience_count == null ? null : rt.tomatoes_audience_count_is_lower_bound,
    metacritic: mc?.metacritic ?? null,
    metacriticCount: mc?.metacritic_count ?? null,
    metauser: mc?.metauser ?? null,
    metauserCount: mc?.metauser_count ?? null,
  };
}

/**
 * The page path a scrape settled on: found -> its path, confirmed absent ->
 * null, failed or not scraped -> undefined (keep what an earlier run found).
 */
export function confirmedPath(result: ScrapeResult | null): string | null | undefined {
  if (result?.status === "found") return result.path;
  if (result?.status === "absent") return null;
  return undefined;
}

/** Last write wins inside a batch, so one statement never touches a key twice. */
export function uniqueBy<T, K>(rows: readonly T[], key: (row: T) => K): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}
