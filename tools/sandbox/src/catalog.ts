import { injectDataAnomalies } from "./catalog/anomalies.ts";
import type { Datasets } from "./catalog/datasets.ts";
import { flagNamingEdgeCases } from "./catalog/edge-cases.ts";
import { buildListing, MAX_PAGES, reachableListing, totalPagesOf } from "./catalog/listing.ts";
import { buildSeries } from "./catalog/series.ts";
import type { Catalog, SeriesRecord } from "./catalog/types.ts";
import { worldFor } from "./catalog/world.ts";
import { planSitePages, type SitePlacements } from "./sites/plan.ts";
import { currentIsoWeek, weekIndex } from "./week.ts";

export const DEFAULT_SEED = 42;
export const DEFAULT_CATALOG_SIZE = 1200;
export const MAX_CATALOG_SIZE = 50_000;

export interface CatalogOptions {
  seed: number;
  size: number;
  /** Real titles/ratings to use (see loadDatasets); null or absent: everything generated. */
  datasets?: Datasets | null;
  /** ISO week ("2026-W10") whose values to serve; default the current one. */
  week?: string;
  /** Serve the bad data of the `dataAnomalies` knob (see catalog/anomalies.ts). Default false. */
  dataAnomalies?: boolean;
}

/**
 * The first `size` series of the seed's top-rated list in `week`, with everything the routes
 * serve about them. The same options always give the same catalog, and a smaller size gives
 * the start of a larger one: same series, ids and values.
 */
export function buildCatalog({
  seed,
  size,
  datasets = null,
  week = currentIsoWeek(),
  dataAnomalies = false,
}: CatalogOptions): Catalog {
  if (!Number.isInteger(size) || size < 1 || size > MAX_CATALOG_SIZE) {
    throw new RangeError(`catalog size must be an integer in 1..${MAX_CATALOG_SIZE}, got ${size}`);
  }
  const weeksFromBase = weekIndex(week);
  const world = worldFor(seed, datasets);
  const top = world.topOfList(size, weeksFromBase);
  const placements = new Map<SeriesRecord, SitePlacements>();
  const series = top.map(({ member, votes }) => {
    const record = buildSeries(member.plan, { ...member, votes });
    if (member.metacritic) record.metacritic = member.metacritic;
    placements.set(record, world.sitesOf(member));
    return record;
  });
  flagNamingEdgeCases(series, world.sharedTitles);
  const pages = planSitePages(
    series,
    (record) => placements.get(record) ?? { rt: null, mc: null },
    weeksFromBase,
  );
  if (dataAnomalies) injectDataAnomalies(series);

  const listing = buildListing(series, seed, weeksFromBase);
  flagListingEdgeCases(series, listing);

  return {
    seed,
    size,
    week,
    dataAnomalies,
    world,
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
