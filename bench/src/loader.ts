import type { DatabaseHandle } from "@tvr/db";
import { LoaderEnv, type LoadItem, loadLoaderEnv, startLoader, writeBatch } from "@tvr/loader";
import { BASE_WEEK } from "@tvr/sandbox";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL } from "@tvr/testing";
import { type BenchSeries, benchSeries, loadItemOf, NO_CHILDREN } from "./loader-items.ts";
import { loadJobs, startNoopWorker, timeLoadJobs } from "./loader-queue.ts";
import {
  assertSameCounts,
  formatLoaderTable,
  type LoaderPass,
  type RowCounts,
  totalRows,
} from "./loader-table.ts";
import {
  copyIn,
  copyOut,
  countRows,
  fingerprint,
  startLoadingRun,
  truncateStarSchema,
} from "./star-schema.ts";

export interface LoaderBenchOptions {
  size: number;
  seed?: number;
}

/** The service's default batch size: the direct passes write in the batches the service would. */
const BATCH_SIZE = LoaderEnv.shape.LOAD_BATCH_SIZE.parse(undefined);

async function timed(action: () => Promise<void>): Promise<number> {
  const startedAt = performance.now();
  await action();
  return (performance.now() - startedAt) / 1000;
}

/** The loader's own write path, batch after batch, as the service's batcher flushes them. */
async function writeInBatches(handle: DatabaseHandle, items: LoadItem[]): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    await writeBatch(handle.db, items.slice(start, start + BATCH_SIZE));
  }
}

async function newRunItems(handle: DatabaseHandle, bench: BenchSeries[], withChildren: boolean) {
  const runId = await startLoadingRun(
    handle,
    BASE_WEEK,
    bench.map((entry) => entry.series.seriesId),
  );
  return {
    runId,
    items: bench.map((entry) => loadItemOf(runId, entry.series, withChildren ? entry.outcomes : NO_CHILDREN)),
  };
}

/**
 * The loader's rows per second into the star schema, next to COPY of the same rows, a re-load
 * that must change nothing, and the queue's cost per job (the loader service behind a real
 * BullMQ queue, and a no-op worker), on a fresh database and queue prefix.
 */
export async function loaderBench(options: LoaderBenchOptions): Promise<string> {
  const seed = options.seed ?? 42;
  const bench = benchSeries({ size: options.size, seed, week: BASE_WEEK });
  const database = await createTestDatabase("loaderbench");
  const queuePrefix = createTestQueuePrefix("loaderbench");
  const pass = (path: string, seconds: number, rows: number | null): LoaderPass => ({
    path,
    series: bench.length,
    rows,
    seconds,
  });
  const checkedRows = async (label: string, expected: RowCounts) => {
    const counts = await countRows(database);
    assertSameCounts(label, expected, counts);
    return totalRows(counts);
  };
  try {
    // Warm-up (connections, JIT) on one batch, then back to empty tables.
    const warmUp = await newRunItems(database, bench.slice(0, BATCH_SIZE), true);
    await writeInBatches(database, warmUp.items);
    await truncateStarSchema(database);

    const full = await newRunItems(database, bench, true);
    const directSeconds = await timed(() => writeInBatches(database, full.items));
    const counts = await countRows(database);
    const loaded = await fingerprint(database);

    const reloadSeconds = await timed(() => writeInBatches(database, full.items));
    const reloadRows = await checkedRows("re-load of the same payloads", counts);
    if ((await fingerprint(database)) !== loaded)
      throw new Error("re-load of the same payloads changed rows");

    const dumps = await copyOut(database);
    await truncateStarSchema(database);
    const copySeconds = await timed(() => copyIn(database, dumps));
    const copyRows = await checkedRows("COPY", counts);
    if ((await fingerprint(database)) !== loaded) throw new Error("COPY did not write the loader's rows");

    // Load jobs carry no enrichment children here, so these passes write what such jobs yield.
    await truncateStarSchema(database);
    const childless = await newRunItems(database, bench, false);
    const childlessSeconds = await timed(() => writeInBatches(database, childless.items));
    const childlessRows = await checkedRows("direct load without children", counts);

    await truncateStarSchema(database);
    const queued = await newRunItems(database, bench, false);
    const service = await startLoader(
      loadLoaderEnv({
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: queuePrefix.prefix,
        METRICS_PORT: "0",
        LOG_LEVEL: "warn",
        LOAD_BATCH_SIZE: String(BATCH_SIZE),
      }),
    );
    const jobs = loadJobs(
      queued.runId,
      bench.map((entry) => entry.series),
    );
    let serviceSeconds: number;
    try {
      serviceSeconds = await timeLoadJobs(TEST_REDIS_URL, queuePrefix.prefix, jobs);
    } finally {
      await service.close();
    }
    const serviceRows = await checkedRows("loader service through the queue", counts);

    const noopPrefix = `${queuePrefix.prefix}-noop`;
    const noop = startNoopWorker(TEST_REDIS_URL, noopPrefix, BATCH_SIZE);
    let queueSeconds: number;
    try {
      queueSeconds = await timeLoadJobs(TEST_REDIS_URL, noopPrefix, jobs);
    } finally {
      await noop.close();
    }

    return formatLoaderTable({
      size: bench.length,
      seed,
      week: BASE_WEEK,
      batchSize: BATCH_SIZE,
      counts,
      copy: pass("COPY of the same rows, one transaction", copySeconds, copyRows),
      passes: [
        pass("loader direct (writeBatch)", directSeconds, totalRows(counts)),
        pass("loader re-load, same payloads (no change)", reloadSeconds, reloadRows),
        pass("loader direct, jobs' items (no children)", childlessSeconds, childlessRows),
        pass(`loader service via queue (${BATCH_SIZE} at once)`, serviceSeconds, serviceRows),
        pass(`queue alone, no-op worker (${BATCH_SIZE} at once)`, queueSeconds, null),
      ],
    });
  } finally {
    await queuePrefix.cleanup();
    await database.drop();
  }
}
