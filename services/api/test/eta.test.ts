import { estimateRunEta } from "@tvr/runs";
import { describe, expect, it } from "vitest";
import { isoWeekKey } from "../src/scheduler.ts";

describe("estimateRunEta", () => {
  const startedAt = new Date("2026-11-23T03:00:00Z");
  const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);

  it("has no estimate before the first page is read or anything finished", () => {
    const base = { startedAt, now: at(10), pagesDone: 0, discovered: 0, finished: 0 };
    expect(estimateRunEta({ ...base, totalPages: null })).toMatchObject({
      expectedSeries: null,
      remainingSeconds: null,
      estimatedFinishAt: null,
    });
    const noThroughput = estimateRunEta({ ...base, totalPages: 5, pagesDone: 1, discovered: 20 });
    expect(noThroughput).toMatchObject({ expectedSeries: 100, seriesPerSecond: 0, remainingSeconds: null });
  });

  it("extrapolates the series count while discovery goes on", () => {
    const eta = estimateRunEta({
      startedAt,
      now: at(50),
      totalPages: 10,
      pagesDone: 4,
      discovered: 80,
      finished: 25,
    });
    expect(eta.expectedSeries).toBe(200);
    expect(eta.seriesPerSecond).toBe(0.5);
    expect(eta.remainingSeconds).toBe(350);
    expect(eta.estimatedFinishAt?.toISOString()).toBe(at(400).toISOString());
  });

  it("uses the exact count once every page is read", () => {
    const eta = estimateRunEta({
      startedAt,
      now: at(100),
      totalPages: 3,
      pagesDone: 3,
      discovered: 57,
      finished: 50,
    });
    expect(eta.expectedSeries).toBe(57);
    expect(eta.remainingSeconds).toBeCloseTo(14, 6);
  });
});

describe("isoWeekKey", () => {
  it.each([
    ["2026-11-23T03:00:00Z", "weekly-2026-W48"],
    ["2026-11-29T23:59:59Z", "weekly-2026-W48"],
    ["2026-11-30T00:00:00Z", "weekly-2026-W49"],
    ["2021-01-03T12:00:00Z", "weekly-2020-W53"],
    ["2024-12-30T03:00:00Z", "weekly-2025-W01"],
    ["2026-01-01T00:00:00Z", "weekly-2026-W01"],
  ])("%s is %s", (at, key) => {
    expect(isoWeekKey(new Date(at))).toBe(key);
  });
});
