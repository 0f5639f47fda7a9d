import { hashToUnit, roundTo } from "../random.ts";
import type { SeriesRecord } from "./types.ts";

export const PAGE_SIZE = 20;
/** TMDB refuses pages above 500, whatever the real total. */
export const MAX_PAGES = 500;
/** Roughly one page boundary in three repeats the previous page's last series. */
const DUPLICATE_AT_BOUNDARY_PROBABILITY = 1 / 3;

/** The vote_average TMDB shows in listings: rounded to one decimal (details keep three). */
export function listingVoteAverage(record: Pick<SeriesRecord, "voteAverage">): number {
  return roundTo(record.voteAverage, 1);
}

/**
 * Series ids in listing order (the records come ranked). Like the live API, the last series
 * of a page sometimes shows up again first on the next page; here those repeats are extra
 * entries, so every series still appears at least once. Whether page k's last series repeats
 * is rolled per page boundary and week, so a shorter list is the start of a longer one.
 */
export function buildListing(ranked: readonly SeriesRecord[], seed: number, week: number): number[] {
  const listing: number[] = [];
  let boundary = 0;
  for (const record of ranked) {
    listing.push(record.id);
    if (listing.length % PAGE_SIZE !== 0) continue;
    boundary += 1;
    if (hashToUnit(seed, "listing-repeat", week, boundary) < DUPLICATE_AT_BOUNDARY_PROBABILITY)
      listing.push(record.id);
  }
  return listing;
}

export function totalPagesOf(listing: readonly number[]): number {
  return Math.ceil(listing.length / PAGE_SIZE);
}

/** The part of the listing a client can page through (TMDB's 500-page cap). */
export function reachableListing(listing: readonly number[]): readonly number[] {
  return listing.slice(0, MAX_PAGES * PAGE_SIZE);
}
