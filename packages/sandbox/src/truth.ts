import { reachableListing } from "./catalog/listing.ts";
import { ASSIGNED_EDGE_CASES, DERIVED_EDGE_CASES, type EdgeCase } from "./catalog/types.ts";
import type { Catalog, SeriesRecord } from "./catalog.ts";

export type ImdbAbsence = "no_imdb_id" | "not_found";

/** What the pipeline should have loaded for one series, named like the database columns. */
export interface TruthSeries {
  series_id: number;
  title: string;
  original_title: string;
  first_air_date: string | null;
  release_year: number | null;
  original_language: string;
  origin_country: string[];
  plot: string | null;
  status: string;
  series_type: string;
  number_of_seasons: number;
  number_of_episodes: number;
  imdb_id: string | null;
  genres: Array<{ genre_id: number; name: string }>;
  /** origin_country is null where TMDB sends "" (streaming services). */
  networks: Array<{ network_id: number; name: string; origin_country: string | null }>;
  tmdb_vote_average: number;
  tmdb_vote_count: number;
  tmdb_popularity: number;
  imdb_rating: number | null;
  imdb_count: number | null;
  imdb_absence: ImdbAbsence | null;
  /** Which deliberate oddities this series carries (not a database column). */
  edge_cases: EdgeCase[];
}

export interface Truth {
  seed: number;
  catalogSize: number;
  usesDatasets: boolean;
  /** Series ids in top_rated order, duplicates included, pages 1..500 only. */
  listing: number[];
  /** Every series the listing reaches, in order of first appearance. */
  series: TruthSeries[];
  /** Catalog series that only exist past TMDB's 500-page cap (the pipeline cannot see them). */
  unreachableSeriesIds: number[];
}

const EDGE_CASE_ORDER: readonly EdgeCase[] = [...ASSIGNED_EDGE_CASES, ...DERIVED_EDGE_CASES];

export function truthForSeries(record: SeriesRecord): TruthSeries {
  const imdbId = record.externalIds.imdbId || null;
  const omdb = record.omdb;
  return {
    series_id: record.id,
    title: record.name,
    original_title: record.originalName,
    first_air_date: record.firstAirDate || null,
    release_year: record.firstAirDate ? Number(record.firstAirDate.slice(0, 4)) : null,
    original_language: record.originalLanguage,
    origin_country: [...record.originCountry],
    plot: record.overview || null,
    status: record.status,
    series_type: record.type,
    number_of_seasons: record.numberOfSeasons,
    number_of_episodes: record.numberOfEpisodes,
    imdb_id: imdbId,
    genres: record.genres.map((genre) => ({ genre_id: genre.id, name: genre.name })),
    networks: record.networks.map((network) => ({
      network_id: network.id,
      name: network.name,
      origin_country: network.originCountry || null,
    })),
    tmdb_vote_average: record.voteAverage,
    tmdb_vote_count: record.voteCount,
    tmdb_popularity: record.popularity,
    imdb_rating: omdb?.imdbRating ?? null,
    imdb_count: omdb?.imdbVotes ?? null,
    imdb_absence: imdbId === null ? "no_imdb_id" : omdb === null ? "not_found" : null,
    edge_cases: EDGE_CASE_ORDER.filter((edgeCase) => record.edgeCases.includes(edgeCase)),
  };
}

export function buildTruth(catalog: Catalog): Truth {
  const listing = [...reachableListing(catalog.listing)];
  const seen = new Set<number>();
  const series: TruthSeries[] = [];
  for (const id of listing) {
    if (seen.has(id)) continue;
    seen.add(id);
    const record = catalog.byId.get(id);
    if (record) series.push(truthForSeries(record));
  }
  return {
    seed: catalog.seed,
    catalogSize: catalog.size,
    usesDatasets: catalog.usesDatasets,
    listing,
    series,
    unreachableSeriesIds: catalog.series.filter((record) => !seen.has(record.id)).map((record) => record.id),
  };
}
