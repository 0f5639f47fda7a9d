import { createLogger } from "@tvr/config";
import { loadIngestorEnv, startIngestor } from "@tvr/ingestor";
import { loadLoaderEnv, startLoader } from "@tvr/loader";
import { loadEnricherEnv, startEnricher } from "@tvr/omdb-enricher";
import { buildSandbox, type Sandbox } from "@tvr/sandbox";
import { TEST_REDIS_URL } from "@tvr/testing";
import type { RunningService } from "@tvr/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunDetail, RunItem } from "../src/schemas.ts";
import { type ApiFixture, bearer, metricValue, startTestApi, waitFor } from "./helpers.ts";

// 60 series on 3 top-rated pages of 20, read by the real services against the upstream sandbox.
const CATALOG_SIZE = 60;
const MAX_PAGES = 3;

let f: ApiFixture;
let sandbox: Sandbox;
const services: RunningService[] = [];

beforeAll(async () => {
  sandbox = await buildSandbox({ catalogSize: CATALOG_SIZE, datasetsDir: null });
  f = await startTestApi("api_e2e");
});
afterAll(async () => {
  for (const service of services) await service.close();
  await f?.close();
  await sandbox?.close();
});

async function startWorkers() {
  const urls = await sandbox.listen({ port: 0 });
  const common = {
    DATABASE_URL: f.database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: f.prefix,
    METRICS_PORT: "0",
    LOG_LEVEL: "silent",
  };
  const log = createLogger({ name: "e2e", level: "silent" });
  services.push(
    await startIngestor(
      loadIngestorEnv({
        ...common,
        TMDB_BASE_URL: urls.tmdb,
        TMDB_API_KEY: "sandbox-tmdb-key",
        SCRAPE_SITES: "",
      }),
      log,
    ),
    await startEnricher(
      loadEnricherEnv({ ...common, OMDB_BASE_URL: urls.omdb, OMDB_API_KEY: "sandboxk" }),
      log,
    ),
    // Quality stages off: no quality worker here (packages/runs tests drive those stages).
    await startLoader(loadLoaderEnv({ ...common, QUALITY_STAGE: "off" }), log),
  );
}

/** Parsed with the route's own response schema, so the shape is checked too. */
const getRun = async (id: string) =>
  RunDetail.parse(await (await fetch(`${f.api.url}/runs/${id}`, { headers: bearer })).json());
const metrics = async () => (await fetch(`${f.api.url}/metrics`)).text();

describe("a real run followed through the API", () => {
  it("reports it running, then succeeded with every count right", async () => {
    const started = await fetch(`${f.api.url}/runs`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ maxPages: MAX_PAGES, idempotencyKey: "e2e" }),
    });
    expect(started.status).toBe(201);
    const { id } = RunItem.parse(await started.json());

    // Before any worker runs: the first page waits in the tmdb queue.
    const before = await metrics();
    expect(metricValue(before, "tvr_queue_jobs", { queue: "tmdb", state: "waiting" })).toBe(1);
    expect(metricValue(before, "tvr_queue_oldest_waiting_age_seconds", { queue: "tmdb" })).toBeGreaterThan(0);
    expect(metricValue(before, "tvr_last_run_status", { status: "running" })).toBe(1);
    expect(metricValue(before, "tvr_last_run_status", { status: "succeeded" })).toBe(0);
    expect(metricValue(before, "tvr_last_run_series_loaded")).toBe(0);

    await startWorkers();
    const seen = new Set<string>();
    const run = await waitFor(
      "the run to finish",
      async () => {
        const run = await getRun(id);
        seen.add(run.status);
        return ["running", "validating", "transforming"].includes(run.status) ? undefined : run;
      },
      40_000,
      200,
    );

    const truth = sandbox.truth();
    const listed = [...new Set(truth.listing.slice(0, MAX_PAGES * 20))];
    const expected = truth.series.filter((s) => listed.includes(s.series_id));
    const withImdb = expected.filter((s) => s.imdb_rating !== null).length;
    const absentImdb = expected.filter((s) => s.imdb_absence !== null).length;

    expect(seen.has("running")).toBe(true);
    expect(run.quality?.validation?.outcome).toBe("skipped");
    expect(run).toMatchObject({
      id,
      status: "succeeded",
      totalPages: MAX_PAGES,
      eta: null,
      pages: { total: MAX_PAGES, done: MAX_PAGES, failed: 0 },
      series: { discovered: expected.length, loaded: expected.length, failed: 0, pending: 0 },
    });
    expect(run.stages["tmdb:page"]).toBe(MAX_PAGES);
    expect(run.stages["tmdb:details"]).toBe(expected.length);
    expect(run.stages["load:series"]).toBe(expected.length);
    expect(run.sources.tmdb).toBe(expected.length);
    expect(run.sources.imdb).toBe(withImdb);
    const absences = run.failures.filter((x) => x.kind === "absent").reduce((n, x) => n + x.count, 0);
    expect(absences).toBe(absentImdb);
    expect(run.failures.every((x) => x.kind === "absent")).toBe(true);

    const after = await metrics();
    expect(metricValue(after, "tvr_last_run_status", { status: "succeeded" })).toBe(1);
    expect(metricValue(after, "tvr_last_run_status", { status: "running" })).toBe(0);
    expect(metricValue(after, "tvr_last_run_series_loaded")).toBe(expected.length);
    expect(metricValue(after, "tvr_last_run_duration_seconds")).toBeCloseTo(
      (Date.parse(run.finishedAt ?? "") - Date.parse(run.startedAt)) / 1000,
      2,
    );
    expect(metricValue(after, "tvr_last_run_finished_timestamp_seconds")).toBeCloseTo(
      Date.parse(run.finishedAt ?? "") / 1000,
      2,
    );
    expect(metricValue(after, "tvr_queue_jobs", { queue: "tmdb", state: "waiting" })).toBe(0);
    expect(metricValue(after, "tvr_queue_jobs", { queue: "tmdb", state: "completed" })).toBe(
      MAX_PAGES + expected.length,
    );
    expect(metricValue(after, "tvr_queue_jobs", { queue: "load", state: "completed" })).toBe(expected.length);
    expect(metricValue(after, "tvr_queue_jobs", { queue: "omdb", state: "failed" })).toBe(0);
  });
});
