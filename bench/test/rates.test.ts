import { describe, expect, it } from "vitest";
import { maxInWindow, requestRate } from "../src/rates.ts";
import { formatScalingTable, scrapingThroughput } from "../src/scaling.ts";

describe("requestRate", () => {
  it("finds the busiest 1 s window and the average between the first and last request", () => {
    // 10/s for 2 s, then a burst of 5 within 100 ms.
    const steady = Array.from({ length: 21 }, (_, index) => 1_000 + index * 100);
    const burst = [3_010, 3_030, 3_050, 3_070, 3_090];
    const rate = requestRate([...burst, ...steady]);
    expect(rate.requests).toBe(26);
    // [2_100, 3_100): 2_100..3_000 is 10, plus the 5 of the burst.
    expect(rate.maxPerSecond).toBe(15);
    expect(rate.spanSeconds).toBeCloseTo(2.09, 5);
    expect(rate.averagePerSecond).toBeCloseTo(25 / 2.09, 5);
  });

  it("counts requests exactly 1 s apart in different windows", () => {
    expect(maxInWindow([0, 1_000, 2_000])).toBe(1);
    expect(maxInWindow([0, 999, 1_000])).toBe(2);
  });

  it("reads nothing from no requests", () => {
    expect(requestRate([])).toEqual({ requests: 0, maxPerSecond: 0, averagePerSecond: 0, spanSeconds: 0 });
  });
});

describe("the scaling table", () => {
  const options = {
    size: 10,
    processes: [1],
    perSiteLimit: 6,
    concurrency: 2,
    latencyMs: 400,
    code: "source" as const,
  };

  it("measures pages per second over both sites together", () => {
    const throughput = scrapingThroughput({ rt: [0, 500, 1_000], mc: [250, 750, 1_250] });
    expect(throughput).toEqual({ pages: 6, pagesPerSecond: 4 });
  });

  it("says NO when a site's busiest second went over the limit", () => {
    const site = (maxPerSecond: number) => ({
      requests: 10,
      maxPerSecond,
      averagePerSecond: 5,
      spanSeconds: 2,
    });
    const table = formatScalingTable(
      [
        {
          processes: 1,
          status: "succeeded",
          pages: 20,
          pagesPerSecond: 9.5,
          sites: { rt: site(6), mc: site(6) },
        },
        {
          processes: 2,
          status: "succeeded",
          pages: 20,
          pagesPerSecond: 11,
          sites: { rt: site(6), mc: site(7) },
        },
      ],
      options,
    );
    const rows = table.trimEnd().split("\n").slice(-2);
    expect(rows[0]).toMatch(/ yes$/);
    expect(rows[1]).toMatch(/ NO$/);
  });
});
