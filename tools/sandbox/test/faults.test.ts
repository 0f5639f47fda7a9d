import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildCatalog, buildSandbox, type Catalog, type Sandbox } from "../src/index.ts";
import { get, OMDB_KEY, type RunningSandbox, startSandbox, TMDB_KEY, tmdbUrl } from "./helpers.ts";

let catalog: Catalog;
let sandbox: Sandbox;

/** Distinct upstream requests: each TMDB details id once (with either credential style). */
const detailsPath = (index: number, key = TMDB_KEY) =>
  `/tmdb/3/tv/${catalog.series[index % catalog.series.length]?.id}?api_key=${key}&page=${Math.floor(index / catalog.series.length)}`;

async function statusOf(path: string): Promise<number> {
  return (await sandbox.app.inject({ method: "GET", url: path })).statusCode;
}

beforeAll(async () => {
  catalog = buildCatalog({ seed: 42, size: 200 });
  sandbox = await buildSandbox({ catalog });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  sandbox.setKnobs({
    faults: {
      rate: 0,
      kinds: ["http500", "http503", "timeout", "malformed", "empty"],
      maxFaultsPerRequest: 2,
    },
  });
});

describe("fault injection", () => {
  it("faults roughly the configured share of first attempts", async () => {
    sandbox.setKnobs({ faults: { rate: 0.3, kinds: ["http500"] } });
    const statuses = await Promise.all(
      Array.from({ length: 600 }, (_, index) => statusOf(detailsPath(index))),
    );
    const share = statuses.filter((status) => status === 500).length / statuses.length;
    expect(share).toBeGreaterThan(0.24);
    expect(share).toBeLessThan(0.36);
    expect(statuses.every((status) => status === 200 || status === 500)).toBe(true);
    expect(sandbox.stats.snapshot().faults.injected).toBe(statuses.filter((status) => status === 500).length);
  });

  it("never faults one request more than maxFaultsPerRequest times, whatever the credentials", async () => {
    sandbox.setKnobs({ faults: { rate: 1, kinds: ["http503"], maxFaultsPerRequest: 2 } });
    const sequence = [
      await statusOf(detailsPath(3)),
      await sandbox.app
        .inject({
          method: "GET",
          url: detailsPath(3).replace(`api_key=${TMDB_KEY}`, ""),
          headers: { authorization: "Bearer sandbox-tmdb-read-token" },
        })
        .then((response) => response.statusCode),
      await statusOf(detailsPath(3)),
      await statusOf(detailsPath(3)),
    ];
    expect(sequence).toEqual([503, 503, 200, 200]);
  });

  it("lets a client that retries three times through every request", async () => {
    sandbox.setKnobs({ faults: { rate: 0.6, kinds: ["http500", "http503", "malformed", "empty"] } });
    for (let index = 0; index < 100; index++) {
      let succeeded = false;
      for (let attempt = 0; attempt <= 3 && !succeeded; attempt++) {
        const response = await sandbox.app.inject({ method: "GET", url: detailsPath(index) });
        succeeded = response.statusCode === 200 && response.body.length > 0 && isJson(response.body);
      }
      expect(succeeded, `request ${index}`).toBe(true);
    }
  });

  it("sends truncated JSON for malformed and an empty 200 body for empty", async () => {
    sandbox.setKnobs({ faults: { rate: 1, kinds: ["malformed"] } });
    const malformed = await sandbox.app.inject({
      method: "GET",
      url: `/omdb/?i=tt0000001&apikey=${OMDB_KEY}`,
    });
    expect(malformed.statusCode).toBe(200);
    expect(malformed.body.length).toBeGreaterThan(0);
    expect(isJson(malformed.body)).toBe(false);
    expect('{"Response":"False","Error":"Incorrect IMDb ID."}'.startsWith(malformed.body)).toBe(true);

    sandbox.setKnobs({ faults: { kinds: ["empty"] } });
    const empty = await sandbox.app.inject({ method: "GET", url: `/omdb/?i=tt0000002&apikey=${OMDB_KEY}` });
    expect([empty.statusCode, empty.body]).toEqual([200, ""]);
  });

  it("uses every configured kind and answers 500/503 in the upstream's own format", async () => {
    sandbox.setKnobs({
      faults: { rate: 1, kinds: ["http500", "http503", "malformed", "empty"], maxFaultsPerRequest: 1 },
    });
    await Promise.all(Array.from({ length: 80 }, (_, index) => statusOf(detailsPath(index))));
    expect(Object.keys(sandbox.stats.snapshot().faults.byKind).sort()).toEqual([
      "empty",
      "http500",
      "http503",
      "malformed",
    ]);
    sandbox.setKnobs({ faults: { kinds: ["http503"] } });
    const tmdb = await sandbox.app.inject({ method: "GET", url: detailsPath(150) });
    expect(tmdb.json()).toMatchObject({ status_code: 9 });
  });

  it("is reproducible: the same requests in the same order fault the same way", async () => {
    sandbox.setKnobs({ faults: { rate: 0.4, kinds: ["http500", "http503", "malformed", "empty"] } });
    const run = async () => {
      const outcomes: string[] = [];
      for (let index = 0; index < 60; index++) {
        const response = await sandbox.app.inject({ method: "GET", url: detailsPath(index % 20) });
        outcomes.push(`${response.statusCode}:${response.body.length}`);
      }
      return outcomes;
    };
    const first = await run();
    sandbox.reset();
    expect(await run()).toEqual(first);
    expect(first.some((outcome) => !outcome.startsWith("200:"))).toBe(true);
  });

  it("leaves the /__sandbox routes alone", async () => {
    sandbox.setKnobs({ faults: { rate: 1, kinds: ["http500"] }, latency: { fixedMs: 0 } });
    for (let i = 0; i < 5; i++) {
      for (const url of ["/__sandbox/stats", "/__sandbox/config", "/__sandbox/health"]) {
        expect((await sandbox.app.inject({ method: "GET", url })).statusCode).toBe(200);
      }
    }
    expect(sandbox.stats.snapshot().totalRequests).toBe(0);
  });
});

