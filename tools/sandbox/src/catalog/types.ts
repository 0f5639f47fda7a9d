import type { McLayout, McPageData, RtLayout, RtPageData } from "../pages/types.ts";
import type { Genre } from "../reference/genres.ts";
import type { Network } from "../reference/networks.ts";

export type { Genre, Network };

export type SeriesStatus = "Returning Series" | "Ended" | "Canceled" | "In Production";
export type SeriesType = "Scripted" | "Miniseries" | "Documentary" | "Reality" | "Talk Show" | "News";
export type SeriesSource = "showcase" | "dataset" | "generated";

/** Deliberate oddities, each a deterministic share of the catalog (see edge-cases.ts). */
export const ASSIGNED_EDGE_CASES = [
  "no_imdb_id",
  "empty_imdb_id",
  "imdb_id_unknown_to_omdb",
  "imdb_rating_na",
  "empty_overview",
  "no_first_air_date",
  "no_networks",
  "no_genres",
] as const;

/** Oddities that follow from the data itself, found after generation. */
export const DERIVED_EDGE_CASES = [
  "accented_title",
  "punctuated_title",
  "leading_article",
  "original_title_differs",
  "shared_title",
  "listing_duplicate",
  "beyond_page_cap",
] as const;

export type AssignedEdgeCase = (typeof ASSIGNED_EDGE_CASES)[number];
export type DerivedEdgeCase = (typeof DERIVED_EDGE_CASES)[number];
export type EdgeCase = AssignedEdgeCase | DerivedEdgeCase;

export interface Creator {
  id: number;
  creditId: string;
  name: string;
  gender: number;
  profilePath: string | null;
}

export interface ProductionCompany {
  id: number;
  logoPath: string | null;
  name: string;
  originCountry: string;
}

export interface Season {
  airDate: string | null;
  episodeCount: number;
  id: number;
  name: string;
  overview: string;
  posterPath: string | null;
  seasonNumber: number;
  voteAverage: number;
}

export interface Episode {
  id: number;
  name: string;
  overview: string;
  voteAverage: number;
  voteCount: number;
  airDate: string;
  episodeNumber: number;
  productionCode: string;
  runtime: number | null;
  seasonNumber: number;
  stillPath: string | null;
}

export interface ExternalIds {
  /** null or "" (both happen on TMDB) when TMDB has no IMDb id. */
  imdbId: string | null;
  freebaseMid: string | null;
  freebaseId: string | null;
  tvdbId: number | null;
  tvrageId: number | null;
  wikidataId: string | null;
  facebookId: string | null;
  instagramId: string | null;
  twitterId: string | null;
}

/** What OMDb holds for the series' IMDb id, already in OMDb's string formats. */
export interface OmdbTitle {
  title: string;
  year: string;
  rated: string;
  released: string;
  runtime: string;
  genre: string;
  director: string;
  writer: string;
  actors: string;
  plotShort: string;
  plotFull: string;
  language: string;
  country: string;
  awards: string;
  poster: string;
  /** null is sent as "N/A". */
  imdbRating: number | null;
  imdbVotes: number | null;
  imdbId: string;
  totalSeasons: string;
}

/** A matching row of the Metacritic TV dataset, kept for the Metacritic page routes. */
export interface MetacriticEntry {
  productId: number;
  title: string;
  releaseDate: string;
  metascore: number | null;
  metascoreCount: number | null;
  /** 0-100, as in the dataset (the site shows it divided by 10). */
  userscore: number | null;
  userscoreCount: number | null;
}

