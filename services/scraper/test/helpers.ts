import { pipelineRuns } from "@tvr/db";
import { jobId, type ScrapeSite } from "@tvr/queues";
import { TEST_REDIS_URL, type TestDatabase } from "@tvr/testing";
import type { Job, Queue } from "bullmq";
import { Redis } from "ioredis";

export const queueKeyOf = (site: ScrapeSite) => (site === "rt" ? "scrapeRt" : "scrapeMc");

/** A run in the running state, so the scraper's run gate lets its jobs through. */
export async function createRun(database: TestDatabase): Promise<string> {
  const [run] = await database.db.insert(pipelineRuns).values({ mode: "sandbox" }).returning();
  if (!run) throw new Error("no run inserted");
  return run.id;
}

export const scrapeJobId = (runId: string, site: ScrapeSite, seriesId: number) =>
  jobId(runId, `scrape-${site}`, seriesId);

/**
 * Waits until every job is completed or failed, then returns them. Polls only the states of
 * the unfinished ones (cheap: no job bodies), so the test process stays responsive; the
 * sandbox timestamps requests on this process' event loop.
 */
export async function waitForJobs(queue: Queue, ids: readonly string[], timeoutMs: number): Promise<Job[]> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...ids];
  while (pending.length > 0) {
    const states = await Promise.all(pending.map((id) => queue.getJobState(id)));
    pending = pending.filter((_, index) => states[index] !== "completed" && states[index] !== "failed");
    if (pending.length === 0) break;
    if (Date.now() > deadline)
      throw new Error(`${pending.length} of ${ids.length} jobs unfinished after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
  return jobs.filter((job): job is Job => job !== undefined);
}

/** Largest number of timestamps in any window [t, t + windowMs), sliding over every arrival. */
export function maxInWindow(times: readonly number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    // biome-ignore lint/style/noNonNullAssertion: indices are within bounds
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

/**
 * Runs `work` while no other test file of this suite runs its heavy part: the scaling test
 * measures request timing at the sandbox, which a concurrent in-process scrape (Chromium
 * included) on a two-core machine would disturb. A Redis lock, so it spans vitest workers.
 */
export async function exclusively<T>(work: () => Promise<T>, maxWaitMs = 90_000): Promise<T> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  const key = "tvrtest:scraper:heavy-lock";
  const token = `${process.pid}-${Math.random()}`;
  const deadline = Date.now() + maxWaitMs;
  while ((await redis.set(key, token, "PX", 120_000, "NX")) !== "OK") {
    if (Date.now() > deadline) throw new Error(`waited ${maxWaitMs} ms for ${key}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    return await work();
  } finally {
    if ((await redis.get(key)) === token) await redis.del(key);
    await redis.quit();
  }
}
