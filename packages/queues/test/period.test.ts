import { describe, expect, it } from "vitest";
import { isoWeekOf, isoWeeksInYear, Period } from "../src/period.ts";

describe("ISO weeks", () => {
  it.each([
    ["2026-11-23T00:00:00Z", "2026-W48"],
    ["2026-11-29T23:59:59Z", "2026-W48"],
    ["2021-01-03T12:00:00Z", "2020-W53"],
    ["2024-12-30T00:00:00Z", "2025-W01"],
    ["2027-01-01T00:00:00Z", "2026-W53"],
  ])("%s is in %s", (at, week) => {
    expect(isoWeekOf(new Date(at))).toBe(week);
  });

  it("knows which years have a week 53", () => {
    expect([2020, 2024, 2025, 2026, 2032].map(isoWeeksInYear)).toEqual([53, 52, 52, 53, 53]);
  });

  it("accepts real weeks and says why it refuses the others", () => {
    expect(Period.parse("2026-W53")).toBe("2026-W53");
    expect(Period.parse("2025-W01")).toBe("2025-W01");
    for (const bad of ["2026-W54", "2025-W53", "2026-W00"]) {
      expect(Period.safeParse(bad).error?.issues[0]?.message).toMatch(/no such ISO week/);
    }
    for (const bad of ["2026-49", "2026W49", "garbage", "2026-W5"]) {
      expect(Period.safeParse(bad).error?.issues[0]?.message).toMatch(/YYYY-Www/);
    }
  });
});
