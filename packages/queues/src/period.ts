import { z } from "zod";

/** The ISO 8601 week (Monday-based, UTC) of a time, written `YYYY-Www`. */
export function isoWeekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides which year the week belongs to.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = day.getUTCFullYear();
  const week = Math.ceil(((day.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** 52 or 53: a year has a week 53 exactly when 28 December falls in it. */
export const isoWeeksInYear = (year: number) => Number(isoWeekOf(new Date(Date.UTC(year, 11, 28))).slice(-2));

/**
 * A period: the ISO week a run collects, `YYYY-Www`. Week 53 only in years
 * that have one, so `2026-W54` and `2025-W53` are refused with the reason.
 */
export const Period = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, { message: "an ISO week written YYYY-Www, e.g. 2026-W49", abort: true })
  .refine(
    (value) => {
      const week = Number(value.slice(6));
      return week >= 1 && week <= isoWeeksInYear(Number(value.slice(0, 4)));
    },
    { message: "no such ISO week: weeks run from W01 to W52, or W53 in years that have one" },
  )
  .describe("an ISO week, YYYY-Www");
export type Period = z.infer<typeof Period>;