/** One series: everything every route serves about it, and so the ground truth. */
export interface SeriesRecord {
  id: number;
  source: SeriesSource;
  /** Seed for anything derived from this series later (e.g. page routes), independent of catalog order. */
  randomSeed: number;
  name: string;
  originalName: string;
  originalLanguage: string;
  originCountry: string[];
  spokenLanguages: string[];
  overview: string;
  tagline: string;
  homepage: string;
  posterPath: string | null;
  backdropPath: string | null;
  /** "" when TMDB has no date. */
  firstAirDate: string;
  lastAirDate: string | null;
  status: SeriesStatus;
  type: SeriesType;
  inProduction: boolean;
  episodeRunTime: number[];
  genres: Genre[];
  networks: Network[];
  productionCompanies: ProductionCompany[];
  createdBy: Creator[];
  seasons: Season[];
  numberOfSeasons: number;
  numberOfEpisodes: number;
  lastEpisodeToAir: Episode | null;
  nextEpisodeToAir: Episode | null;
  popularity: number;
  /** Precise (3 decimals) as in details; the listing shows it rounded to 1 decimal. */
  voteAverage: number;
  voteCount: number;
  externalIds: ExternalIds;
  /** null: OMDb does not know the IMDb id (or there is none). */
  omdb: OmdbTitle | null;
  metacritic: MetacriticEntry | null;
  edgeCases: EdgeCase[];
  /** The series' Rotten Tomatoes page; null: the site has none (see sites/plan.ts). */
  rtPage: RtPagePlan | null;
  /** The series' Metacritic page; null: the site has none. */
  mcPage: McPagePlan | null;
}

/** A page about another show of the same title, at the plain slug the series could not have. */
export interface DecoyPage<L extends string, D> {
  slug: string;
  path: string;
  layout: L;
  data: D;
}

/**
 * Where and how a site shows one series. Everything is drawn from the series' randomSeed;
 * how the page is delivered (html / js_only / blocked, or an unknown layout) is decided per
 * request from the two rolls and the `sites` knobs, so the knobs can change at runtime.
 */
export interface SitePagePlan<L extends string, D> {
  /** Path segment after /tv/ ("the_office_2005", "the-office"). */
  slug: string;
  /** Site-relative path as the scraper's candidates spell it ("/tv/the_office", "/tv/the-office/"). */
  path: string;
  layout: L;
  /** What the page shows (title, year, slug, scores, display variants). */
  data: D;
  /** Uniform in [0, 1): js_only below sites.jsOnlyShare, blocked at or above 1 - sites.blockedShare. */
  deliveryRoll: number;
  /** Uniform in [0, 1): served in an unknown layout below sites.unparseableShare (unless contested). */
  unparseableRoll: number;
  /**
   * Another catalog series' candidate paths reach this page before its own: a scraper looking
   * for that series must be able to read and reject it, so it is never served unparseable.
   */
  contested: boolean;
  /** A different show of the same title holding the plain slug; the series lives at `<slug>_<year>`. */
  decoy: DecoyPage<L, D> | null;
}

export type RtPagePlan = SitePagePlan<RtLayout, RtPageData>;
export type McPagePlan = SitePagePlan<McLayout, McPageData>;
export type SiteName = "rt" | "mc";

/** What a site path serves. */
export type SitePageEntry<P extends SitePagePlan<string, unknown>> =
  | { kind: "series"; record: SeriesRecord; plan: P }
  | { kind: "decoy"; record: SeriesRecord; decoy: NonNullable<P["decoy"]> };

export interface SitePages {
  /** Keyed by slug. */
  rt: ReadonlyMap<string, SitePageEntry<RtPagePlan>>;
  mc: ReadonlyMap<string, SitePageEntry<McPagePlan>>;
}

export interface Catalog {
  seed: number;
  size: number;
  /** True when real titles and ratings came from the fixture datasets. */
  usesDatasets: boolean;
  series: readonly SeriesRecord[];
  byId: ReadonlyMap<number, SeriesRecord>;
  byImdbId: ReadonlyMap<string, SeriesRecord>;
  /** Series ids in top_rated order, including the duplicates across pages. */
  listing: readonly number[];
  /** Pages TMDB reports: min(real, 500). */
  totalPages: number;
  /** Rotten Tomatoes and Metacritic pages by slug: the series' own pages and the decoys. */
  pages: SitePages;
}
