import type { FailureRecord } from "@tvr/pipeline";
import type { OmdbResult, SeriesRecord } from "@tvr/queues";

/** A series with what each source gave for it, ready to be written. */
export interface LoadItem {
  runId: string;
  series: SeriesRecord;
  omdb: OmdbResult | null;
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

export function ratingsRow(item: LoadItem) {
  const found = item.omdb?.status === "found" ? item.omdb : null;
  return {
    runId: item.runId,
    seriesId: item.series.seriesId,
    tmdbVoteAverage: item.series.voteAverage,
    tmdbVoteCount: item.series.voteCount,
    tmdbPopularity: item.series.popularity,
    imdbRating: found?.imdbRating ?? null,
    imdbCount: found?.imdbCount ?? null,
  };
}

/** Last write wins inside a batch, so one statement never touches a key twice. */
export function uniqueBy<T, K>(rows: readonly T[], key: (row: T) => K): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}
