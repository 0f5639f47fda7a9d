import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { TEST_REDIS_URL } from "@tvr/testing";

const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");
const STARTUP_TIMEOUT_MS = 180_000;

export interface QualityWorker {
  metricsPort: number;
  outputDir: string;
  metrics(): Promise<string>;
  /** SIGTERM, then waits for the process to exit; returns its exit code. */
  stop(): Promise<number | null>;
}

/**
 * The real Python quality worker (`.venv/bin/tvr-quality`, made by scripts/setup.sh) as a
 * child process on the harness's database and queue prefix, metrics on a free port.
 */
export async function startQualityWorker(target: {
  databaseUrl: string;
  prefix: string;
}): Promise<QualityWorker> {
  const outputDir = await mkdtemp(path.join(tmpdir(), "tvr-quality-"));
  const child = spawn(path.join(REPO_ROOT, ".venv/bin/tvr-quality"), [], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: target.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: target.prefix,
      QUALITY_METRICS_PORT: "0",
      QUALITY_OUTPUT_DIR: outputDir,
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const metricsPort = await readMetricsPort(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    metricsPort,
    outputDir,
    async metrics() {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      return response.text();
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      await rm(outputDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** The worker prints `quality worker consuming <prefix>:quality; metrics on :<port>` once it is up. */
function readMetricsPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the quality worker did not start within ${STARTUP_TIMEOUT_MS} ms`));
    }, STARTUP_TIMEOUT_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the quality worker exited during start-up (code ${code})`));
    });
    if (!child.stdout) throw new Error("no stdout");
    createInterface({ input: child.stdout }).on("line", (line) => {
      const port = /metrics on :(\d+)/.exec(line)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(Number(port));
      }
    });
  });
}
