import { createServer } from "node:net";
import { pipelineRuns } from "@tvr/db";
import { jobId, type ScrapeSite } from "@tvr/queues";
import type { TestDatabase } from "@tvr/testing";
import type { Job, Queue } from "bullmq";

export const queueKeyOf = (site: ScrapeSite) => (site === "rt" ? "scrapeRt" : "scrapeMc");

/** A run in the running state, so the scraper's run gate lets its jobs through. */
export async function createRun(database: TestDatabase): Promise<string> {
  const [run] = await database.db.insert(pipelineRuns).values({ mode: "sandbox" }).returning();
  if (!run) throw new Error("no run inserted");
  return run.id;
}

export const scrapeJobId = (runId: string, site: ScrapeSite, seriesId: number) =>
  jobId(runId, `scrape-${site}`, seriesId);

/** Polls until every job is completed or failed; returns them. */
export async function waitForJobs(queue: Queue, ids: readonly string[], timeoutMs: number): Promise<Job[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
    const states = await Promise.all(jobs.map((job) => job?.getState() ?? "missing"));
    const pending = states.filter((state) => state !== "completed" && state !== "failed").length;
    if (pending === 0) return jobs.filter((job): job is Job => job !== undefined);
    if (Date.now() > deadline)
      throw new Error(`${pending} of ${ids.length} jobs unfinished after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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

/** A TCP port free right now (for a child's METRICS_PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
