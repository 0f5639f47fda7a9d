import type { Truth, TruthSeries } from "@tvr/sandbox";

/**
 * The run's truth with the IMDb values of cached OMDb answers taken from the truth of the
 * week each answer was fetched in (the sandbox's week follows the calendar by default), so a
 * run served from a warm cache checks out in the weeks after. Returns the weeks consulted.
 */
export async function withCachedOmdbAnswers(
  truth: Truth,
  cached: ReadonlyArray<{ seriesId: number; fetchedAt: Date | null }>,
  truthOfWeek: (week: string) => Promise<Truth>,
  weekOf: (at: Date) => string,
): Promise<{ truth: Truth; weeks: string[] }> {
  const weekBySeries = new Map<number, string>();
  for (const row of cached) if (row.fetchedAt) weekBySeries.set(row.seriesId, weekOf(row.fetchedAt));
  const weeks = [...new Set(weekBySeries.values())].sort();
  const otherWeeks = new Map<string, Map<number, TruthSeries>>();
  for (const week of weeks) {
    if (week === truth.week) continue;
    const other = await truthOfWeek(week);
    otherWeeks.set(week, new Map(other.series.map((series) => [series.series_id, series])));
  }
  const series = truth.series.map((current) => {
    const week = weekBySeries.get(current.series_id);
    const then = week === undefined ? undefined : otherWeeks.get(week)?.get(current.series_id);
    // A series outside that week's list keeps today's values (and shows up as a difference).
    return then ? { ...current, imdb_rating: then.imdb_rating, imdb_count: then.imdb_count } : current;
  });
  return { truth: { ...truth, series }, weeks };
}
