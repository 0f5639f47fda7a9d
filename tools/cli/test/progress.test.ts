import { describe, expect, it } from "vitest";
import {
  computeStages,
  createProgressReporter,
  formatDuration,
  type ProgressSample,
  renderBar,
  renderPlain,
  renderTty,
} from "../src/progress.ts";

const T0 = Date.parse("2026-11-23T03:00:00Z");

const sample = (seconds: number, patch: Partial<ProgressSample> = {}): ProgressSample => ({
  at: T0 + seconds * 1000,
  elapsedSeconds: seconds,
  pages: { done: 3, total: 3 },
  discovered: 60,
  loaded: 0,
  failed: 0,
  expectedSeries: 60,
  stages: {},
  notice: null,
  ...patch,
});

describe("computeStages", () => {
  it("measures rate over the recent window and derives an ETA from it", () => {
    const stages = computeStages([
      sample(0, { stages: { "tmdb:details": 10, "omdb:lookup": 5 }, loaded: 2 }),
      sample(10, { stages: { "tmdb:details": 40, "omdb:lookup": 25 }, loaded: 22 }),
    ]);
    expect(stages.map((s) => s.label)).toEqual(["discovered", "fetched", "enriched", "loaded"]);
    const [discovered, fetched, enriched, loaded] = stages;
    expect(discovered).toEqual({ label: "discovered", done: 60, total: 60, rate: 0, etaSeconds: null });
    expect(fetched).toEqual({ label: "fetched", done: 40, total: 60, rate: 3, etaSeconds: 20 / 3 });
    expect(enriched).toEqual({ label: "enriched", done: 25, total: null, rate: 2, etaSeconds: null });
    expect(loaded).toEqual({ label: "loaded", done: 22, total: 60, rate: 2, etaSeconds: 19 });
  });

  it("ignores samples older than the window", () => {
    const stages = computeStages([
      sample(0, { loaded: 0 }),
      sample(20, { loaded: 40 }),
      sample(30, { loaded: 50 }),
    ]);
    expect(stages.at(-1)?.rate).toBe(1);
  });

  it("has no rate from a single sample and no totals before the first page", () => {
    const [discovered, fetched] = computeStages([
      sample(1, { pages: { done: 0, total: null }, discovered: 0, expectedSeries: null }),
    ]);
    expect(discovered).toMatchObject({ total: null, rate: null, etaSeconds: null });
    expect(fetched).toMatchObject({ total: null, rate: null });
  });

  it("shows scraper counters when they appear, and takes failed series off the loaded total", () => {
    const stages = computeStages([
      sample(5, {
        failed: 2,
        loaded: 10,
        stages: { "scrape-rt:scrape": 7, "scrape-mc:search": 3, "tmdb:details": 60, "other:thing": 1 },
      }),
    ]);
    expect(stages.map((s) => s.label)).toEqual([
      "discovered",
      "fetched",
      "enriched",
      "scraped mc:search",
      "scraped rt",
      "loaded",
    ]);
    expect(stages.find((s) => s.label === "scraped rt")?.done).toBe(7);
    expect(stages.at(-1)).toMatchObject({ done: 10, total: 58 });
  });
});

describe("rendering", () => {
  it("formats durations compactly", () => {
    expect([0.4, 59, 61, 3599, 3600, 7325].map(formatDuration)).toEqual([
      "0s",
      "59s",
      "1m01s",
      "59m59s",
      "1h00m",
      "2h02m",
    ]);
  });

  it("draws proportional bars, never overflowing", () => {
    expect(renderBar(0, 60, 10)).toBe("░░░░░░░░░░");
    expect(renderBar(30, 60, 10)).toBe("█████░░░░░");
    expect(renderBar(90, 60, 10)).toBe("██████████");
    expect(renderBar(5, 0, 4)).toBe("░░░░");
  });

  const samples = [
    sample(0, { stages: { "tmdb:details": 10 }, loaded: 0 }),
    sample(10, { stages: { "tmdb:details": 40, "omdb:lookup": 30 }, loaded: 30, failed: 1 }),
  ];

  it("renders a terminal block: header with overall ETA, one bar per stage", () => {
    expect(renderTty(samples, 10)).toEqual([
      "running 10s · pages 3/3 · 1 failed · ETA 10s",
      "  discovered [██████████]       60/60     0.0/s",
      "  fetched    [███████░░░]       40/60     3.0/s  ETA 7s",
      "  enriched                         30     3.0/s",
      "  loaded     [█████░░░░░]       30/59     3.0/s  ETA 10s",
    ]);
  });

  it("renders one plain line for logs", () => {
    expect(renderPlain(samples)).toBe(
      "[10s] pages 3/3 · discovered 60/60 (0.0/s) · fetched 40/60 (3.0/s, ETA 7s) · enriched 30 (3.0/s) · loaded 30/59 (3.0/s, ETA 10s) · failed 1",
    );
  });

  it("shows a waiting notice", () => {
    const waiting = [sample(3, { notice: "waiting: OMDb daily quota spent" })];
    expect(renderTty(waiting).at(-1)).toBe("  waiting: OMDb daily quota spent");
    expect(renderPlain(waiting)).toMatch(/ · waiting: OMDb daily quota spent$/);
  });
});

describe("createProgressReporter", () => {
  const recorder = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, out: { isTTY, write: (text: string) => writes.push(text) } };
  };

  it("appends a plain line per update when not on a terminal", () => {
    const { writes, out } = recorder(false);
    const reporter = createProgressReporter(out);
    reporter.update(sample(0));
    reporter.update(sample(5, { loaded: 10 }));
    expect(writes).toHaveLength(2);
    expect(writes.every((w) => w.endsWith("\n") && !w.includes("\x1b"))).toBe(true);
    expect(writes[1]).toContain("loaded 10/60 (2.0/s, ETA 25s)");
  });

  it("redraws the block in place on a terminal", () => {
    const { writes, out } = recorder(true);
    const reporter = createProgressReporter(out);
    reporter.update(sample(0));
    reporter.update(sample(1, { loaded: 5 }));
    expect(writes[0]?.startsWith("\x1b")).toBe(false);
    expect(writes[0]?.split("\n")).toHaveLength(6); // header + 4 stages + trailing newline
    // Back up over the 5 lines drawn before, clear to the end of the screen, draw again.
    expect(writes[1]?.startsWith("\x1b[5F\x1b[J")).toBe(true);
    reporter.done();
    reporter.update(sample(2, { loaded: 9 }));
    expect(writes[2]?.startsWith("\x1b")).toBe(false);
  });
});
