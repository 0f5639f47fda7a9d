import { queues as contract, createRedis, jobId, parsePayload, type SeriesRecord } from "@tvr/queues";
import { Queue, Worker } from "bullmq";

/** Load jobs for `series` of a run, with the contract's options and job ids (as the ingestor adds them). */
export function loadJobs(runId: string, series: SeriesRecord[]) {
  return series.map((record) => ({
    name: "series",
    data: parsePayload("load", "series", { runId, series: record }),
    opts: { ...contract.load.options, jobId: jobId(runId, "load", record.seriesId) },
  }));
}

type LoadJob = ReturnType<typeof loadJobs>[number];

/**
 * Adds the jobs to the `load` queue under `prefix` and waits until a worker there has completed
 * them all; seconds from the first add to the last completion. Throws if a job fails.
 */
export async function timeLoadJobs(
  redisUrl: string,
  prefix: string,
  jobs: LoadJob[],
  timeoutSeconds = 600,
): Promise<number> {
  const connection = createRedis(redisUrl, "worker");
  const queue = new Queue(contract.load.name, { connection, prefix });
  try {
    const startedAt = performance.now();
    for (let start = 0; start < jobs.length; start += 1_000) {
      await queue.addBulk(jobs.slice(start, start + 1_000));
    }
    const deadline = startedAt + timeoutSeconds * 1000;
    for (;;) {
      const counts = await queue.getJobCounts("completed", "failed");
      if (counts.failed) throw new Error(`${counts.failed} load jobs failed`);
      if ((counts.completed ?? 0) >= jobs.length) return (performance.now() - startedAt) / 1000;
      if (performance.now() > deadline) {
        throw new Error(`${counts.completed} of ${jobs.length} load jobs done after ${timeoutSeconds} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  }
}

/** A worker on the `load` queue that does nothing: what the queue costs by itself. */
export function startNoopWorker(redisUrl: string, prefix: string, concurrency: number) {
  const connection = createRedis(redisUrl, "worker");
  const worker = new Worker(contract.load.name, async () => undefined, { connection, prefix, concurrency });
  worker.on("error", (error) => console.error("no-op worker:", error.message));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
