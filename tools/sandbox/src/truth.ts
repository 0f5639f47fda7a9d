import { reachableListing } from "./catalog/listing.ts";
import {
  ASSIGNED_EDGE_CASES,
  DERIVED_EDGE_CASES,
  type EdgeCase,
  type SitePagePlan,
} from "./catalog/types.ts";
import type { Catalog, SeriesRecord } from "./catalog.ts";
import type { McLayout, RtLayout } from "./pages/types.ts";
import { DEFAULT_KNOBS, type SiteKnobs } from "./runtime/knobs.ts";
import { type Delivery, deliveryOf } from "./sites/delivery.ts";
import { mcTruthScores, NO_MC_SCORES, NO_RT_SCORES, rtTruthScores } from "./sites/scores.ts";

export type ImdbAbsence = "no_imdb_id" | "not_found";
/** not_found: the site has no page for the series; unparseable: its page is in an unknown layout. */
export type PageAbsence = "not_found" | "unparseable";

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
  /** Site-relative path of the series' Rotten Tomatoes page ("/tv/the_office_2005"); null: no page. */
  rt_path: string | null;
  /** "unparseable": the scraper must record a parse failure, and the scores are null. */
  rt_absence: PageAbsence | null;
  /** "unknown" when unparseable. */
  rt_layout: RtLayout | "unknown" | null;
  /** How a plain HTTP client gets the page: as HTML, as a script-rendered shell, or a 403 bot wall. */
  rt_delivery: Delivery | null;
  /** The page at the plain slug is another show of the same title (not a column). */
  rt_decoy_path: string | null;
  tomatoes_critic: number | null;
  tomatoes_critic_count: number | null;
  tomatoes_audience: number | null;
  tomatoes_audience_count: number | null;
  tomatoes_audience_count_is_lower_bound: boolean;
  /** Site-relative path with the trailing slash, as mcCandidates spell it ("/tv/the-office/"). */
  mc_path: string | null;
  mc_absence: PageAbsence | null;
  mc_layout: McLayout | "unknown" | null;
  mc_delivery: Delivery | null;
  mc_decoy_path: string | null;
  metacritic: number | null;
  metacritic_count: number | null;
  /** 0-10, one decimal. */
  metauser: number | null;
  metauser_count: number | null;
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
  /** The `sites` knobs the page fields were computed with. */
  sites: SiteKnobs;
}

const EDGE_CASE_ORDER: readonly EdgeCase[] = [...ASSIGNED_EDGE_CASES, ...DERIVED_EDGE_CASES];

interface PageTruth<L extends string, S> {
  path: string | null;
  absence: PageAbsence | null;
  layout: L | "unknown" | null;
  delivery: Delivery | null;
  decoyPath: string | null;
  scores: S;
}

function pageTruth<L extends string, D, S>(
  plan: SitePagePlan<L, D> | null,
  sites: SiteKnobs,
  scoresOf: (layout: L, data: D) => S,
  none: S,
): PageTruth<L, S> {
  if (!plan)
    return { path: null, absence: "not_found", layout: null, delivery: null, decoyPath: null, scores: none };
  const { delivery, unparseable } = deliveryOf(plan, sites);
  return {
    path: plan.path,
    absence: unparseable ? "unparseable" : null,
    layout: unparseable ? "unknown" : plan.layout,
    delivery,
    decoyPath: plan.decoy?.path ?? null,
    scores: unparseable ? none : scoresOf(plan.layout, plan.data),
  };
}

export function truthForSeries(record: SeriesRecord, sites: SiteKnobs = DEFAULT_KNOBS.sites): TruthSeries {
  const rt = pageTruth(record.rtPage, sites, rtTruthScores, NO_RT_SCORES);
  const mc = pageTruth(record.mcPage, sites, mcTruthScores, NO_MC_SCORES);
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
    rt_path: rt.path,
    rt_absence: rt.absence,
    rt_layout: rt.layout,
    rt_delivery: rt.delivery,
    rt_decoy_path: rt.decoyPath,
    ...rt.scores,
    mc_path: mc.path,
    mc_absence: mc.absence,
    mc_layout: mc.layout,
    mc_delivery: mc.delivery,
    mc_decoy_path: mc.decoyPath,
    ...mc.scores,
    edge_cases: EDGE_CASE_ORDER.filter((edgeCase) => record.edgeCases.includes(edgeCase)),
  };
}

/** The truth for the catalog; page fields follow the given `sites` knobs (the defaults if omitted). */
export function buildTruth(catalog: Catalog, sites: SiteKnobs = DEFAULT_KNOBS.sites): Truth {
  const listing = [...reachableListing(catalog.listing)];
  const seen = new Set<number>();
  const series: TruthSeries[] = [];
  for (const id of listing) {
    if (seen.has(id)) continue;
    seen.add(id);
    const record = catalog.byId.get(id);
    if (record) series.push(truthForSeries(record, sites));
  }
  return {
    seed: catalog.seed,
    catalogSize: catalog.size,
    usesDatasets: catalog.usesDatasets,
    listing,
    series,
    unreachableSeriesIds: catalog.series.filter((record) => !seen.has(record.id)).map((record) => record.id),
    sites: { ...sites },
  };
}
