import { normalizeTitle } from "./normalize.ts";

export interface SeriesIdentity {
  title: string;
  originalTitle: string | null;
  firstAirYear: number | null;
}

export type MatchResult = { ok: true } | { ok: false; reason: string };

const MAX_YEAR_DIFFERENCE = 1;

/**
 * Is the scraped page the series we looked for? The normalised page title must equal the
 * normalised title or original title, and the start years may differ by at most one
 * (sites date a series by premiere, pilot or first season). Without a year on either side
 * the match is rejected: same-title remakes (Shameless 2004/2011) make a title alone unsafe.
 */
export function confirmMatch(
  page: { title: string | null; year: number | null },
  series: SeriesIdentity,
): MatchResult {
  if (!page.title?.trim()) return { ok: false, reason: "page has no title" };
  if (page.year === null) return { ok: false, reason: "page has no year" };
  if (series.firstAirYear === null) return { ok: false, reason: "series has no first-air year" };

  const pageTitle = normalizeTitle(page.title);
  const accepted = [series.title, series.originalTitle]
    .filter((title): title is string => Boolean(title?.trim()))
    .map(normalizeTitle);
  if (!accepted.includes(pageTitle)) {
    return {
      ok: false,
      reason: `title mismatch: page "${page.title}" vs series "${[series.title, series.originalTitle].filter(Boolean).join('" / "')}"`,
    };
  }

  const difference = Math.abs(page.year - series.firstAirYear);
  if (difference > MAX_YEAR_DIFFERENCE) {
    return { ok: false, reason: `year mismatch: page ${page.year} vs series ${series.firstAirYear}` };
  }
  return { ok: true };
}
