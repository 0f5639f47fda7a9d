import { pipelineRuns } from "@tvr/db";
import { createRedis } from "@tvr/queues";
import { TEST_REDIS_URL } from "@tvr/testing";
import type { Queue } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadApiEnv } from "../src/env.ts";
import { createControlQueue, isoWeekKey, WEEKLY_SCHEDULER_ID } from "../src/scheduler.ts";
import { startApi } from "../src/service.ts";
import { type ApiFixture, startTestApi, TOKEN, waitFor } from "./helpers.ts";

let f: ApiFixture;
const redis = createRedis(TEST_REDIS_URL, "worker");
let control: Queue;

beforeAll(async () => {
  // Every second, so the test sees several firings within the same ISO week.
  f = await startTestApi("api_sched", { RUN_SCHEDULE_CRON: "*/1 * * * * *" });
  control = createControlQueue(redis, f.prefix);
});
afterAll(async () => {
  await control?.close();
  redis.disconnect();
  await f?.close();
});

describe("built-in weekly schedule", () => {
  it("is stored as a UTC job scheduler on the control queue", async () => {
    const scheduler = await control.getJobScheduler(WEEKLY_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ pattern: "*/1 * * * * *", tz: "UTC", name: "scheduled-run" });
  });

  it("starts the week's run on the first firing and returns it on the next ones", async () => {
    const done = await waitFor(
      "two scheduled firings",
      async () => {
        const jobs = await control.getJobs(["completed"], 0, -1, true);
        return jobs.length >= 2 ? jobs : undefined;
      },
      10_000,
      100,
    );
    const results = done.map((job) => job.returnvalue);
    const week = isoWeekKey(new Date(done[0]?.opts.prevMillis ?? 0));
    expect(results[0]).toMatchObject({ created: true, idempotencyKey: week });
    for (const later of results.slice(1)) {
      expect(later).toEqual({ ...results[0], created: false });
    }
    const runs = await f.database.db.query.pipelineRuns.findMany({
      where: eq(pipelineRuns.idempotencyKey, week),
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: results[0].runId, mode: "sandbox", status: "running" });
    expect(await f.database.db.$count(pipelineRuns)).toBe(1);
  });

  it("is removed when RUN_SCHEDULE_CRON is unset", async () => {
    const second = await startApi(
      loadApiEnv({
        DATABASE_URL: f.database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: f.prefix,
        API_PORT: "0",
        API_TOKEN: TOKEN,
        LOG_LEVEL: "silent",
      }),
    );
    try {
      expect(await control.getJobScheduler(WEEKLY_SCHEDULER_ID)).toBeUndefined();
      expect(await control.getJobSchedulersCount()).toBe(0);
      expect(await control.getDelayedCount()).toBe(0);
    } finally {
      await second.close();
    }
  });
});
