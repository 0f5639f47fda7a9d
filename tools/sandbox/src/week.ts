import { DateTime } from "luxon";

/** An ISO 8601 week as runs and the sandbox name it: "2026-W49". */
export const ISO_WEEK_PATTERN = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** The week the catalog's values are the base of (CATALOG_AS_OF, 2023-07-15, lies in it). */
export const BASE_WEEK = "2023-W28";

function mondayOf(week: string): DateTime | null {
  if (!ISO_WEEK_PATTERN.test(week)) return null;
  const monday = DateTime.fromISO(week, { zone: "utc" });
  // Luxon rolls "2021-W53" into 2022; a week that does not exist is not accepted.
  return monday.isValid && isoWeekOf(monday.toJSDate()) === week ? monday : null;
}

export function isIsoWeek(text: string): boolean {
  return mondayOf(text) !== null;
}

/** The ISO week (UTC) a moment falls in. */
export function isoWeekOf(at: Date | number): string {
  return DateTime.fromMillis(typeof at === "number" ? at : at.getTime(), { zone: "utc" }).toFormat(
    "kkkk-'W'WW",
  );
}

export function currentIsoWeek(now: number = Date.now()): string {
  return isoWeekOf(now);
}

/** Weeks from BASE_WEEK to `week` (negative before it); throws on a malformed week. */
export function weekIndex(week: string): number {
  const monday = mondayOf(week);
  const base = mondayOf(BASE_WEEK);
  if (!monday || !base) throw new RangeError(`not an ISO week (YYYY-Www): ${week}`);
  return Math.round(monday.diff(base, "weeks").weeks);
}
