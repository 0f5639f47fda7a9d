import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createTestQueuePrefix, TEST_REDIS_URL } from "@tvr/testing";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const queue = createTestQueuePrefix("shutdown");
afterAll(() => queue.cleanup());

const env = {
  ...process.env,
  REDIS_URL: TEST_REDIS_URL,
  QUEUE_PREFIX: queue.prefix,
  METRICS_PORT: "0",
  LOG_LEVEL: "info",
  TMDB_API_KEY: "unused-in-this-test",
  TMDB_BASE_URL: "http://127.0.0.1:9/3",
  OMDB_API_KEY: "unused1",
  OMDB_BASE_URL: "http://127.0.0.1:9/",
  RT_BASE_URL: "http://127.0.0.1:9/rt",
  MC_BASE_URL: "http://127.0.0.1:9/mc",
};

/** Starts a service, waits for its "started" log line, sends SIGTERM, returns exit code and log. */
function startAndTerminate(service: string): Promise<{ code: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("node", ["--import", "tsx", `services/${service}/src/main.ts`], {
      cwd: repoRoot,
      env,
    });
    let log = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${service} did not start and stop in time:\n${log}`));
    }, 40_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/"msg":"[a-z-]+ started"/.test(log) && !child.killed) child.kill("SIGTERM");
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, log });
    });
  });
}

describe("graceful shutdown", () => {
  for (const service of ["ingestor", "omdb-enricher", "loader", "scraper"]) {
    it(`${service} closes its workers and connections on SIGTERM and exits 0`, async () => {
      const { code, log } = await startAndTerminate(service);
      expect(log).toContain('"signal":"SIGTERM"');
      expect(log).toContain('"msg":"stopped"');
      expect(code).toBe(0);
    });
  }
});
