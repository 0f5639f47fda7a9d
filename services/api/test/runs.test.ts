import { pipelineRuns, runPages, runSeries } from "@tvr/db";
import { createRedis, isoWeekOf } from "@tvr/queues";
import { publishQuotaState } from "@tvr/runs";
import { TEST_REDIS_URL } from "@tvr/testing";
import { Queue } from "bullmq";
import { eq } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunItem } from "../src/schemas.ts";
import { type ApiFixture, BASIC, basicHeader, bearer, startTestApi } from "./helpers.ts";

let f: ApiFixture;
const inject = (options: InjectOptions) => f.api.app.inject(options);

beforeAll(async () => {
  f = await startTestApi("api_runs");
});
afterAll(async () => {
  await f?.close();
});

describe("auth", () => {
  it("refuses requests without or with wrong credentials, with a Basic challenge", async () => {
    for (const headers of [
      {},
      { authorization: "Bearer wrong-token-0123456789" },
      basicHeader(BASIC.user, "wrong password"),
      basicHeader("someone", BASIC.password),
      { authorization: "Token abc" },
    ]) {
      const res = await inject({ method: "GET", url: "/runs", headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.headers["www-authenticate"]).toMatch(/^Basic realm=/);
      expect(res.json()).toMatchObject({ error: "Unauthorized" });
    }
  });

  it("accepts the bearer token and basic credentials", async () => {
    expect((await inject({ method: "GET", url: "/runs", headers: bearer })).statusCode).toBe(200);
    const basic = basicHeader(BASIC.user, BASIC.password);
    expect((await inject({ method: "GET", url: "/runs", headers: basic })).statusCode).toBe(200);
  });

  it("serves health, readiness and metrics without credentials, but not the docs", async () => {
    expect((await inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await inject({ url: "/readyz" })).json()).toEqual({
      status: "ready",
      postgres: true,
      redis: true,
    });
    expect((await inject({ url: "/metrics" })).statusCode).toBe(200);
    expect((await inject({ url: "/openapi.json" })).statusCode).toBe(401);
    expect((await inject({ url: "/queues" })).statusCode).toBe(401);
    expect((await inject({ url: "/queues/api/queues" })).statusCode).toBe(401);
  });

  it("works over real HTTP too", async () => {
    const anonymous = await fetch(`${f.api.url}/runs`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect((await fetch(`${f.api.url}/runs`, { headers: bearer })).status).toBe(200);
    const basic = basicHeader(BASIC.user, BASIC.password);
    expect((await fetch(`${f.api.url}/runs`, { headers: basic })).status).toBe(200);
  });
});

describe("POST /runs", () => {
  it("starts one run per idempotency key: 201, then 200 with the same run", async () => {
    const body = { idempotencyKey: "tv_series_weekly__2026-11-23T00:00:00+00:00", maxPages: 3 };
    const first = await inject({ method: "POST", url: "/runs", headers: bearer, payload: body });
    const second = await inject({ method: "POST", url: "/runs", headers: bearer, payload: body });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(first.json()).toMatchObject({
      status: "running",
      mode: "sandbox",
      maxPages: 3,
      idempotencyKey: body.idempotencyKey,
      finishedAt: null,
    });
    const rows = await f.database.db.query.pipelineRuns.findMany({
      where: eq(pipelineRuns.idempotencyKey, body.idempotencyKey),
    });
    expect(rows).toHaveLength(1);
  });

  it("is idempotent over real HTTP, and enqueues the first page once", async () => {
    const post = () =>
      fetch(`${f.api.url}/runs`, {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json" },
        body: JSON.stringify({ idempotencyKey: "http-key", mode: "live" }),
      });
    const first = await post();
    const second = await post();
    expect([first.status, second.status]).toEqual([201, 200]);
    const run = RunItem.parse(await first.json());
    expect(RunItem.parse(await second.json()).id).toBe(run.id);
    expect(run.mode).toBe("live");
    const redis = createRedis(TEST_REDIS_URL, "worker");
    const tmdb = new Queue("tmdb", { connection: redis, prefix: f.prefix });
    const job = await tmdb.getJob(`${run.id}-page-1`);
    expect(job?.data).toEqual({ runId: run.id, page: 1 });
    await tmdb.close();
    redis.disconnect();
  });

  it("stands for the ISO week given, or the current UTC week by default", async () => {
    const given = await inject({
      method: "POST",
      url: "/runs",
      headers: bearer,
      payload: { period: "2026-W53" },
    });
    expect(given.statusCode).toBe(201);
    expect(given.json().period).toBe("2026-W53");
    const current = await inject({ method: "POST", url: "/runs", headers: bearer, payload: {} });
    expect(current.json().period).toBe(isoWeekOf(new Date()));
  });

  it("starts a new run each time without a key", async () => {
    const a = await inject({ method: "POST", url: "/runs", headers: bearer, payload: {} });
    const b = await inject({ method: "POST", url: "/runs", headers: bearer, payload: {} });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).not.toBe(b.json().id);
  });

  it("answers 400 saying what is wrong", async () => {
    const cases: Array<[unknown, string]> = [
      [{ maxPages: 0 }, "body.maxPages"],
      [{ maxPages: 2.5 }, "body.maxPages"],
      [{ mode: "prod" }, "body.mode"],
      [{ idempotencyKey: "has space" }, "body.idempotencyKey"],
      [{ max_pages: 3 }, 'Unrecognized key: "max_pages"'],
      [{ period: "2026-W54" }, "body.period: no such ISO week"],
      [{ period: "2025-W53" }, "body.period: no such ISO week"],
      [{ period: "2026-W00" }, "body.period: no such ISO week"],
      [{ period: "last week" }, "body.period: an ISO week written YYYY-Www"],
    ];
    for (const [payload, expected] of cases) {
      const res = await inject({ method: "POST", url: "/runs", headers: bearer, payload: payload as object });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toBe("Bad Request");
      expect(res.json().message).toContain(expected);
    }
    const notJson = await inject({
      method: "POST",
      url: "/runs",
      headers: { ...bearer, "content-type": "application/json" },
      payload: "{maxPages: 3",
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().message).toMatch(/JSON/);
  });
});

describe("GET /runs", () => {
  it("pages through runs, newest first", async () => {
    const all = (await inject({ url: "/runs?limit=100", headers: bearer })).json();
    expect(all.nextOffset).toBeNull();
    const started = all.items.map((r: { startedAt: string }) => r.startedAt);
    expect(started).toEqual([...started].sort().reverse());
    expect(all.items.length).toBeGreaterThanOrEqual(4);

    const page1 = (await inject({ url: "/runs?limit=2", headers: bearer })).json();
    const page2 = (await inject({ url: `/runs?limit=2&offset=${page1.nextOffset}`, headers: bearer })).json();
    expect(page1.nextOffset).toBe(2);
    expect([...page1.items, ...page2.items].map((r: { id: string }) => r.id)).toEqual(
      all.items.slice(0, 4).map((r: { id: string }) => r.id),
    );
  });

  it("rejects bad paging parameters", async () => {
    for (const query of ["limit=0", "limit=101", "limit=abc", "offset=-1"]) {
      const res = await inject({ url: `/runs?${query}`, headers: bearer });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().issues[0].path).toMatch(/^querystring\./);
    }
  });
});

describe("GET /runs/:id", () => {
  it("reports counts, stage counters, sources and an ETA from the throughput so far", async () => {
    const created = (await inject({ method: "POST", url: "/runs", headers: bearer, payload: {} })).json();
    const db = f.database.db;
    const startedAt = new Date(Date.now() - 100_000);
    await db.update(pipelineRuns).set({ startedAt, totalPages: 4 }).where(eq(pipelineRuns.id, created.id));
    await db.insert(runPages).values([
      { runId: created.id, page: 1, status: "done", seriesCount: 20 },
      { runId: created.id, page: 2, status: "done", seriesCount: 20 },
    ]);
    await db.insert(runSeries).values(
      Array.from({ length: 40 }, (_, i) => ({
        runId: created.id,
        seriesId: i + 1,
        page: i < 20 ? 1 : 2,
        rank: i + 1,
        outcome: i < 8 ? ("loaded" as const) : i < 10 ? ("failed" as const) : null,
      })),
    );
    const res = await inject({ url: `/runs/${created.id}`, headers: bearer });
    expect(res.statusCode).toBe(200);
    const run = res.json();
    expect(run.pages).toEqual({ total: 4, done: 2, failed: 0 });
    expect(run.series).toEqual({ discovered: 40, loaded: 8, failed: 2, pending: 30 });
    expect(run.stages).toEqual({});
    expect(run.sources).toEqual({ tmdb: 0, imdb: 0, rottenTomatoes: 0, metacritic: 0, metacriticUser: 0 });
    // 10 finished in ~100 s = 0.1/s; 4 pages of 20 = 80 expected, 70 to go: ~700 s.
    expect(run.eta.expectedSeries).toBe(80);
    expect(run.eta.seriesPerSecond).toBeCloseTo(0.1, 2);
    expect(run.eta.remainingSeconds).toBeGreaterThan(690);
    expect(run.eta.remainingSeconds).toBeLessThan(710);
    expect(Date.parse(run.eta.estimatedFinishAt) - Date.now()).toBeGreaterThan(680_000);
  });

  it("says when a running run waits at the OMDb daily quota, and until when", async () => {
    const created = (await inject({ method: "POST", url: "/runs", headers: bearer, payload: {} })).json();
    const redis = createRedis(TEST_REDIS_URL, "worker");
    const state = { day: "2026-03-10", limit: 40, resetsAt: "2026-03-11T00:00:00.000Z" };
    try {
      await publishQuotaState(redis, f.prefix, { ...state, used: 12, exhausted: false });
      expect((await inject({ url: `/runs/${created.id}`, headers: bearer })).json().waiting).toBeNull();

      await publishQuotaState(redis, f.prefix, { ...state, used: 40, exhausted: true });
      expect((await inject({ url: `/runs/${created.id}`, headers: bearer })).json().waiting).toEqual({
        reason: "omdb_daily_quota",
        until: "2026-03-11T00:00:00.000Z",
        used: 40,
        limit: 40,
      });
    } finally {
      redis.disconnect();
    }
  });

  it("knows 'latest'", async () => {
    const created = (await inject({ method: "POST", url: "/runs", headers: bearer, payload: {} })).json();
    const latest = (await inject({ url: "/runs/latest", headers: bearer })).json();
    expect(latest.id).toBe(created.id);
  });

  it("answers 404 for an unknown run and 400 for a malformed id", async () => {
    const missing = await inject({ url: "/runs/00000000-0000-4000-8000-000000000000", headers: bearer });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain("no run");
    const bad = await inject({ url: "/runs/42", headers: bearer });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe("params.id");
  });
});

describe("POST /runs/:id/cancel", () => {
  it("cancels a running run once, then answers 409", async () => {
    const run = (await inject({ method: "POST", url: "/runs", headers: bearer, payload: {} })).json();
    const cancelled = await inject({ method: "POST", url: `/runs/${run.id}/cancel`, headers: bearer });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: run.id, status: "cancelled", eta: null });
    expect(cancelled.json().finishedAt).not.toBeNull();

    const again = await inject({ method: "POST", url: `/runs/${run.id}/cancel`, headers: bearer });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: "Conflict", status: "cancelled" });

    const row = await f.database.db.query.pipelineRuns.findFirst({ where: eq(pipelineRuns.id, run.id) });
    expect(row?.status).toBe("cancelled");
  });

  it("answers 404 for an unknown run, 401 without credentials", async () => {
    const url = "/runs/00000000-0000-4000-8000-000000000000/cancel";
    expect((await inject({ method: "POST", url, headers: bearer })).statusCode).toBe(404);
    expect((await inject({ method: "POST", url })).statusCode).toBe(401);
  });
});

