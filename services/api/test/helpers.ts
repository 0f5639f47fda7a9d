import { createLogger } from "@tvr/config";
import { controlQueue, queues } from "@tvr/queues";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, type TestDatabase } from "@tvr/testing";
import { loadApiEnv } from "../src/env.ts";
import { type RunningApi, startApi } from "../src/service.ts";

/** Every pipeline queue plus the scheduler's, sorted: what Bull Board and /metrics must show. */
export const ALL_QUEUE_NAMES = [...Object.values(queues).map((q) => q.name), controlQueue.name].sort();

export const TOKEN = "test-token-0123456789abcdef";
export const BASIC = { user: "ops", password: "correct horse battery" };
export const bearer = { authorization: `Bearer ${TOKEN}` };
export const basicHeader = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
});

export interface ApiFixture {
  api: RunningApi;
  database: TestDatabase;
  prefix: string;
  close(): Promise<void>;
}

/** A real API server (port 0) with the test credentials, on the given database and queue prefix. */
export function startApiOn(databaseUrl: string, queuePrefix: string, env: Record<string, string> = {}) {
  return startApi(
    loadApiEnv({
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      API_PORT: "0",
      API_HOST: "127.0.0.1",
      API_TOKEN: TOKEN,
      API_BASIC_USER: BASIC.user,
      API_BASIC_PASSWORD: BASIC.password,
      PIPELINE_MODE: "sandbox",
      LOG_LEVEL: "silent",
      ...env,
    }),
    createLogger({ name: "api-test", level: "silent" }),
  );
}

/** A real API server (port 0) on its own database and queue prefix. */
export async function startTestApi(label: string, env: Record<string, string> = {}): Promise<ApiFixture> {
  const database = await createTestDatabase(label);
  const queuePrefix = createTestQueuePrefix(label);
  const api = await startApiOn(database.url, queuePrefix.prefix, env);
  return {
    api,
    database,
    prefix: queuePrefix.prefix,
    async close() {
      await api.close();
      await database.drop();
      await queuePrefix.cleanup();
    },
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The value of one sample in Prometheus text format, e.g. metric('tvr_queue_jobs', { queue: 'tmdb', state: 'waiting' }). */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}
