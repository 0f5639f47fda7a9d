import { type Datasets, indexMetacritic, titleKey } from "./catalog/datasets.ts";
import { assignEdgeCases, flagNamingEdgeCases } from "./catalog/edge-cases.ts";
import { buildListing, MAX_PAGES, reachableListing, totalPagesOf } from "./catalog/listing.ts";
import { planCatalog, type SeriesPlan } from "./catalog/plan.ts";
import { buildSeries } from "./catalog/series.ts";
import type { Catalog, SeriesRecord } from "./catalog/types.ts";
import { createRandom, deriveSeed, type Random } from "./random.ts";
import { planSitePages } from "./sites/plan.ts";

export const DEFAULT_SEED = 42;
export const DEFAULT_CATALOG_SIZE = 1200;
export const MAX_CATALOG_SIZE = 50_000;

export interface CatalogOptions {
  seed: number;
  size: number;
  /** Real titles/ratings to use (see loadDatasets); null or absent: everything generated. */
  datasets?: Datasets | null;
}

/** Builds the whole catalog from a seed: the same options always give the same catalog. */
export function buildCatalog({ seed, size, datasets = null }: CatalogOptions): Catalog {
  if (!Number.isInteger(size) || size < 1 || size > MAX_CATALOG_SIZE) {
    throw new RangeError(`catalog size must be an integer in 1..${MAX_CATALOG_SIZE}, got ${size}`);
  }
  const stream = (purpose: string): Random => createRandom(deriveSeed(seed, purpose));
  const plans = planCatalog(size, datasets, stream("plan"));
  const edgeCases = assignEdgeCases(plans, stream("edge-cases"));
  const tmdbIds = allocateTmdbIds(size, stream("tmdb-ids"));
  const imdbIds = allocateImdbIds(plans, stream("imdb-ids"));

  const series = plans.map((plan, index) =>
    buildSeries(plan, {
      id: tmdbIds[index] as number,
      imdbId: imdbIds[index] as string,
      randomSeed: deriveSeed(seed, "series", index),
      edgeCases: edgeCases[index] ?? new Set(),
    }),
  );
  flagNamingEdgeCases(series);
  if (datasets) attachMetacritic(series, plans, datasets);
  // Drawn from each series' own randomSeed, after everything TMDB and OMDb serve is final.
  const pages = planSitePages(series);

  const listing = buildListing(series, stream("listing"));
  flagListingEdgeCases(series, listing);

  return {
    seed,
    size,
    usesDatasets: datasets !== null,
    series,
    byId: new Map(series.map((record) => [record.id, record])),
    byImdbId: new Map(
      series.flatMap((record) => (record.omdb ? [[record.omdb.imdbId, record] as const] : [])),
    ),
    listing,
    totalPages: Math.min(totalPagesOf(listing), MAX_PAGES),
    pages,
  };
}

/** Distinct TMDB-like ids (TMDB TV ids run to about 250,000 in 2023). */
function allocateTmdbIds(count: number, rng: Random): number[] {
  const ids = new Set<number>();
  while (ids.size < count) ids.add(rng.int(1, 250_000 + count));
  return [...ids];
}

/** Dataset ids are kept; the others get distinct made-up ids in IMDb's format (8 digits from 2018 on). */
function allocateImdbIds(plans: readonly SeriesPlan[], rng: Random): string[] {
  const taken = new Set(plans.flatMap((plan) => (plan.imdb ? [plan.imdb.id] : [])));
  return plans.map((plan) => {
    if (plan.imdb) return plan.imdb.id;
    let id: string;
    do {
      id =
        plan.firstYear >= 2018
          ? `tt${rng.int(10_000_000, 29_999_999)}`
          : `tt${String(rng.int(100_000, 9_999_999)).padStart(7, "0")}`;
    } while (taken.has(id));
    taken.add(id);
    return id;
  });
}

/** Metacritic rows match on title (either TMDB name or original title) and first-air year. */
function attachMetacritic(series: SeriesRecord[], plans: readonly SeriesPlan[], datasets: Datasets): void {
  const index = indexMetacritic(datasets.metacritic);
  series.forEach((record, position) => {
    const plan = plans[position];
    if (!plan || plan.source === "generated") return;
    for (const title of [record.name, record.originalName]) {
      const entry = index.get(`${titleKey(title)}|${plan.firstYear}`);
      if (entry) {
        record.metacritic = entry;
        return;
      }
    }
  });
}

function flagListingEdgeCases(series: SeriesRecord[], listing: readonly number[]): void {
  const appearances = new Map<number, number>();
  for (const id of listing) appearances.set(id, (appearances.get(id) ?? 0) + 1);
  const reachable = new Set(reachableListing(listing));
  for (const record of series) {
    if ((appearances.get(record.id) ?? 0) > 1) record.edgeCases.push("listing_duplicate");
    if (!reachable.has(record.id)) record.edgeCases.push("beyond_page_cap");
  }
}

export type { Catalog, SeriesRecord } from "./catalog/types.ts";
