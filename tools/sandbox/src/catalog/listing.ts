import { type Random, roundTo } from "../random.ts";
import type { SeriesRecord } from "./types.ts";

export const PAGE_SIZE = 20;
/** TMDB refuses pages above 500, whatever the real total. */
export const MAX_PAGES = 500;
/** Roughly one page boundary in three repeats the previous page's last series. */
const DUPLICATE_AT_BOUNDARY_PROBABILITY = 1 / 3;

/** The vote_average TMDB shows in listings: rounded to one decimal (details keep three). */
export function listingVoteAverage(record: SeriesRecord): number {
  return roundTo(record.voteAverage, 1);
}

/** top_rated order: vote_average as listed, then vote_count, both descending; id breaks ties. */
export function rankSeries(series: readonly SeriesRecord[]): SeriesRecord[] {
  return [...series].sort(
    (a, b) => listingVoteAverage(b) - listingVoteAverage(a) || b.voteCount - a.voteCount || a.id - b.id,
  );
}

/**
 * Series ids in listing order. Like the live API, the last series of a page
 * sometimes shows up again first on the next page; here those repeats are
 * extra entries, so every series still appears at least once.
 */
export function buildListing(series: readonly SeriesRecord[], rng: Random): number[] {
  const listing: number[] = [];
  const ranked = rankSeries(series);
  ranked.forEach((record, index) => {
    listing.push(record.id);
    const pageJustFilled = listing.length % PAGE_SIZE === 0;
    const moreToCome = index < ranked.length - 1;
    if (pageJustFilled && moreToCome && rng.chance(DUPLICATE_AT_BOUNDARY_PROBABILITY))
      listing.push(record.id);
  });
  return listing;
}

export function totalPagesOf(listing: readonly number[]): number {
  return Math.ceil(listing.length / PAGE_SIZE);
}

/** The part of the listing a client can page through (TMDB's 500-page cap). */
export function reachableListing(listing: readonly number[]): readonly number[] {
  return listing.slice(0, MAX_PAGES * PAGE_SIZE);
}