describe("timeouts and latency over HTTP", () => {
  let running: RunningSandbox;
  beforeAll(async () => {
    running = await startSandbox({ catalog });
  });
  afterAll(() => running.close());

  it("holds a timeout fault for timeoutHoldMs, then answers normally", async () => {
    running.sandbox.setKnobs({
      faults: { rate: 1, kinds: ["timeout"], timeoutHoldMs: 300, maxFaultsPerRequest: 1 },
    });
    const started = performance.now();
    const response = await get(tmdbUrl(running.urls, `/tv/${catalog.series[0]?.id}`));
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("gives up a held response when the client disconnects", async () => {
    running.sandbox.reset();
    running.sandbox.setKnobs({
      faults: { rate: 1, kinds: ["timeout"], timeoutHoldMs: 30_000, maxFaultsPerRequest: 1 },
    });
    const url = tmdbUrl(running.urls, `/tv/${catalog.series[1]?.id}`);
    await expect(fetch(url, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    await expect.poll(() => running.sandbox.stats.snapshot().byStatus.aborted, { timeout: 2_000 }).toBe(1);
    expect((await get(url)).status).toBe(200);
  });

  it("adds the configured latency and jitter", async () => {
    running.sandbox.setKnobs({ faults: { rate: 0 }, latency: { fixedMs: 120, jitterMs: 60 } });
    try {
      const started = performance.now();
      expect((await get(tmdbUrl(running.urls, "/tv/top_rated"))).status).toBe(200);
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(115);
      expect(elapsed).toBeLessThan(1_000);
    } finally {
      running.sandbox.setKnobs({ latency: { fixedMs: 0, jitterMs: 0 } });
    }
  });

  it("closes promptly while a response is being held", async () => {
    const held = await startSandbox({
      catalog,
      knobs: { faults: { rate: 1, kinds: ["timeout"], timeoutHoldMs: 30_000 } },
    });
    const pending = fetch(tmdbUrl(held.urls, "/tv/top_rated")).then((response) => response.status);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await held.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await pending).toBe(200);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
