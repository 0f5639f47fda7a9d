import { clamp, type Random } from "../random.ts";
import {
  GENRE_WEIGHTS,
  type Genre,
  genreById,
  TV_GENRES,
  tmdbGenresForImdbGenres,
} from "../reference/genres.ts";
import { SHOWCASE_SERIES, type ShowcaseSeries } from "../reference/showcase.ts";
import { type Datasets, type ImdbDatasetRow, titleKey } from "./datasets.ts";
import { englishTitle, FOREIGN_FLAVORS } from "./names.ts";
import type { SeriesSource, SeriesType } from "./types.ts";

/** The last year the catalog knows about; the data reads like mid-2023 TMDB. */
export const CATALOG_YEAR = 2023;

/** What is decided about a series before its TMDB/OMDb records are generated. */
export interface SeriesPlan {
  source: SeriesSource;
  title: string;
  originalTitle: string;
  language: string;
  countries: string[];
  firstYear: number;
  /** null: still running. */
  lastYear: number | null;
  genres: Genre[];
  /** IMDb's own genre names when known (dataset), for OMDb's Genre. */
  imdbGenres: string[] | null;
  networkIds: number[] | null;
  type: SeriesType | null;
  runtimeMinutes: number | null;
  /** Real IMDb data from the dataset; null for generated ratings. */
  imdb: { id: string; rating: number; votes: number } | null;
}

/**
 * Orders the catalog's sources: showcase series first, then dataset rows
 * (same-title rows pinned so the pairs survive small catalogs, the rest
 * shuffled by seed), then generated series up to `size`.
 */
export function planCatalog(size: number, datasets: Datasets | null, rng: Random): SeriesPlan[] {
  const plans: SeriesPlan[] = [];
  const remainingRows = datasets ? [...datasets.imdb] : [];

  for (const showcase of SHOWCASE_SERIES) {
    if (plans.length >= size) return plans;
    const rowIndex = remainingRows.findIndex((row) => matchesShowcase(row, showcase));
    const row = rowIndex >= 0 ? remainingRows.splice(rowIndex, 1)[0] : undefined;
    plans.push(planShowcase(showcase, row));
  }

  for (const row of orderDatasetRows(remainingRows, rng)) {
    if (plans.length >= size) return plans;
    plans.push(planDatasetRow(row, rng));
  }

  const usedTitles = new Set(plans.map((plan) => titleKey(plan.title)));
  while (plans.length < size) {
    const plan = planGenerated(rng, usedTitles);
    usedTitles.add(titleKey(plan.title));
    plans.push(plan);
  }
  return plans;
}

function matchesShowcase(row: ImdbDatasetRow, showcase: ShowcaseSeries): boolean {
  if (row.firstYear !== showcase.firstYear) return false;
  const key = titleKey(row.title);
  return key === titleKey(showcase.title) || key === titleKey(showcase.originalTitle);
}

function orderDatasetRows(rows: readonly ImdbDatasetRow[], rng: Random): ImdbDatasetRow[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(titleKey(row.title), (counts.get(titleKey(row.title)) ?? 0) + 1);
  const shared = rows.filter((row) => (counts.get(titleKey(row.title)) ?? 0) > 1);
  const unique = rows.filter((row) => (counts.get(titleKey(row.title)) ?? 0) === 1);
  return [...shared, ...rng.shuffle(unique)];
}

function planShowcase(showcase: ShowcaseSeries, row: ImdbDatasetRow | undefined): SeriesPlan {
  return {
    source: "showcase",
    title: showcase.title,
    originalTitle: showcase.originalTitle,
    language: showcase.language,
    countries: showcase.countries,
    firstYear: showcase.firstYear,
    lastYear: showcase.lastYear,
    genres: showcase.genreIds.map(genreById),
    imdbGenres: row?.genres ?? null,
    networkIds: showcase.networkIds,
    type: showcase.type ?? null,
    runtimeMinutes: showcase.runtimeMinutes,
    imdb: row ? { id: row.imdbId, rating: row.rating, votes: row.votes } : null,
  };
}

const ENGLISH_COUNTRIES = [
  ["US", 60],
  ["GB", 25],
  ["CA", 8],
  ["AU", 7],
] as const;

function planDatasetRow(row: ImdbDatasetRow, rng: Random): SeriesPlan {
  const genres = tmdbGenresForImdbGenres(row.genres);
  return {
    source: "dataset",
    title: row.title,
    originalTitle: row.title,
    language: "en",
    countries: [rng.weighted(ENGLISH_COUNTRIES)],
    firstYear: row.firstYear,
    lastYear: row.lastYear,
    genres: genres.length > 0 ? genres : [TV_GENRES.drama],
    imdbGenres: row.genres,
    networkIds: null,
    type: null,
    runtimeMinutes: row.runtimeMinutes,
    imdb: { id: row.imdbId, rating: row.rating, votes: row.votes },
  };
}

/** Retries before accepting a repeated title; same-title pairs are meant to be rare and deliberate. */
const TITLE_ATTEMPTS = 25;

function planGenerated(rng: Random, usedTitles: ReadonlySet<string>): SeriesPlan {
  const firstYear = clamp(CATALOG_YEAR - Math.floor(Math.abs(rng.normal()) * 11), 1960, CATALOG_YEAR);
  const running = rng.chance(firstYear >= 2010 ? 0.45 : 0.1);
  const lastYear = running ? null : Math.min(CATALOG_YEAR, firstYear + rng.int(0, 8));
  const foreign = rng.chance(0.2)
    ? rng.weighted(FOREIGN_FLAVORS.map((flavor) => [flavor, flavor.weight] as const))
    : null;
  let names = { title: "", originalTitle: "" };
  for (
    let attempt = 0;
    attempt < TITLE_ATTEMPTS && (!names.title || usedTitles.has(titleKey(names.title)));
    attempt++
  ) {
    names = foreign ? foreign.title(rng) : { title: englishTitle(rng), originalTitle: "" };
  }
  const genres = pickGenres(rng, foreign?.language === "ja");
  return {
    source: "generated",
    title: names.title,
    originalTitle: names.originalTitle || names.title,
    language: foreign?.language ?? "en",
    countries: [foreign ? rng.pick(foreign.countries) : rng.weighted(ENGLISH_COUNTRIES)],
    firstYear,
    lastYear,
    genres,
    imdbGenres: null,
    networkIds: null,
    type: null,
    runtimeMinutes: null,
    imdb: null,
  };
}

function pickGenres(rng: Random, animeLikely: boolean): Genre[] {
  const genres: Genre[] = [];
  if (animeLikely && rng.chance(0.7)) genres.push(TV_GENRES.animation);
  const wanted = rng.weighted([
    [1, 3],
    [2, 4],
    [3, 2],
  ] as const);
  while (genres.length < wanted) {
    const genre = rng.weighted(GENRE_WEIGHTS);
    if (!genres.includes(genre)) genres.push(genre);
  }
  return genres;
}
