import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxConfigFromEnv, type Truth, UNKNOWN_GENRE } from "../src/index.ts";
import { getJson, OMDB_KEY, omdbUrl, type RunningSandbox, startSandbox, tmdbUrl } from "./helpers.ts";

const SIZE = 1200;
let running: RunningSandbox;

beforeAll(async () => {
  running = await startSandbox({ catalogSize: SIZE, knobs: { week: "2026-W10" } });
});
afterAll(() => running?.close());

const truth = async (query = "") => getJson<Truth>(`${running.urls.control}/truth${query}`);
const putConfig = (body: unknown) =>
  fetch(`${running.urls.control}/config`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the week knob", () => {
  it("moves what is served without a restart, and the truth follows", async () => {
    const before = (await truth()).body;
    expect(before.week).toBe("2026-W10");
    expect((await putConfig({ week: "2026-W11" })).status).toBe(200);
    const after = (await truth()).body;
    expect(after.week).toBe("2026-W11");
    const first = after.series[0];
    const details = await getJson(tmdbUrl(running.urls, `/tv/${first?.series_id}`));
    expect(details.body.vote_count).toBe(first?.tmdb_vote_count);
    expect(after.series.map((s) => s.tmdb_vote_count)).not.toEqual(
      before.series.map((s) => s.tmdb_vote_count),
    );
    // Another week's truth on request, identical to what that week serves.
    const asked = (await truth("?week=2026-W10")).body;
    expect(asked).toEqual(before);
    await putConfig({ week: "2026-W10" });
  });

  it("answers a bad week with a 400 that says why", async () => {
    const bad = await truth("?week=2026-10");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/ISO week/);
    const response = await putConfig({ week: "2026-W54" });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/week/);
    expect(() => sandboxConfigFromEnv({ SANDBOX_WEEK: "last week" })).toThrow(/SANDBOX_WEEK/);
    expect(sandboxConfigFromEnv({ SANDBOX_WEEK: "2025-W01" }).options.knobs?.week).toBe("2025-W01");
  });
});

describe("the dataAnomalies knob", () => {
  let clean: Truth;
  let spoiled: Truth;
  beforeAll(async () => {
    clean = (await truth()).body;
    expect((await putConfig({ dataAnomalies: true })).status).toBe(200);
    spoiled = (await truth()).body;
  });
  afterAll(() => putConfig({ dataAnomalies: false }));

  const withAnomaly = (kind: string) =>
    spoiled.series.filter((series) => series.anomalies.includes(kind as never));

  it("is off by default: no series carries an anomaly", () => {
    expect(clean.dataAnomalies).toBe(false);
    expect(clean.series.every((series) => series.anomalies.length === 0)).toBe(true);
    expect(spoiled.dataAnomalies).toBe(true);
  });

  it("serves out-of-range scores on a small share of series, exactly where the truth says", async () => {
    const outOfRange = spoiled.series.filter((series) =>
      series.anomalies.some((a) => a.endsWith("_out_of_range")),
    );
    expect(outOfRange.length).toBeGreaterThan(SIZE * 0.01);
    expect(outOfRange.length).toBeLessThan(SIZE * 0.04);
    for (const series of spoiled.series) {
      const imdbHigh = series.imdb_rating !== null && series.imdb_rating > 10;
      const rtHigh = series.tomatoes_critic !== null && series.tomatoes_critic > 100;
      const mcHigh = series.metacritic !== null && series.metacritic > 100;
      expect(imdbHigh, `${series.series_id}`).toBe(series.anomalies.includes("imdb_rating_out_of_range"));
      expect(rtHigh, `${series.series_id}`).toBe(series.anomalies.includes("tomatoes_critic_out_of_range"));
      expect(mcHigh, `${series.series_id}`).toBe(series.anomalies.includes("metacritic_out_of_range"));
    }
    const imdb = withAnomaly("imdb_rating_out_of_range")[0];
    expect(imdb).toBeDefined();
    const answer = await getJson(omdbUrl(running.urls, { i: imdb?.imdb_id as string, apikey: OMDB_KEY }));
    expect(Number(answer.body.imdbRating)).toBe(imdb?.imdb_rating);
  });

  it("raises the IMDb null share by about 25 points", () => {
    const nullShare = (t: Truth) =>
      t.series.filter((series) => series.imdb_rating === null).length / t.series.length;
    const raise = nullShare(spoiled) - nullShare(clean);
    expect(raise).toBeGreaterThan(0.18);
    expect(raise).toBeLessThan(0.3);
    for (const series of withAnomaly("imdb_rating_missing")) expect(series.imdb_rating).toBeNull();
  });

  it("adds a genre outside TMDB's list, served in the details", async () => {
    const unknown = withAnomaly("unknown_genre");
    expect(unknown.length).toBeGreaterThanOrEqual(1);
    expect(spoiled.series[0]?.anomalies).toContain("unknown_genre");
    const details = await getJson<{ genres: Array<{ id: number; name: string }> }>(
      tmdbUrl(running.urls, `/tv/${unknown[0]?.series_id}`),
    );
    expect(details.body.genres).toContainEqual(UNKNOWN_GENRE);
  });

  it("decides anomalies per series, so a smaller catalog carries the same ones", async () => {
    const small = await startSandbox({ catalogSize: 100, knobs: { week: "2026-W10", dataAnomalies: true } });
    try {
      const smallTruth = (await getJson<Truth>(`${small.urls.control}/truth`)).body;
      expect(smallTruth.series).toEqual(spoiled.series.slice(0, 100));
    } finally {
      await small.close();
    }
  });
});
