/**
 * The ScaledObjects' queries, evaluated by a real Prometheus scraping the real
 * API on real Redis, read exactly the depth the API reports and the jobs that
 * really wait: plain and prioritized jobs count; delayed retries don't.
 */
import { ApiEnv, type ApiEnv as ApiEnvType, startApi } from "@tvr/api";
import { queues } from "@tvr/queues";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, type TestDatabase } from "@tvr/testing";
import { Queue } from "bullmq";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byKind, renderOverlay } from "../src/kustomize.ts";
import { type Prometheus, startPrometheus } from "../src/prometheus.ts";

const scaledObjects = byKind(renderOverlay("production").manifests, "ScaledObject");
const triggerQuery = (target: string): string => {
  const object = scaledObjects.find((s) => s.spec.scaleTargetRef.name === target);
  const [trigger] = object?.spec.triggers ?? [];
  expect(trigger?.type).toBe("prometheus");
  return trigger.metadata.query;
};

/** What the API's /metrics reports waiting (and prioritized) on these queues. */
async function apiReportedDepth(apiUrl: string, queueNames: string[]): Promise<number> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  let depth = 0;
  for (const match of text.matchAll(/^tvr_queue_jobs\{([^}]*)\} (\S+)$/gm)) {
    const labels = Object.fromEntries(
      [...(match[1] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (queueNames.includes(labels.queue ?? "") && ["waiting", "prioritized"].includes(labels.state ?? "")) {
      depth += Number(match[2]);
    }
  }
  return depth;
}

describe("KEDA scaler queries against a running API and Prometheus", () => {
  let database: TestDatabase;
  const prefix = createTestQueuePrefix("keda");
  let api: Awaited<ReturnType<typeof startApi>>;
  let prometheus: Prometheus;
  const opened: Queue[] = [];
  const open = (name: string) => {
    const queue = new Queue(name, { connection: { url: TEST_REDIS_URL }, prefix: prefix.prefix });
    opened.push(queue);
    return queue;
  };

  const apiEnv = (): ApiEnvType =>
    ApiEnv.parse({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix.prefix,
      API_PORT: "0",
      API_HOST: "127.0.0.1",
      API_AUTH_DISABLED: "true",
      LOG_LEVEL: "warn",
    });

  beforeAll(async () => {
    database = await createTestDatabase("keda");
    api = await startApi(apiEnv(), pino({ level: "warn" }));

    const rt = open(queues.scrapeRt.name);
    const mc = open(queues.scrapeMc.name);
    const omdb = open(queues.omdb.name);
    const scrape = { runId: "r", seriesId: 1 };
    await rt.addBulk(Array.from({ length: 5 }, (_, i) => ({ name: "scrape", data: { ...scrape, i } })));
    await rt.addBulk(
      Array.from({ length: 3 }, (_, i) => ({ name: "scrape", data: scrape, opts: { priority: i + 1 } })),
    );
    await rt.add("scrape", scrape, { delay: 3_600_000 });
    await mc.addBulk(Array.from({ length: 4 }, () => ({ name: "scrape", data: scrape })));
    await omdb.addBulk(Array.from({ length: 6 }, () => ({ name: "lookup", data: {} })));
    await omdb.add("lookup", {}, { priority: 5 });
    await omdb.add("lookup", {}, { delay: 3_600_000 });

    prometheus = await startPrometheus([new URL(api.url).host]);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await api?.close();
    await Promise.all(opened.map((q) => q.close()));
    await prefix.cleanup();
    await database?.drop();
  });

  const cases = [
    { target: "scraper", queueNames: [queues.scrapeRt.name, queues.scrapeMc.name], waiting: 5 + 3 + 4 },
    { target: "omdb-enricher", queueNames: [queues.omdb.name], waiting: 6 + 1 },
  ];

  it.each(cases)(
    "the $target query reads the depth the API reports",
    async ({ target, queueNames, waiting }) => {
      const query = triggerQuery(target);
      let scaled = Number.NaN;
      const deadline = Date.now() + 30_000;
      while (Number.isNaN(scaled) && Date.now() < deadline) {
        scaled = await prometheus.query(query);
        if (Number.isNaN(scaled)) await new Promise((r) => setTimeout(r, 500));
      }
      expect(await apiReportedDepth(api.url, queueNames)).toBe(waiting);
      expect(scaled).toBe(waiting);
    },
  );

  it("counts every api replica once (two scrape targets report the same queues)", async () => {
    const replica = await startApi(apiEnv(), pino({ level: "warn" }));
    const second = await startPrometheus([new URL(api.url).host, new URL(replica.url).host]);
    try {
      const query = triggerQuery("scraper");
      const deadline = Date.now() + 30_000;
      let targets = 0;
      while (targets !== 2 && Date.now() < deadline) {
        targets = await second.query('count(up{job="tvr"} == 1)');
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(targets).toBe(2);
      expect(
        await second.query(`sum(tvr_queue_jobs{queue=~"scrape-rt|scrape-mc",state=~"waiting|prioritized"})`),
      ).toBe(24);
      expect(await second.query(query)).toBe(12);
    } finally {
      await second.stop();
      await replica.close();
    }
  });
});