describe("OpenAPI", () => {
  it("documents every route with its schemas at /openapi.json and serves /docs", async () => {
    const doc = (await inject({ url: "/openapi.json", headers: bearer })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/runs", "/runs/{id}", "/runs/{id}/cancel", "/healthz", "/readyz", "/metrics"]),
    );
    expect(doc.paths["/runs"].post.requestBody.content["application/json"].schema).toBeDefined();
    expect(Object.keys(doc.paths["/runs"].post.responses)).toEqual(
      expect.arrayContaining(["200", "201", "4XX", "5XX"]),
    );
    expect(doc.paths["/runs/{id}/cancel"].post.responses["409"]).toBeDefined();
    expect(Object.keys(doc.paths).some((p) => p.startsWith("/queues"))).toBe(false);
    const docs = await inject({ url: "/docs/", headers: bearer });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain("swagger");
  });
});

describe("a run's week and quality stages", () => {
  it("says which run holds the week, and that a loaded run waits for the quality worker", async () => {
    const [holder] = await f.database.db
      .insert(pipelineRuns)
      .values({ mode: "sandbox", period: "2026-W10", status: "succeeded", holdsPeriod: true })
      .returning();
    const started = await inject({
      method: "POST",
      url: "/runs",
      headers: bearer,
      payload: { period: "2026-W10" },
    });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({
      period: "2026-W10",
      holdsPeriod: false,
      periodHolderRunId: holder?.id,
    });

    const id = started.json().id as string;
    await f.database.db.update(pipelineRuns).set({ status: "validating" }).where(eq(pipelineRuns.id, id));
    const detail = (await inject({ url: `/runs/${id}`, headers: bearer })).json();
    expect(detail.status).toBe("validating");
    expect(detail.waiting).toMatchObject({
      reason: "quality_worker",
      stage: "validate",
      jobId: `${id}-validate`,
      workers: 0,
    });
    expect(detail.waiting.message).toMatch(/waiting for the quality worker/);
    expect(detail.quality).toEqual({ validation: null, transform: null });
  });
});
